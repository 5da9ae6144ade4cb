"""The actions as the action server runs them: a rasa-sdk tracker in, events and
dispatched messages out."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CATALOGUE_DOWN, CONSULTATION_SLOT
from actions.consult import (
    ActionBundleChoice,
    ActionConsult,
    ActionOffTopic,
    ActionProductInfo,
    ActionResume,
    ActionStartOver,
)


def tracker(text: str, intent: str, state: Optional[Dict[str, Any]] = None,
            entities: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9},
               "entities": entities or []}
    return Tracker("shopper-1", {CONSULTATION_SLOT: state}, message, [], False, None, {},
                   "action_listen")


async def run(action, text: str, intent: str, state=None, entities=None):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker(text, intent, state, entities), {})
    return dispatcher.messages, events


def state_of(events) -> Dict[str, Any]:
    return next(e["value"] for e in events if e["event"] == "slot" and e["name"] == CONSULTATION_SLOT)


@pytest.fixture(autouse=True)
def catalogue(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    return small_db


async def test_consult_asks_and_keeps_state_in_the_slot() -> None:
    messages, events = await run(ActionConsult(), "Do you have a 10mm drill?", "request_item")
    assert messages[0]["text"].startswith("We do.")
    assert messages[0]["buttons"][0]["payload"] == '/inform{"choice":"job:hang_picture"}'
    assert messages[0]["custom"]["type"] == "question"
    assert state_of(events)["pending"] == "job"


async def test_button_payload_text_is_not_read_as_words() -> None:
    _, events = await run(ActionConsult(), "Do you have a 10mm drill?", "request_item")
    state = state_of(events)
    messages, events = await run(ActionConsult(), '/inform{"choice":"job:hang_picture"}',
                                 "inform", state, [{"entity": "choice", "value": "job:hang_picture"}])
    assert messages[0]["text"] == "What is the wall made of?"
    assert state_of(events)["known"]["job"] == ["hang_picture"]


async def test_bundle_is_sent_as_text_and_custom_payload() -> None:
    messages, events = await run(ActionConsult(), "a light picture on my brick wall", "describe_job")
    bundle = messages[0]["custom"]
    assert bundle["type"] == "bundle" and bundle["currency"] == "GBP"
    assert "Total £" in messages[0]["text"]
    drop = next(b for b in messages[0]["buttons"] if b["title"].startswith("Drop"))
    sku = drop["payload"].split('"sku":"')[1].rstrip('"}')
    messages, events = await run(ActionBundleChoice(), drop["payload"], "drop_item",
                                 state_of(events), [{"entity": "sku", "value": sku}])
    assert sku not in {i["sku"] for i in state_of(events)["bundle"]["items"]}
    messages, events = await run(ActionBundleChoice(), "/take_all", "take_all", state_of(events))
    assert messages[0]["text"].startswith("Great choice")


async def test_product_info_leaves_the_consultation_alone() -> None:
    messages, events = await run(ActionProductInfo(), "where are the picture hooks?",
                                 "ask_location")
    assert "aisle 14" in messages[0]["text"] and events == []


async def test_resume_and_start_over() -> None:
    _, events = await run(ActionConsult(), "hang a picture", "describe_job")
    messages, _ = await run(ActionResume(), "what's the weather", "out_of_scope", state_of(events))
    assert messages[-1]["text"] == "What is the wall made of?"
    messages, events = await run(ActionStartOver(), "start again", "start_over", state_of(events))
    assert events == [SlotSet(CONSULTATION_SLOT, None)]


async def test_off_topic_says_what_the_shop_does_then_returns_to_the_question() -> None:
    _, events = await run(ActionConsult(), "hang a picture", "describe_job")
    messages, off_events = await run(ActionOffTopic(), "what's the weather", "out_of_scope",
                                     state_of(events))
    assert "only help with what we sell" in messages[0]["text"]
    assert messages[0]["buttons"][-1]["payload"] == "/human_handoff"
    assert messages[-1]["text"] == "What is the wall made of?" and off_events == []


async def test_an_answer_read_as_off_topic_answers_the_open_question() -> None:
    _, events = await run(ActionConsult(), "hang a picture", "describe_job")
    messages, events = await run(ActionOffTopic(), "brick", "out_of_scope", state_of(events))
    assert "only help" not in messages[0]["text"]
    assert state_of(events)["known"]["wall"] == ["brick"]


async def test_database_down_gets_an_apology_and_keeps_the_state(
        monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("BOT_DATABASE_URL", f"sqlite:///{tmp_path}/missing/nothing-here.db")
    state = {"pending": "wall", "known": {"job": ["hang_picture"]}}
    messages, events = await run(ActionConsult(), "brick", "inform", state)
    assert messages[0]["text"] == CATALOGUE_DOWN
    assert events == []
