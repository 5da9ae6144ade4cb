"""Client care through the action: the tracker's slots in, events and messages out, the
database checked as a colleague would check it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.dialogue import ActionDialogue
from actions.slots import CONVERSATION_SLOT, FORGET_SLOT
from bot.care.models import (
    AuditRecord,
    Client,
    Handoff,
    MakerCase,
    Order,
    OrderLine,
    Project,
    RecognitionFailure,
    ReturnCase,
)
from bot.db import session_scope

SENDER = "shopper-7"


class Talk:
    """One shopper's conversation: the slots carried from action to action."""

    def __init__(self, sender: str = SENDER) -> None:
        self.sender = sender
        self.slots: Dict[str, Any] = {CONVERSATION_SLOT: None}
        self.said: List[Dict[str, Any]] = []

    async def turn(self, text: str, intent: str,
                   entities: Optional[List[Dict[str, Any]]] = None,
                   confidence: float = 0.9,
                   metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        message = {"text": text, "intent": {"name": intent, "confidence": confidence},
                   "entities": entities or [], "metadata": metadata or {}}
        self.said.append({"event": "user", "text": text})
        tracker = Tracker(self.sender, dict(self.slots), message, list(self.said), False, None,
                          {}, "action_listen")
        dispatcher = CollectingDispatcher()
        for event in await ActionDialogue().run(dispatcher, tracker, {}):
            if isinstance(event, dict) and event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return dispatcher.messages


def owned(talk: Talk) -> list:
    return (talk.slots.get(CONVERSATION_SLOT) or {}).get("consultation", {}).get("owned", [])


def waiting(talk: Talk) -> str:
    return talk.slots[CONVERSATION_SLOT]["waiting"]


def custom(messages: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    return next((m["custom"] for m in messages if (m.get("custom") or {}).get("type") == kind),
                None)


def count(url: str, model) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model))


@pytest.fixture(autouse=True)
def shop(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    with session_scope(small_db) as session:
        order = Order(number="A1001", placed_on=date.today() - timedelta(days=120))
        order.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                     unit_price_cents=3900))
        session.add(order)
    return small_db


async def test_faulty_poles_come_back(shop: str) -> None:
    talk = Talk()
    said = await talk.turn("the locks on my poles keep slipping since "
                           "I used them in the desert", "report_fault")
    assert "what's the order number?" in said[0]["text"]
    said = await talk.turn("it's A1001", "inform")
    assert custom(said, "return") == {"type": "return", "order": "A1001", "sku": "POLE-T",
                                      "accepted": True, "refund": 39.0, "refund_pence": 3900,
                                      "maker_case": 1}
    assert custom(said, "product")["product"]["attributes"]["lock"] == "lever"
    with session_scope(shop) as session:
        case = session.scalar(select(ReturnCase))
        assert case.conditions == ["dust"] and "slipping" in case.defect
        assert session.scalar(select(MakerCase.feature)) == "lock"


async def test_no_order_number_ends_with_the_fault_logged_and_a_colleague(shop: str) -> None:
    talk = Talk()
    await talk.turn("my trekking poles won't lock", "report_fault")
    said = await talk.turn("I lost the receipt", "inform")
    assert "e-mail address" in said[0]["text"] and count(shop, Handoff) == 0
    said = await talk.turn("no idea where it is", "dont_know")
    assert said[0]["text"].startswith("I'm sorry the trekking poles let you down")
    assert custom(said, "handoff")["reason"] == "refund without an order"
    with session_scope(shop) as session:
        summary = session.scalar(select(Handoff.summary))
    assert summary["fault"]["category"] == "trekking_poles"
    assert summary["transcript"] == ["my trekking poles won't lock", "I lost the receipt",
                                     "no idea where it is"]
    assert waiting(talk) == "nothing"


async def bundle_for_dad(talk: Talk) -> None:
    await talk.turn("drill bits for my dad", "request_item")
    await talk.turn("he wants to hang a picture", "describe_job")
    await talk.turn("brick", "inform")
    said = await talk.turn("3 kg", "inform")
    assert custom(said, "question")["question"] == "gift_owned"
    said = await talk.turn("/inform", "inform",
                           [{"entity": "choice", "value": "gift_owned:screw"}])
    assert custom(said, "bundle")


async def test_a_gift_gets_a_receipt_without_prices_then_the_memory_offer(shop: str) -> None:
    talk = Talk()
    await bundle_for_dad(talk)
    said = await talk.turn("/take_all", "take_all")
    assert "gift receipt" in said[-1]["text"] and "your dad" in said[-1]["text"]
    assert waiting(talk) == "gift_receipt"
    said = await talk.turn("yes please", "affirm")
    receipt = custom(said, "gift_receipt")
    assert receipt["for"] == "your dad" and receipt["items"]
    assert all(set(i) == {"name", "quantity"} for i in receipt["items"])  # no prices
    assert "£" not in said[0]["text"]
    assert "remember" in said[-1]["text"] and waiting(talk) == "consent"
    said = await talk.turn("yes", "affirm")
    with session_scope(shop) as session:
        project = session.scalar(select(Project))
        assert project.skus == [] and project.answers["gift_for"] == "your dad"
    said = await talk.turn("hello again", "greet")
    assert "Did your dad like the present to hang a picture or mirror?" in said[0]["text"]


async def remembered_hiker(talk: Talk) -> None:
    """A shopper who bought poles for dusty trails and agreed to be remembered."""
    await talk.turn("I need to go hiking on dusty trails", "describe_job")
    await talk.turn("/take_all", "take_all")
    await talk.turn("yes", "affirm")


async def test_refused_consent_keeps_nothing(shop: str) -> None:
    talk = Talk()
    await talk.turn("I need to go hiking on dusty trails", "describe_job")
    said = await talk.turn("/take_all", "take_all")
    assert "remember" in said[-1]["text"]
    said = await talk.turn("no thanks", "deny")
    assert said[0]["text"] == "No problem: I won't keep anything about you."
    assert count(shop, Client) == 0 and count(shop, Project) == 0
    said = await talk.turn("/take_all", "take_all")
    assert not any("remember" in m["text"] for m in said)  # offered once


async def test_a_remembered_clients_purchases_are_left_out(shop: str) -> None:
    talk = Talk()
    await remembered_hiker(talk)
    await talk.turn("call me Sam", "inform")
    again = Talk()  # the same client, later, on this conversation: no greeting needed
    again.sender = talk.sender
    said = await again.turn("I'm going hiking in the desert again", "describe_job")
    assert "You already have the Trail poles lever lock from last time" in said[0]["text"]
    said = await again.turn("hi", "greet")
    assert said[0]["text"].startswith("Welcome back, Sam! How did it go when you set out to "
                                      "hike on rough ground on ")


async def test_forget_me_deletes_the_client_and_asks_for_the_conversations(shop: str) -> None:
    talk = Talk()
    await remembered_hiker(talk)
    await talk.turn("can I talk to a person", "human_handoff")
    said = await talk.turn("forget me", "forget_me")
    assert "Shall I delete everything" in said[0]["text"] and count(shop, Client) == 1
    said = await talk.turn("/affirm", "affirm")
    assert said[0]["text"].startswith("Done: I've deleted")
    assert talk.slots[FORGET_SLOT] == [SENDER]
    assert talk.slots[CONVERSATION_SLOT]["consultation"]["bundle"] is None
    for model in (Client, Project, Handoff):
        assert count(shop, model) == 0, model
    with session_scope(shop) as session:
        audit = session.scalar(select(AuditRecord))
        assert (audit.action, audit.sender_id) == ("forget_me", SENDER)
        assert audit.detail["clients"] == 1 and audit.detail["handoffs"] == 1


@pytest.mark.parametrize("answer, intent", [("/deny", "deny"), ("no, keep it", "inform")])
async def test_a_client_who_does_not_confirm_keeps_everything(shop: str, answer: str,
                                                              intent: str) -> None:
    talk = Talk()
    await remembered_hiker(talk)
    await talk.turn("forget me", "forget_me")
    said = await talk.turn(answer, intent)
    assert said[0]["text"] == "All right, I've kept everything as it was."
    assert count(shop, Client) == 1 and count(shop, AuditRecord) == 0
    assert waiting(talk) == "nothing"


async def test_saying_forget_me_twice_confirms(shop: str) -> None:
    talk = Talk()
    await remembered_hiker(talk)
    await talk.turn("forget me", "forget_me")
    said = await talk.turn("yes, delete it", "forget_me")
    assert said[0]["text"].startswith("Done: I've deleted") and count(shop, Client) == 0


async def named_hiker() -> str:
    """A remembered hiker called Sam; their client code."""
    talk = Talk("web-sam")
    await remembered_hiker(talk)
    said = await talk.turn("my name is Sam", "inform")
    return said[0]["text"].split("code is ")[1][:12]


async def test_a_code_and_a_name_on_another_device(shop: str) -> None:
    code = await named_hiker()
    tablet = Talk("tablet-1")
    said = await tablet.turn(f"hello, my code is {code}", "greet",
                             metadata={"source_address": "203.0.113.5"})
    assert custom(said, "recognition")["status"] == "second_factor" and "Sam" not in said[0]["text"]
    assert not owned(tablet)
    said = await tablet.turn("Sam", "out_of_scope")
    assert said[0]["text"].startswith("Welcome back, Sam! How did it go when you set out to hike")
    assert owned(tablet) == ["POLE-L"]


async def test_a_wrong_name_is_a_failure_counted_against_the_shoppers_address(shop: str) -> None:
    code = await named_hiker()
    tablet = Talk("tablet-1")
    await tablet.turn(f"my client code is {code}", "inform",
                      metadata={"source_address": "203.0.113.5"})
    said = await tablet.turn("Pam", "inform",
                             metadata={"source_address": "203.0.113.5"})
    assert custom(said, "recognition")["status"] == "no_match" and "Sam" not in said[0]["text"]
    assert not owned(tablet)
    with session_scope(shop) as session:
        failure = session.scalar(select(RecognitionFailure))
        assert (failure.sender_id, failure.address) == ("tablet-1", "203.0.113.5")


async def test_a_stranger_who_asks_to_be_forgotten(shop: str) -> None:
    talk = Talk("stranger")
    await talk.turn("a human please", "human_handoff")
    said = await talk.turn("delete my data", "forget_me")
    assert "I don't keep anything about you" in said[0]["text"]
    assert talk.slots[FORGET_SLOT] == ["stranger"] and count(shop, Handoff) == 0


async def test_a_person_on_request_gets_the_job_and_bundle_so_far(shop: str) -> None:
    talk = Talk()
    await talk.turn("I need to go hiking on dusty trails", "describe_job")
    said = await talk.turn("let me speak to someone", "human_handoff")
    assert "number 1 in the queue" in said[0]["text"]
    with session_scope(shop) as session:
        handoff = session.scalar(select(Handoff))
        assert handoff.sender_id == SENDER and handoff.reason == "asked for a person"
        assert handoff.summary["job"] == "day_hike"
        assert [i["sku"] for i in handoff.summary["bundle"]] == ["POLE-L"]
        assert handoff.summary["transcript"][0] == "I need to go hiking on dusty trails"


async def test_two_turns_not_understood_go_to_a_person(shop: str) -> None:
    talk = Talk()
    await talk.turn("I need to hang a picture", "describe_job")
    said = await talk.turn("flibble", "nlu_fallback")
    assert custom(said, "handoff") is None
    said = await talk.turn("wibble wobble", "nlu_fallback")
    assert custom(said, "handoff")["reason"] == "not understood twice"
    with session_scope(shop) as session:
        summary = session.scalar(select(Handoff.summary))
    assert summary["job"] == "hang_picture" and summary["pending_question"] == "wall"
    assert summary["transcript"][-2:] == ["flibble", "wibble wobble"]


@pytest.mark.parametrize("text, confidence, fault", [
    ("Do you have a 10mm drill? really really really", 0.44, False),
    ("Do you have a 10mm drill? really really really", 0.9, True),  # the model is sure
    ("my poles are rubbish since the desert", 0.44, True),  # a condition of use
    ("order A1001 please", 0.44, True),
])
async def test_an_unsure_fault_report_with_no_sign_of_a_fault_is_a_request(
        text: str, confidence: float, fault: bool) -> None:
    said = await Talk().turn(text, "report_fault", confidence=confidence)
    assert said[0]["text"].startswith("We do.") is not fault
