"""Every shop action over a catalogue that is locked or read-only: the one apology, no
slot changed (what the shopper said is kept), and no half-written care record."""

from __future__ import annotations

import sqlite3
from typing import Iterator

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import CATALOGUE_DOWN, CONSULTATION_SLOT
from actions.care import ActionHandoff
from actions.consult import ActionConsult
from bot.care.models import Handoff
from tests.conftest import count_rows

STATE = {"pending": "wall", "known": {"job": ["hang_picture"]}, "status": "discovering"}


def tracker(text: str, intent: str) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return Tracker("shopper-1", {CONSULTATION_SLOT: STATE}, message,
                   [{"event": "user", "text": text}], False, None, {}, "action_listen")


def path_of(url: str) -> str:
    return url.split("sqlite:///", 1)[1]


@pytest.fixture
def locked(small_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    holder = sqlite3.connect(path_of(small_db), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield small_db
    holder.execute("ROLLBACK")
    holder.close()


@pytest.fixture
def read_only(small_db: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("BOT_DATABASE_URL", f"sqlite:///file:{path_of(small_db)}?mode=ro&uri=true")
    return small_db


async def test_a_locked_catalogue_gets_the_apology_and_keeps_the_state(locked: str) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionConsult().run(dispatcher, tracker("brick", "inform"), {})
    assert [m["text"] for m in dispatcher.messages] == [CATALOGUE_DOWN]
    assert events == []


async def test_a_read_only_catalogue_still_consults(read_only: str) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionConsult().run(dispatcher, tracker("brick", "inform"), {})
    assert dispatcher.messages[0]["text"] != CATALOGUE_DOWN
    assert events


async def test_a_care_record_that_cannot_be_written_leaves_nothing(read_only: str) -> None:
    before = count_rows(read_only, Handoff)
    dispatcher = CollectingDispatcher()
    events = await ActionHandoff().run(dispatcher, tracker("a person please", "human_handoff"), {})
    assert [m["text"] for m in dispatcher.messages] == [CATALOGUE_DOWN]
    assert events == []
    assert count_rows(read_only, Handoff) == before
