"""The one action: every shopper's message goes to the dialogue controller (``bot.dialogue``)
and its replies come back as chat messages (or, from the attendant's tablet, as one tablet
payload: actions/tablet.py). The conversation's typed state lives in one
slot; a client who asked to be forgotten is named in ``forget_senders`` for the tracker
store (edge/tracker_store.py)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.chat import Message, messages, turn_of
from actions.slots import CONVERSATION_SLOT, FORGET_SLOT, LEGACY_SLOTS
from actions.tablet import tablet_message
from bot.db import DatabaseUnavailable
from bot.dialogue.state import Conversation
from bot.dialogue.turn import Face
from bot.shop import open_shop
from bot.wording import phrasebook

logger = logging.getLogger(__name__)



class ActionDialogue(Action):
    """A turn of the dialogue, for whatever the shopper said."""

    def name(self) -> Text:
        return "action_dialogue"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        conversation, lost = stored_conversation(tracker)
        words = phrasebook()
        try:
            with open_shop() as shop:
                turn = turn_of(tracker)
                outcome = shop.dialogue.handle(turn, conversation)
                knowledge = shop.services.knowledge
                sent = ([tablet_message(outcome, shop.dialogue.brief(outcome), knowledge)]
                        if turn.face is Face.TABLET else messages(outcome.replies, knowledge))
        except DatabaseUnavailable:
            logger.exception("catalogue database unavailable")
            dispatcher.utter_message(text=words.say("catalogue_down"))
            return []
        if lost:
            sent.insert(0, {"text": words.say("state_lost"), "buttons": None, "custom": None})
        send(dispatcher, sent)
        events: List[EventType] = [SlotSet(CONVERSATION_SLOT, outcome.conversation.to_slot())]
        events += [SlotSet(slot, None) for slot in LEGACY_SLOTS if tracker.get_slot(slot)]
        if outcome.forget:
            events.append(SlotSet(FORGET_SLOT, list(outcome.forget)))
        return events


def stored_conversation(tracker: Tracker) -> Tuple[Conversation, bool]:
    """The conversation kept in the slot (or, once, in the version 1 slots), and whether it
    could not be read and starts afresh."""
    stored: Optional[Dict[str, Any]] = tracker.get_slot(CONVERSATION_SLOT)
    if stored:
        return Conversation.from_slot(stored)
    legacy, care = (tracker.get_slot(slot) for slot in LEGACY_SLOTS)
    return Conversation.from_slot(legacy, care)


def send(dispatcher: CollectingDispatcher, sent: List[Message]) -> None:
    for message in sent:
        dispatcher.utter_message(text=message["text"], buttons=message["buttons"],
                                 json_message=message["custom"])
