"""Recorded conversations for the replay's tests: a conversation run through the real
dialogue (over the demo shop) and stored as Rasa's SQL tracker store stores it (the
``events`` table: one row per event, the event as JSON), with the chat's own messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pytest
from sqlalchemy import create_engine

from actions.chat import messages
from actions.intents import MEANINGS
from bot.dialogue.state import Conversation
from bot.dialogue.turn import Meaning, Turn
from bot.replay.tracker import EVENTS
from bot.shop import Shop, open_shop

Said = Tuple[str, str, Optional[str]]  # words, intent, a button's choice ("question:option")


def record(shop: Shop, said: Sequence[Said], start: float = 1_780_000_000.0) \
        -> List[Dict[str, Any]]:
    """The events Rasa would store for a conversation in which the shopper said ``said``."""
    conversation = Conversation()
    events: List[Dict[str, Any]] = [{"event": "action", "name": "action_session_start",
                                     "timestamp": start}]
    clock = start
    transcript: Tuple[str, ...] = ()
    for text, intent, choice in said:
        clock += 10
        typed = "" if text.startswith("/") else text
        transcript = (*transcript, typed)
        question, _, option = (choice or "").partition(":")
        entities = [{"entity": "choice", "value": choice}] if choice else []
        events.append({"event": "user", "timestamp": clock, "text": text,
                       "parse_data": {"intent": {"name": intent, "confidence": 0.93},
                                      "entities": entities, "text": text},
                       "input_channel": "rest", "metadata": {}})
        turn = Turn(text=typed, meaning=MEANINGS.get(intent, Meaning.UNCLEAR),
                    answer=(question, option) if choice else None, sender="shopper-secret-id",
                    transcript=transcript)
        outcome = shop.dialogue.handle(turn, conversation)
        conversation = outcome.conversation
        events.append({"event": "action", "name": "action_dialogue", "timestamp": clock + 1})
        for message in messages(outcome.replies, shop.services.knowledge):
            events.append({"event": "bot", "timestamp": clock + 1, "text": message["text"],
                           "data": {"buttons": message["buttons"],
                                    "custom": message["custom"]}})
        events.append({"event": "slot", "timestamp": clock + 1, "name": "conversation",
                       "value": conversation.to_slot()})
        events.append({"event": "action", "name": "action_listen", "timestamp": clock + 2})
    return events


def store(url: str, sender: str, events: Sequence[Dict[str, Any]]) -> None:
    """Write events as Rasa's SQLTrackerStore does."""
    engine = create_engine(url, future=True)
    EVENTS.metadata.create_all(engine)
    with engine.begin() as connection:
        for event in events:
            connection.execute(EVENTS.insert().values(
                sender_id=sender, type_name=event["event"], timestamp=event.get("timestamp"),
                intent_name=(event.get("parse_data") or {}).get("intent", {}).get("name"),
                action_name=event.get("name") if event["event"] == "action" else None,
                data=json.dumps(event)))
    engine.dispose()


DRILL: List[Said] = [
    ("Have you got a 10mm drill?", "request_item", None),
    ("I'm putting up a picture for my wife", "describe_job", None),
    ("it's a brick wall", "inform", None),
    ("roughly 4 kilos", "inform", None),
    ("/take_all", "take_all", None),
    ("/deny", "deny", None),
]


@pytest.fixture
def tracker_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def recorded_drill(demo_db: str, tracker_url: str) -> str:
    """A recorded consultation that ends with the list taken; returns its sender."""
    with open_shop(demo_db) as shop:
        events = record(shop, DRILL)
    store(tracker_url, "shopper-secret-id", events)
    return "shopper-secret-id"
