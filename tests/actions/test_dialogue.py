"""The one action as the action server runs it: a rasa-sdk tracker in, events and
dispatched messages out; the conversation's state in its slot, read back next turn."""

from __future__ import annotations

import sqlite3
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.dialogue import ActionDialogue
from actions.slots import CONVERSATION_SLOT
from bot.care.models import Handoff
from bot.dialogue.state import VERSION
from tests.conftest import count_rows

CATALOGUE_DOWN = ("Sorry, I can't reach our catalogue right now. Please try again in a "
                  "minute: I've kept everything you told me.")
# What version 1 kept in its slots: the state must carry over.
LEGACY = {"pending": "wall", "known": {"job": ["hang_picture"]}, "status": "discovering"}

Slots = Dict[str, Any]


def tracker(text: str, intent: str, slots: Optional[Slots] = None,
            entities: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9},
               "entities": entities or []}
    return Tracker("shopper-1", dict(slots or {}), message, [{"event": "user", "text": text}],
                   False, None, {}, "action_listen")


async def run(text: str, intent: str, slots: Optional[Slots] = None,
              entities: Optional[List[Dict[str, Any]]] = None) -> Tuple[List[Dict], List[Dict]]:
    dispatcher = CollectingDispatcher()
    events = await ActionDialogue().run(dispatcher, tracker(text, intent, slots, entities), {})
    return dispatcher.messages, events


def slots_of(events: List[Dict[str, Any]]) -> Slots:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def state_of(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return slots_of(events)[CONVERSATION_SLOT]


def carried(events: List[Dict[str, Any]]) -> Slots:
    return {CONVERSATION_SLOT: state_of(events)}


@pytest.fixture
def catalogue(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    return small_db


async def test_consult_asks_and_keeps_state_in_the_slot(catalogue: str) -> None:
    messages, events = await run("Do you have a 10mm drill?", "request_item")
    assert messages[0]["text"].startswith("We do.")
    assert messages[0]["buttons"][0]["payload"] == '/inform{"choice":"job:hang_picture"}'
    assert messages[0]["custom"]["type"] == "question"
    state = state_of(events)
    assert state["version"] == VERSION and state["consultation"]["pending"] == "job"


async def test_button_payload_text_is_not_read_as_words(catalogue: str) -> None:
    _, events = await run("Do you have a 10mm drill?", "request_item")
    messages, events = await run('/inform{"choice":"job:hang_picture"}', "inform",
                                 carried(events),
                                 [{"entity": "choice", "value": "job:hang_picture"}])
    assert messages[0]["text"] == "What is the wall made of?"
    assert state_of(events)["consultation"]["known"]["job"] == ["hang_picture"]


async def test_bundle_is_sent_as_text_and_custom_payload(catalogue: str) -> None:
    messages, events = await run("a light picture on my brick wall", "describe_job")
    bundle = messages[0]["custom"]
    assert bundle["type"] == "bundle" and bundle["currency"] == "GBP"
    assert bundle["total_pence"] == sum(i["line_total_pence"] for i in bundle["items"])
    assert "Total £" in messages[0]["text"]
    drop = next(b for b in messages[0]["buttons"]  # the hooks: nothing else goes with them
                if b["title"].startswith("Drop") and "hook" in b["title"].lower())
    sku = drop["payload"].split('"sku":"')[1].rstrip('"}')
    messages, events = await run(drop["payload"], "drop_item", carried(events),
                                 [{"entity": "sku", "value": sku}])
    lines = state_of(events)["consultation"]["bundle"]["lines"]
    assert sku not in {line["sku"] for line in lines}
    assert all(set(line) == {"role", "sku", "quantity", "substitute_for"} for line in lines)
    messages, events = await run("/take_all", "take_all", carried(events))
    assert messages[0]["text"].startswith("Great choice")


async def test_product_info_leaves_the_consultation_alone(catalogue: str) -> None:
    _, events = await run("hang a picture", "describe_job")
    before = state_of(events)
    messages, events = await run("where are the picture hooks?", "ask_location", carried(events))
    assert "aisle 14" in messages[0]["text"]
    assert state_of(events)["consultation"] == before["consultation"]


async def test_resume_and_start_over(catalogue: str) -> None:
    _, events = await run("hang a picture", "describe_job")
    messages, events = await run("cheers", "thank", carried(events))
    assert messages[-1]["text"] == "What is the wall made of?"
    messages, events = await run("start again", "start_over", carried(events))
    assert messages[0]["text"] == "Let's start afresh. What are you working on today?"
    assert state_of(events)["consultation"]["known"] == {}


async def test_off_topic_says_what_the_shop_does_then_returns_to_the_question(
        catalogue: str) -> None:
    _, events = await run("hang a picture", "describe_job")
    messages, events = await run("what's the weather", "out_of_scope", carried(events))
    assert "only help with what we sell" in messages[0]["text"]
    assert messages[0]["buttons"][-1]["payload"] == "/human_handoff"
    assert messages[-1]["text"] == "What is the wall made of?"


async def test_an_answer_read_as_off_topic_answers_the_open_question(catalogue: str) -> None:
    _, events = await run("hang a picture", "describe_job")
    messages, events = await run("brick", "out_of_scope", carried(events))
    assert "only help" not in messages[0]["text"]
    assert state_of(events)["consultation"]["known"]["wall"] == ["brick"]


async def test_a_conversation_of_version_1_carries_over(catalogue: str) -> None:
    messages, events = await run("brick", "inform", {"consultation": LEGACY})
    assert messages[0]["text"] == "How heavy is it?"
    slots = slots_of(events)
    assert slots["consultation"] is None  # read once, then cleared
    assert slots[CONVERSATION_SLOT]["consultation"]["known"]["wall"] == ["brick"]


@pytest.mark.parametrize("stored", [
    {"version": 99, "consultation": "?"},
    {"version": 2, "turn": "many"},
    {"pending": 5, "known": [1, 2]},
])
async def test_a_state_that_cannot_be_read_starts_afresh_politely(catalogue: str,
                                                                  stored: Any) -> None:
    messages, events = await run("hang a picture", "describe_job", {CONVERSATION_SLOT: stored})
    assert messages[0]["text"].startswith("Sorry, I couldn't pick up our earlier conversation")
    assert messages[1]["text"] == "What is the wall made of?"
    assert state_of(events)["version"] == VERSION


# -- a catalogue that cannot be read or written ------------------------------------------

def path_of(url: str) -> str:
    return url.split("sqlite:///", 1)[1]


@pytest.fixture
def locked(small_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    holder = sqlite3.connect(path_of(small_db), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield small_db
    holder.execute("ROLLBACK")
    holder.close()


@pytest.fixture
def read_only(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", f"sqlite:///file:{path_of(small_db)}?mode=ro&uri=true")
    return small_db


async def test_a_locked_catalogue_gets_the_apology_and_keeps_the_state(locked: str) -> None:
    messages, events = await run("brick", "inform", {"consultation": LEGACY})
    assert [m["text"] for m in messages] == [CATALOGUE_DOWN]
    assert events == []


async def test_a_read_only_catalogue_still_consults(read_only: str) -> None:
    messages, events = await run("brick", "inform", {"consultation": LEGACY})
    assert messages[0]["text"] != CATALOGUE_DOWN
    assert events


async def test_a_care_record_that_cannot_be_written_leaves_nothing(read_only: str) -> None:
    before = count_rows(read_only, Handoff)
    messages, events = await run("a person please", "human_handoff", {"consultation": LEGACY})
    assert [m["text"] for m in messages] == [CATALOGUE_DOWN]
    assert events == []
    assert count_rows(read_only, Handoff) == before


async def test_database_down_gets_an_apology_and_keeps_the_state(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("BOT_DATABASE_URL", f"sqlite:///{tmp_path}/missing/nothing-here.db")
    messages, events = await run("brick", "inform", {"consultation": LEGACY})
    assert messages[0]["text"] == CATALOGUE_DOWN
    assert events == []
