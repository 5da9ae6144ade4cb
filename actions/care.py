"""Actions of client care: greeting returning clients, faulty products, forget-me, a human."""

from __future__ import annotations

from datetime import datetime
from typing import Text

from rasa_sdk import Tracker

from actions.base import (
    CARE_SLOT,
    CONSULTATION_SLOT,
    Outcome,
    ShopAction,
    incoming,
    transcript,
)
from actions.consult import ActionConsult
from actions.recognition import code_turn, forget_turn
from bot.consultation import new_state
from bot.shop import Shop


class ActionGreet(ShopAction):
    """Hello; for a returning client, with their last project, and what they own noted so
    that the next bundle leaves it out."""

    def name(self) -> Text:
        return "action_greet"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        checked = code_turn(shop, tracker, greeting=True)  # a code: nothing before proof
        if checked is not None:
            return checked
        owned, replies = shop.desk.greet(tracker.sender_id, incoming(tracker).text)
        if owned is None:
            return {}, replies
        state = {**new_state(), **(tracker.get_slot(CONSULTATION_SLOT) or {}), "owned": owned}
        return {CONSULTATION_SLOT: state}, replies


UNSURE = 0.5  # intent confidence below which a fault report must show a sign of a fault


class ActionReportFault(ShopAction):
    """A faulty product: find the purchase, apply the policy, record, suggest better."""

    def name(self) -> Text:
        return "action_report_fault"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        text = incoming(tracker).text
        confidence = ((tracker.latest_message or {}).get("intent") or {}).get("confidence", 1.0)
        if confidence < UNSURE and not shop.desk.shows_a_fault(text):
            # The model half thinks it a fault, yet nothing in it is one: "Do you have a 10mm
            # drill? really really..." is a request, and the consultant reads it as one.
            return ActionConsult().handle(shop, tracker)
        care, replies = shop.desk.report_fault(tracker.get_slot(CARE_SLOT), text,
                                               tracker.sender_id, datetime.now())
        return {CARE_SLOT: care}, replies


class ActionForgetMe(ShopAction):
    """Delete the client's data here, and (through the tracker store) their conversations;
    a recognised client confirms first, and the deletion is audited."""

    def name(self) -> Text:
        return "action_forget_me"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        return forget_turn(shop, tracker)


class ActionHandoff(ShopAction):
    """Queue the conversation for a colleague, with a summary of it."""

    def name(self) -> Text:
        return "action_handoff"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        return {}, shop.desk.hand_over(tracker.sender_id, "asked for a person",
                                       tracker.get_slot(CONSULTATION_SLOT), transcript(tracker),
                                       datetime.now(), tracker.get_slot(CARE_SLOT))
