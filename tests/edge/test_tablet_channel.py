"""The tablet's own channel (edge/tablet_channel.py): only a caller with the API token
speaks on it, only into tablet conversations, and its turns come back as the tablet
payload; the live part goes through the real Rasa and action servers."""

from __future__ import annotations

import json
import uuid
from types import SimpleNamespace
from typing import Any, Dict, Optional

import pytest

from edge.tablet_channel import authorised, bad_turn, turn_metadata
from tests.conftest import LiveServers
from tests.outside import post


@pytest.mark.parametrize("body, problem", [
    (None, "JSON object"), ({"message": "hi"}, "sender"),
    ({"sender": "shopper-1", "message": "hi"}, "tablet conversation"),
    ({"sender": "tablet-" + "x" * 200, "message": "hi"}, "tablet conversation"),
    ({"sender": "tablet-1", "message": 5}, "message"),
    ({"sender": "tablet-1", "message": "  "}, "words"),
    ({"sender": "tablet-1", "act": "finish_now"}, "act"),
    ({"sender": "tablet-1", "act": {"answer": ["wall", "brick"]}}, "act"),
])
def test_what_is_not_a_tablet_turn_is_named(body: Any, problem: str) -> None:
    assert problem in (bad_turn(body) or "")


@pytest.mark.parametrize("body", [
    {"sender": "tablet-1", "message": "brick"},
    {"sender": "tablet-1", "act": {"meaning": "finish_now"}},
])
def test_words_or_a_tap_are_a_turn(body: Dict[str, Any]) -> None:
    assert bad_turn(body) is None


@pytest.mark.parametrize("header, ok", [
    (None, False), ("Bearer wrong", False), ("Basic s3cret", False), ("Bearer s3cret", True),
    ("bearer s3cret", True),
])
def test_only_the_api_token_opens_the_channel(header: Optional[str], ok: bool) -> None:
    request = SimpleNamespace(headers={"Authorization": header} if header else {})
    assert authorised(request, "s3cret") is ok
    assert not authorised(request, "")  # no token configured: nobody


def test_the_metadata_says_tablet_and_carries_the_tap() -> None:
    act = {"meaning": "answer", "answer": ["wall", "brick"], "sku": None}
    assert turn_metadata({"sender": "tablet-1", "act": act, "address": "10.0.0.7"}) == {
        "face": "tablet", "act": act, "source_address": "10.0.0.7"}


# -- through the live servers ----------------------------------------------------------------

def tablet_turn(live: LiveServers, body: Dict[str, Any], token: Optional[str]) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return post(f"{live.rasa_url}/webhooks/tablet/webhook", json.dumps(body).encode(),
                headers=headers)


def tablet_payload(messages: Any) -> Dict[str, Any]:
    # Rasa's output sends a message's text and its payload one after the other.
    found = [m["custom"] for m in messages if m.get("custom")]
    assert len(found) == 1, messages
    return found[0]


@pytest.mark.e2e
def test_a_tablet_turn_through_rasa(live_servers: LiveServers) -> None:
    sender = f"tablet-{uuid.uuid4().hex}"
    status, answer = tablet_turn(live_servers, {"sender": sender, "message":
                                                "Do you have a 10mm drill?"}, live_servers.token)
    assert status == 200, answer
    payload = tablet_payload(answer)
    assert payload["type"] == "tablet" and payload["briefing"]["pending"] == "job"
    status, answer = tablet_turn(live_servers, {
        "sender": sender, "message": "hang something",
        "act": {"meaning": "answer", "answer": ["job", "hang_picture"]}}, live_servers.token)
    assert status == 200 and tablet_payload(answer)["briefing"]["pending"] == "wall"


@pytest.mark.e2e
@pytest.mark.parametrize("token", [None, "forged"])
def test_the_tablet_channel_refuses_a_caller_without_the_token(
        live_servers: LiveServers, token: Optional[str]) -> None:
    status, answer = tablet_turn(live_servers, {"sender": "tablet-x", "message": "hi"}, token)
    assert status == 401 and answer == {"error": "not authorised"}
