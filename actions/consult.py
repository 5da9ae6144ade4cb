"""Actions of needs discovery and the bundle."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import (
    CARE_SLOT,
    CONSULTATION_SLOT,
    Outcome,
    ShopAction,
    incoming,
    transcript,
)
from actions.recognition import code_turn, for_recognition, pending_turn
from bot.shop import Shop

PRODUCT_QUESTIONS = {"ask_price": "price", "ask_stock": "stock", "ask_location": "location"}
HANDOFF_AFTER_MISUNDERSTOOD = 2
# Intents that start something new even while the care desk waits for an answer.
NEW_TOPIC = {"request_item", "describe_job", "just_the_item"}


class ActionConsult(ShopAction):
    """The shopper's words: an answer the care desk waits for, or the consultation's turn
    (read against the open question; ask the next one or offer the bundle)."""

    def name(self) -> Text:
        return "action_consult"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        checked = code_turn(shop, tracker) or pending_turn(shop, tracker, NEW_TOPIC)
        if checked is not None:  # a client code, or the name or yes/no the desk waits for
            return checked
        message = incoming(tracker)
        care = tracker.get_slot(CARE_SLOT) or {}
        waiting = care.get("pending")
        now = datetime.now()
        if waiting == "order_number" and message.intent not in NEW_TOPIC:
            care, replies = shop.desk.order_number_given(care, message.text, tracker.sender_id, now)
            if care.get("misunderstood", 0) >= HANDOFF_AFTER_MISUNDERSTOOD:
                replies += shop.desk.hand_over(tracker.sender_id, "no order number twice",
                                               tracker.get_slot(CONSULTATION_SLOT),
                                               transcript(tracker), now, care)
                care = {**care, "pending": None, "misunderstood": 0}
            return {CARE_SLOT: care}, replies
        if waiting == "gift_receipt" and message.intent in ("affirm", "deny"):
            care, replies = shop.desk.gift_receipt(care, message.intent == "affirm",
                                                   tracker.get_slot(CONSULTATION_SLOT) or {})
            care, offer = shop.desk.offer_memory(care, tracker.sender_id)
            return {CARE_SLOT: care}, replies + offer
        if waiting == "consent" and message.intent in ("affirm", "deny"):
            care, replies = shop.desk.consent(care, message.intent == "affirm", tracker.sender_id,
                                              tracker.get_slot(CONSULTATION_SLOT), now)
            return {CARE_SLOT: care}, replies
        if waiting == "name" and message.intent not in NEW_TOPIC:
            care, replies = shop.desk.name_given(care, message.text, tracker.sender_id)
            return {CARE_SLOT: care}, replies
        state = tracker.get_slot(CONSULTATION_SLOT) or {}
        if not state.get("owned"):
            # A remembered client's purchases inform the bundle, greeted or not.
            state = {**state, "owned": shop.desk.owned(tracker.sender_id) or []}
        state, replies = shop.consultant.respond(state, message)
        slots: Dict[str, Any] = {CONSULTATION_SLOT: state}
        if waiting:
            slots[CARE_SLOT] = {**care, "pending": None}
        if state.get("misunderstood", 0) >= HANDOFF_AFTER_MISUNDERSTOOD:
            replies += shop.desk.hand_over(tracker.sender_id, "not understood twice", state,
                                           transcript(tracker), now)
            state["misunderstood"] = 0
        return slots, replies


class ActionBundleChoice(ShopAction):
    """Take the whole bundle (then offer, once, to remember the client), or drop an item."""

    def name(self) -> Text:
        return "action_bundle_choice"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        message = incoming(tracker)
        state = tracker.get_slot(CONSULTATION_SLOT) or {}
        if message.intent == "drop_item":
            state, replies = shop.consultant.drop(state, message.sku, message.text)
            return {CONSULTATION_SLOT: state}, replies
        state, replies = shop.consultant.take_all(state)
        slots: Dict[str, Any] = {CONSULTATION_SLOT: state}
        if state.get("status") == "taken" and state.get("gift"):
            care, offer = shop.desk.offer_gift_receipt(tracker.get_slot(CARE_SLOT), state)
            slots[CARE_SLOT] = care
            replies += offer
        elif state.get("status") == "taken":
            care, offer = shop.desk.offer_memory(tracker.get_slot(CARE_SLOT), tracker.sender_id)
            slots[CARE_SLOT] = care
            replies += offer
        return slots, replies


class ActionProductInfo(ShopAction):
    """Price, stock and aisle of a product, from the catalogue."""

    def name(self) -> Text:
        return "action_product_info"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        message = incoming(tracker)
        asked = PRODUCT_QUESTIONS.get(message.intent or "", "price")
        return {}, shop.consultant.product_info(tracker.get_slot(CONSULTATION_SLOT),
                                                message.text, asked)


class ActionResume(ShopAction):
    """After a side conversation, bring the shopper back to the open question."""

    def name(self) -> Text:
        return "action_resume"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        return {}, shop.consultant.resume(tracker.get_slot(CONSULTATION_SLOT))


class ActionOffTopic(ActionConsult):
    """Words read as off-topic: what the shop can help with, then back to the open
    question. Short answers can read as off-topic ("three or four", asked how many will
    sleep in the tent): words that answer the open question are that answer."""

    def name(self) -> Text:
        return "action_off_topic"

    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        state = tracker.get_slot(CONSULTATION_SLOT)
        if for_recognition(tracker) or \
                shop.consultant.answers_open_question(state, incoming(tracker).text or ""):
            return super().handle(shop, tracker)
        return {}, shop.consultant.off_topic(state)


class ActionStartOver(Action):
    """Forget the current consultation and start afresh (no catalogue needed)."""

    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text="Let's start afresh. What are you working on today?")
        return [SlotSet(CONSULTATION_SLOT, None)]
