"""The tablet face through the one action: a message marked as the tablet's gets one
tablet payload (replies, briefing) back; its taps arrive as acts in the metadata."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Tuple

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.chat import act_data, act_of
from actions.dialogue import ActionDialogue
from actions.slots import CONVERSATION_SLOT
from bot.dialogue.replies import Act
from bot.dialogue.turn import Meaning

Slots = Dict[str, Any]


@pytest.fixture
def catalogue(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    return small_db


async def turn(text: str, intent: str, slots: Slots, metadata: Dict[str, Any]
               ) -> Tuple[List[Dict[str, Any]], Slots]:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": [],
               "metadata": metadata}
    tracker = Tracker("tablet-1", dict(slots), message, [{"event": "user", "text": text}],
                      False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = await ActionDialogue().run(dispatcher, tracker, {})
    slots = {CONVERSATION_SLOT: next(e["value"] for e in events
                                     if e["event"] == "slot" and e["name"] == CONVERSATION_SLOT)}
    return dispatcher.messages, slots


def tablet(act: Optional[Act] = None) -> Dict[str, Any]:
    return {"face": "tablet", **({"act": act_data(act)} if act else {})}


def payload_of(messages: List[Dict[str, Any]]) -> Dict[str, Any]:
    assert len(messages) == 1, messages
    custom = messages[0]["custom"]
    assert custom["type"] == "tablet"
    json.dumps(custom)  # all of it travels as JSON
    return custom


async def test_a_typed_message_gets_the_question_with_its_reason(catalogue: str) -> None:
    sent, _ = await turn("Do you have a 10mm drill?", "request_item", {}, tablet())
    payload = payload_of(sent)
    ask = payload["replies"][-1]
    assert ask["kind"] == "ask" and ask["question"]["key"] == "job"
    assert ask["question"]["lead"] == "We do."
    assert ask["choices"][0]["act"] == {"meaning": "answer", "answer": ["job", "hang_picture"],
                                        "sku": None}
    assert payload["briefing"]["pending"] == "job"
    assert payload["briefing"]["asked_for"] == "10 mm drill bit"
    assert sent[0]["text"].startswith("We do.")


async def test_taps_travel_as_acts_whatever_the_intent(catalogue: str) -> None:
    _, slots = await turn("hang a picture", "describe_job", {}, tablet())
    # The intent read from the label is ignored: the act says what the tap meant.
    sent, slots = await turn("brick or concrete", "greet", slots,
                             tablet(Act(Meaning.ANSWER, answer=("wall", "brick"))))
    facts = payload_of(sent)["briefing"]["facts"]
    assert {f["question"]: f["answer"] for f in facts} == {
        "job": "hang something", "wall": "brick or concrete"}
    sent, _ = await turn("Finish now", "out_of_scope", slots, tablet(Act(Meaning.FINISH_NOW)))
    bundle = payload_of(sent)["briefing"]["bundle"]
    bit = next(i for i in bundle["items"] if i["role"] == "bit")
    assert bit["why"] == "to drill the holes for the plugs"
    assert "Not just any: a wood bit would not cut brick." in bit["talking_points"]
    assert {"unit_price_pence", "stock", "aisle"} <= set(bit)


async def test_an_act_from_any_other_face_is_not_read(catalogue: str) -> None:
    # Only the tablet's channel marks the face; the shoppers' channels drop these keys.
    sent, _ = await turn("hello", "greet", {}, {"act": act_data(Act(Meaning.FINISH_NOW))})
    assert not sent[0]["custom"] and "Hello" in sent[0]["text"]


@pytest.mark.parametrize("data", [None, "finish_now", {"meaning": "fly"},
                                  {"meaning": "answer", "answer": ["wall"]},
                                  {"meaning": "answer", "answer": "wall:brick"}])
def test_malformed_acts_are_read_safely(data: Any) -> None:
    act = act_of(data)
    assert act is None or (act.meaning is Meaning.ANSWER and act.answer is None)
