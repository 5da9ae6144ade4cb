"""From outside: Rasa's HTTP API, which reads and changes conversations, answers only with
the token; the shopper's REST channel hands back only the replies to their own message."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.conftest import LiveServers
from tests.outside import get, post

READS = ["/conversations/{sender}/tracker", "/conversations/{sender}/story", "/domain",
         "/status", "/version/not-a-route-{sender}"]
CHANGES = [("/conversations/{sender}/messages", {"text": "hi", "sender": "user"}),
           ("/conversations/{sender}/tracker/events", [{"event": "restart"}]),
           ("/conversations/{sender}/execute", {"name": "action_dialogue"}),
           ("/conversations/{sender}/trigger_intent", {"name": "greet"}),
           ("/conversations/{sender}/predict", {}),
           ("/model/parse", {"text": "hi"})]


@pytest.fixture(scope="module")
def sender(live_servers: LiveServers) -> str:
    """A shopper whose conversation holds something worth protecting."""
    name = uuid.uuid4().hex
    live_servers.say(name, "I'm Ada, my order A1234 has a faulty drill")
    return name


@pytest.mark.parametrize("path", [p for p in READS if "not-a-route" not in p])
@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_reading_without_the_token_is_refused(live_servers: LiveServers, sender: str,
                                              path: str, token: str) -> None:
    query = "" if token is None else f"?token={token}"
    status, answer = get(f"{live_servers.rasa_url}{path.format(sender=sender)}{query}")
    assert status in (401, 403)
    assert "A1234" not in json.dumps(answer)


@pytest.mark.parametrize("path, body", CHANGES)
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_changing_without_the_token_is_refused(live_servers: LiveServers, sender: str,
                                               path: str, body: object, token: str) -> None:
    query = "" if token is None else f"?token={token}"
    url = f"{live_servers.rasa_url}{path.format(sender=sender)}{query}"
    status, _ = post(url, json.dumps(body).encode())
    assert status in (401, 403)


def test_a_token_in_a_header_of_the_wrong_kind_is_refused(live_servers: LiveServers,
                                                          sender: str) -> None:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        f"{live_servers.rasa_url}/conversations/{sender}/tracker",
        headers={"Authorization": f"Bearer {live_servers.token}"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code in (401, 403)


def test_with_the_token_the_conversation_is_there(live_servers: LiveServers, sender: str) -> None:
    url = f"{live_servers.rasa_url}/conversations/{sender}/tracker?token={live_servers.token}"
    status, answer = get(url)
    assert status == 200
    assert any("A1234" in (e.get("text") or "") for e in answer["events"])


def test_the_shopper_channel_does_not_hand_out_another_conversation(
        live_servers: LiveServers, sender: str) -> None:
    replies = live_servers.say(uuid.uuid4().hex, "what did I say before?")
    assert "A1234" not in json.dumps(replies)
