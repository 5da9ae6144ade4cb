"""Rasa's HTTP API (behind the token) given malformed JSON and missing fields: every call
gets an error answer in JSON, none takes the server down, and no conversation changes.

These answers are Rasa's (or Sanic's): some are 400s, and a body that is not JSON, or /model/parse
without "text", gets Rasa's 500 "ParsingError" (rasa/server.py), which this project
leaves as it is rather than patch Rasa."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import LiveServers
from tests.outside import BODIES, get, post, user_texts

ENDPOINTS = ["/model/parse", "/conversations/{sender}/messages",
             "/conversations/{sender}/tracker/events", "/conversations/{sender}/execute",
             "/conversations/{sender}/trigger_intent", "/conversations/{sender}/predict"]


@pytest.fixture(scope="module")
def sender(live_servers: LiveServers) -> str:
    name = uuid.uuid4().hex
    live_servers.say(name, "Do you have a 10mm drill?")
    return name


def url(live: LiveServers, path: str, sender: str) -> str:
    return f"{live.rasa_url}{path.format(sender=sender)}?token={live.token}"


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("body", [b'{"text": ', b"\xff\xfe", b"null", b"[]", b"{}", b'{"text": 5}',
                                  b'[{"event": "nope"}]', b'{"name": {"a": 1}}'])
def test_malformed_calls_get_an_error_and_change_nothing(live_servers: LiveServers, sender: str,
                                                         path: str, body: bytes) -> None:
    before = user_texts(live_servers.rasa_url, live_servers.token, sender)
    status, answer = post(url(live_servers, path, sender), body)
    if status == 200:  # a call that happens to be valid ({} to /predict)
        assert path.endswith("/predict")
    else:
        assert status in (400, 404, 422, 500) and answer["message"]
    assert user_texts(live_servers.rasa_url, live_servers.token, sender) == before


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=BODIES)
def test_fuzzed_parse_calls_never_take_the_server_down(live_servers: LiveServers,
                                                       body: bytes) -> None:
    status, answer = post(url(live_servers, "/model/parse", "x"), body)
    assert status in (200, 400, 500)
    if status != 200:
        assert answer["message"]
    assert get(f"{live_servers.rasa_url}/version")[0] == 200
