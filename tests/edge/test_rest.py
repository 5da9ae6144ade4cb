"""The REST channel (edge/rest.py): checked requests, cleaned text and answered turns.

The unit tests drive ``answered`` with stand-in handlers; the rest sends bad input to the
live servers from outside, as a browser or a script could."""

from __future__ import annotations

import asyncio
import json
import uuid
from types import SimpleNamespace
from typing import Any, Dict, List, Optional

import pytest
from hypothesis import HealthCheck, given, settings
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.catalogue.models import Product
from bot.settings import SOURCE_ADDRESS_KEY
from bot.signing import sign_sender
from bot.text import MAX_MESSAGE_CHARS
from edge.rest import (
    NOT_ANSWERED,
    SIGNATURE_FIELD,
    ShopRestInput,
    answered,
    bad_message,
    bad_signature,
)
from tests.conftest import LiveServers, count_rows
from tests.outside import BODIES, post, user_texts

# -- the turn guard -------------------------------------------------------------------------


async def _turn(handler: Any) -> List[Dict[str, Any]]:
    collector = CollectingOutputChannel()
    await answered(handler, within=0.2)(UserMessage("brick", collector, "s1"))
    return collector.messages


async def test_a_turn_that_runs_out_of_time_is_cancelled_and_apologised_for() -> None:
    cancelled = asyncio.Event()

    async def stuck(message: UserMessage) -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    messages = await _turn(stuck)
    assert [m["text"] for m in messages] == [NOT_ANSWERED]
    assert messages[0]["buttons"] == [{"title": "Send it again", "payload": "brick"}]
    assert cancelled.is_set()


async def test_a_silent_turn_is_apologised_for() -> None:
    async def silent(message: UserMessage) -> None:
        return None

    assert [m["text"] for m in await _turn(silent)] == [NOT_ANSWERED]


async def test_an_answered_turn_is_left_alone() -> None:
    async def replies(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "Brick it is."})

    assert [m["text"] for m in await _turn(replies)] == ["Brick it is."]


@pytest.mark.parametrize("body, problem", [
    (None, "JSON object"), ([1, 2], "JSON object"), ("hi", "JSON object"),
    ({"message": "hi"}, "sender"), ({"sender": "", "message": "hi"}, "sender"),
    ({"sender": {"a": 1}, "message": "hi"}, "sender"), ({"sender": "x" * 200, "message": "hi"}, "sender"),
    ({"sender": "me"}, "message"), ({"sender": "me", "message": 5}, "message"),
    ({"sender": "me", "message": "hi", "metadata": [1]}, "metadata"),
])
def test_requests_that_are_not_a_message_are_named(body: Any, problem: str) -> None:
    assert problem in (bad_message(body) or "")


def test_a_message_is_accepted() -> None:
    assert bad_message({"sender": "me", "message": "", "metadata": {"page": "/"}}) is None


# -- the shopper's address and signed senders ------------------------------------------------

def request(body: Dict[str, Any], ip: str, forwarded: Optional[str] = None) -> Any:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return SimpleNamespace(json=body, ip=ip, headers=headers)


@pytest.mark.parametrize("trusted, forwarded, address", [
    ([], "198.51.100.1", "203.0.113.9"), (["203.0.113.9"], "198.51.100.1", "198.51.100.1"),
])
def test_the_address_goes_into_the_metadata_over_whatever_the_caller_said(
        trusted: List[str], forwarded: str, address: str) -> None:
    channel = ShopRestInput.from_credentials({"trusted_proxies": trusted})
    body = {"sender": "me", "message": "hi",
            "metadata": {"page": "/", SOURCE_ADDRESS_KEY: "10.9.9.9"}}
    assert channel.get_metadata(request(body, "203.0.113.9", forwarded)) == {
        "page": "/", SOURCE_ADDRESS_KEY: address}


def test_a_caller_cannot_speak_as_the_tablet() -> None:
    channel = ShopRestInput.from_credentials({})
    body = {"sender": "me", "message": "hi",
            "metadata": {"page": "/", "face": "tablet", "act": {"meaning": "finish_now"}}}
    assert channel.get_metadata(request(body, "203.0.113.9")) == {
        "page": "/", SOURCE_ADDRESS_KEY: "203.0.113.9"}


SECRET = "k" * 40


@pytest.mark.parametrize("signature, problem", [
    (None, "is required"), ("", "is required"), (5, "is required"),
    ("0" * 64, "does not sign"), (sign_sender(SECRET, "someone-else"), "does not sign"),
    (sign_sender(SECRET, "me"), None),
])
def test_a_sender_signature_is_checked(signature: Any, problem: Optional[str]) -> None:
    body = {"sender": "me", "message": "hi", SIGNATURE_FIELD: signature}
    found = bad_signature(body, SECRET)
    assert found is None if problem is None else problem in (found or "")


def test_signed_senders_need_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_SENDER_SECRET", raising=False)
    assert ShopRestInput.from_credentials(None).secret is None
    with pytest.raises(ValueError, match="BOT_SENDER_SECRET"):
        ShopRestInput.from_credentials({"signed_sender": True})
    monkeypatch.setenv("BOT_SENDER_SECRET", SECRET)
    assert ShopRestInput.from_credentials({"signed_sender": True}).secret == SECRET


# -- from outside, against the live servers --------------------------------------------------

def said(live: LiveServers, sender: str) -> List[Optional[str]]:
    return user_texts(live.rasa_url, live.token, sender)


@pytest.mark.parametrize("body", [
    b'{"sender": "m", "message": ', b'{"sender":"u","message":"drill \xff\xfe bit"}', b"null",
    b"[1, 2]", b'{"sender": "m"}', b'{"message": "hi"}', b'{"sender": "m", "message": 5}',
    b'{"sender": {"a": 1}, "message": "hi"}', b"",
])
def test_malformed_requests_get_a_400_that_says_why(live_servers: LiveServers, body: bytes) -> None:
    status, answer = post(f"{live_servers.rasa_url}/webhooks/rest/webhook", body)
    assert status == 400 and answer["error"]


def test_no_sender_does_not_open_a_shared_conversation(live_servers: LiveServers) -> None:
    post(f"{live_servers.rasa_url}/webhooks/rest/webhook", b'{"message": "my order A1234"}')
    assert said(live_servers, "default") == []


@pytest.mark.parametrize("text", [
    "", "   \n\t ", "🔨🔨 do you have a 10mm drill? 😀", "هل لديك مثقاب 10mm؟",
    "Bohrer 10mm дрель ドリル", "drill\x00\x07 bit\x1b[31m", "\u202edo you have a drill bit",
    "<script>alert(1)</script> do you have a wall plug?", "'; DROP TABLE products;--",
])
def test_odd_messages_get_a_clear_answer_and_are_kept(live_servers: LiveServers, text: str) -> None:
    sender = uuid.uuid4().hex
    replies = live_servers.say(sender, text)
    assert replies and all(r.get("text") or r.get("custom") for r in replies)
    assert not any("<script>" in (r.get("text") or "") for r in replies)
    assert len(said(live_servers, sender)) == 1


def test_a_20000_character_message_is_read_up_to_the_limit(live_servers: LiveServers) -> None:
    sender = uuid.uuid4().hex
    replies = live_servers.say(sender, "Do you have a 10mm drill? " + "really " * 2900)
    assert replies[0]["text"].startswith("We do.")
    stored = said(live_servers, sender)
    assert len(stored) == 1 and len(stored[0]) <= MAX_MESSAGE_CHARS


def test_control_characters_never_reach_the_tracker(live_servers: LiveServers) -> None:
    sender = uuid.uuid4().hex
    post(f"{live_servers.rasa_url}/webhooks/rest/webhook",
         json.dumps({"sender": sender, "message": "drill\u0000\u0007 bit"}).encode())
    assert said(live_servers, sender) == ["drill bit"]


@pytest.mark.parametrize("payload, expected", [
    ('/inform{"choice":"wall:glass"}', "isn't one of the answers I offered"),
    ('/inform{"choice":"<b>job</b>:hang_picture"}', "isn't one of the answers I offered"),
    ('/inform{"choice":5}', "isn't one of the answers I offered"),
    ('/drop_item{"sku":"\'; DROP TABLE products;--"}', "couldn't tell which item to drop"),
    ('/drop_item{"sku":"<img src=x onerror=alert(1)>"}', "couldn't tell which item to drop"),
])
def test_forged_button_payloads_are_refused_plainly(live_servers: LiveServers, payload: str,
                                                    expected: str) -> None:
    sender = uuid.uuid4().hex
    before = count_rows(live_servers.database_url, Product)
    for step in ("I want to hang a picture", "brick", "2 kg", "a combi drill"):
        live_servers.say(sender, step)
    texts = " ".join(r.get("text") or "" for r in live_servers.say(sender, payload))
    assert expected in texts
    assert "<" not in texts
    assert count_rows(live_servers.database_url, Product) == before


# -- a bounded fuzz pass ------------------------------------------------------------------------

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(body=BODIES)
def test_fuzzed_bodies_never_break_the_rest_webhook(live_servers: LiveServers, body: bytes) -> None:
    status, answer = post(f"{live_servers.rasa_url}/webhooks/rest/webhook", body)
    assert status in (200, 400)
    if status == 200:
        assert answer and all(r.get("text") or r.get("custom") for r in answer)
