"""The action server's front door (actions/server.py): calls that are not action calls get
a 400 naming the problem, from outside against the live action server too."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.server import bad_action_call
from tests.conftest import LiveServers
from tests.outside import BODIES, post

CALL = {"next_action": "action_dialogue", "domain": {},
        "tracker": {"sender_id": "s", "slots": {}, "events": [],
                    "latest_message": {"text": "hi", "intent": {"name": "greet"}, "entities": []}}}


def call(**tracker: Any) -> dict:
    return {**CALL, "tracker": {**CALL["tracker"], **tracker}}


@pytest.mark.parametrize("body, problem", [
    (None, "JSON object"), ([CALL], "JSON object"), ({}, "next_action"),
    ({"next_action": 5, "tracker": {}}, "next_action"),
    ({"next_action": "action_consult"}, "'tracker'"),
    ({**CALL, "domain": []}, "domain"),
    (call(sender_id=None), "sender_id"), (call(slots=[]), "slots"),
    (call(events={}), "events"), (call(events=[0]), "events"),
    (call(latest_message="hi"), "latest_message"),
    (call(latest_message={"text": 5}), "text"),
    (call(latest_message={"text": "hi", "intent": "greet"}), "intent"),
    (call(latest_message={"text": "hi", "entities": {}}), "entities"),
])
def test_what_is_not_an_action_call_is_named(body: Any, problem: str) -> None:
    assert problem in (bad_action_call(body) or "")


def test_an_action_call_passes() -> None:
    assert bad_action_call(CALL) is None


def webhook(live: LiveServers) -> str:
    return f"{live.servers.actions_url}/webhook"


@pytest.mark.parametrize("body", [b'{"next_action": ', b"\xff\xfe", b"{}", b"null",
                                  b'{"next_action":"action_consult"}',
                                  json.dumps(call(sender_id=None)).encode()])
def test_malformed_action_calls_get_a_400(live_servers: LiveServers, body: bytes) -> None:
    status, answer = post(webhook(live_servers), body)
    assert status == 400 and answer["error"].startswith("not an action call")


def test_a_real_action_call_still_runs(live_servers: LiveServers) -> None:
    status, answer = post(webhook(live_servers), json.dumps(CALL).encode())
    assert status == 200 and answer["responses"]


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=BODIES | st.builds(lambda t: json.dumps(call(**t)).encode(),
                               st.dictionaries(st.sampled_from(
                                   ["sender_id", "slots", "events", "latest_message"]),
                                   st.none() | st.integers() | st.text(max_size=5)
                                   | st.lists(st.integers(), max_size=2), max_size=2)))
def test_fuzzed_action_calls_never_break_the_action_server(live_servers: LiveServers,
                                                           body: bytes) -> None:
    status, _ = post(webhook(live_servers), body)
    assert status in (200, 400, 404)
