"""What every shop action shares: reading the tracker, opening the shop, sending
messages, saving the slots it changed, and the one apology when the catalogue is down."""

from __future__ import annotations

import abc
import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.consultation import Incoming, Message
from bot.db import DatabaseUnavailable
from bot.shop import Shop, open_shop

logger = logging.getLogger(__name__)

CONSULTATION_SLOT = "consultation"
CARE_SLOT = "care"
FORGET_SLOT = "forget_senders"
CATALOGUE_DOWN = ("Sorry, I can't reach our catalogue right now. Please try again in a "
                  "minute: I've kept everything you told me.")

Outcome = Tuple[Dict[str, Any], List[Message]]
"""Slots to set (only those that changed) and messages to send."""


def incoming(tracker: Tracker) -> Incoming:
    """The shopper's latest message; a button's payload text is not read as words."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    return Incoming(
        text="" if text.startswith("/") else text,
        intent=(message.get("intent") or {}).get("name"),
        choice=_entity(tracker, "choice"),
        sku=_entity(tracker, "sku"),
    )


def _entity(tracker: Tracker, name: str) -> Optional[str]:
    value = next(tracker.get_latest_entity_values(name), None)
    return None if value is None else str(value)


def transcript(tracker: Tracker) -> List[str]:
    """What the shopper said in this conversation, in order."""
    return [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]


def send(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons or None,
                                 json_message=message.custom)


class ShopAction(Action, metaclass=abc.ABCMeta):
    """An action over the shop (catalogue, consultant, care desk)."""

    @abc.abstractmethod
    def handle(self, shop: Shop, tracker: Tracker) -> Outcome:
        """The slots to set and the messages for this turn."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        try:
            with open_shop() as shop:
                slots, messages = self.handle(shop, tracker)
        except DatabaseUnavailable:
            logger.exception("catalogue database unavailable")
            dispatcher.utter_message(text=CATALOGUE_DOWN)
            return []
        send(dispatcher, messages)
        return [SlotSet(name, value) for name, value in slots.items()
                if value != tracker.get_slot(name)]
