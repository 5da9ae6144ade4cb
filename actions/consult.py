"""Actions of needs discovery and the bundle."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CONSULTATION_SLOT, ShopAction, incoming
from bot.consultation import Consultant, Message

PRODUCT_QUESTIONS = {"ask_price": "price", "ask_stock": "stock", "ask_location": "location"}


class ActionConsult(ShopAction):
    """Read the shopper's words against the open question; ask the next one or offer the bundle."""

    def name(self) -> Text:
        return "action_consult"

    def handle(self, consultant: Consultant, state: Optional[Dict[str, Any]],
               tracker: Tracker) -> Tuple[Optional[Dict[str, Any]], List[Message]]:
        return consultant.respond(state, incoming(tracker))


class ActionBundleChoice(ShopAction):
    """Take the whole bundle, or drop an item from it."""

    def name(self) -> Text:
        return "action_bundle_choice"

    def handle(self, consultant: Consultant, state: Optional[Dict[str, Any]],
               tracker: Tracker) -> Tuple[Optional[Dict[str, Any]], List[Message]]:
        message = incoming(tracker)
        if message.intent == "drop_item":
            return consultant.drop(state or {}, message.sku, message.text)
        return consultant.take_all(state or {})


class ActionProductInfo(ShopAction):
    """Price, stock and aisle of a product, from the catalogue."""

    def name(self) -> Text:
        return "action_product_info"

    def handle(self, consultant: Consultant, state: Optional[Dict[str, Any]],
               tracker: Tracker) -> Tuple[Optional[Dict[str, Any]], List[Message]]:
        message = incoming(tracker)
        asked = PRODUCT_QUESTIONS.get(message.intent or "", "price")
        return None, consultant.product_info(state, message.text, asked)


class ActionResume(ShopAction):
    """After a side conversation, bring the shopper back to the open question."""

    def name(self) -> Text:
        return "action_resume"

    def handle(self, consultant: Consultant, state: Optional[Dict[str, Any]],
               tracker: Tracker) -> Tuple[Optional[Dict[str, Any]], List[Message]]:
        return None, consultant.resume(state)


class ActionStartOver(Action):
    """Forget the current consultation and start afresh (no catalogue needed)."""

    def name(self) -> Text:
        return "action_start_over"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        dispatcher.utter_message(text="Let's start afresh. What are you working on today?")
        return [SlotSet(CONSULTATION_SLOT, None)]
