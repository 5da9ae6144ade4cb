"""What every shop action shares: reading the tracker, opening a consultant, sending
messages, and the one apology when the catalogue is down."""

from __future__ import annotations

import abc
import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.consultation import Consultant, Incoming, Message
from bot.db import DatabaseUnavailable
from bot.shop import open_consultant

logger = logging.getLogger(__name__)

CONSULTATION_SLOT = "consultation"
CATALOGUE_DOWN = ("Sorry, I can't reach our catalogue right now. Please try again in a "
                  "minute: I've kept everything you told me.")


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


def send(dispatcher: CollectingDispatcher, messages: List[Message]) -> None:
    for message in messages:
        dispatcher.utter_message(text=message.text, buttons=message.buttons or None,
                                 json_message=message.custom)


class ShopAction(Action, metaclass=abc.ABCMeta):
    """An action that works on the consultation kept in the ``consultation`` slot."""

    @abc.abstractmethod
    def handle(self, consultant: Consultant, state: Optional[Dict[str, Any]],
               tracker: Tracker) -> "tuple[Optional[Dict[str, Any]], List[Message]]":
        """The new state (None: unchanged) and the messages for this turn."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        state = tracker.get_slot(CONSULTATION_SLOT)
        try:
            with open_consultant() as consultant:
                new_state, messages = self.handle(consultant, state, tracker)
        except DatabaseUnavailable:
            logger.exception("catalogue database unavailable")
            dispatcher.utter_message(text=CATALOGUE_DOWN)
            return []
        send(dispatcher, messages)
        if new_state is None or new_state == state:
            return []
        return [SlotSet(CONSULTATION_SLOT, new_state)]
