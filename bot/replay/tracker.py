"""Recorded conversations, read from Rasa's SQL tracker store as plain JSON.

Rasa keeps every event of a conversation as a row of the ``events`` table (sender, type,
time, and the event itself as JSON in ``data``). This module only reads that table, through
SQLAlchemy Core: a replay never writes into a shopper's conversation. A conversation a
client asked to forget was deleted from the table (``edge/tracker_store.py``), so it is not
listed.

Sender ids are private to their shopper (whoever knows one can write into that
conversation, docs/security.md): trainers' pages and stored practice sets name a
conversation by ``conversation_ref``, a digest of the sender id that cannot be turned back.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.db import DatabaseUnavailable, unavailable

TRACKER_URL_VARIABLE = "BOT_TRACKER_URL"

Event = Dict[str, Any]

_metadata = MetaData()
EVENTS = Table(
    "events", _metadata,  # Rasa's SQLTrackerStore.SQLEvent, as Rasa 3.6 creates it
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def tracker_url(root: Path) -> str:
    """The tracker store's SQLAlchemy URL: ``BOT_TRACKER_URL``, else ``var/tracker.db``
    under ``root`` (where ``bot run`` keeps it)."""
    return os.environ.get(TRACKER_URL_VARIABLE) or f"sqlite:///{root / 'var' / 'tracker.db'}"


def conversation_ref(sender: str) -> str:
    """The name trainers see for a conversation: 16 hex digits of a digest of its sender."""
    return hashlib.sha256(f"replay:{sender}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Recorded:
    """A conversation's events, as Rasa stored them, oldest first."""

    sender: str
    events: List[Event]

    @property
    def ref(self) -> str:
        return conversation_ref(self.sender)


class TrackerEvents:
    """Read-only access to the conversations in Rasa's SQL tracker store."""

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def engine(self) -> Engine:
        return _engine(self.url)

    def senders(self, limit: int = 500) -> List[str]:
        """The conversations, latest activity first (at most ``limit``)."""
        query = (select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
                 .order_by(func.max(EVENTS.c.timestamp).desc()).limit(limit))
        return [str(row[0]) for row in self._rows(query, "list the recorded conversations")]

    def events(self, sender: str) -> Recorded:
        """Every event of one conversation (empty when there is none)."""
        query = (select(EVENTS.c.data).where(EVENTS.c.sender_id == sender)
                 .order_by(EVENTS.c.id))
        found = [json.loads(row[0]) for row in self._rows(query, "read a conversation")
                 if row[0]]
        return Recorded(sender, [e for e in found if isinstance(e, dict)])

    def find(self, name: str, limit: int = 500) -> Optional[Recorded]:
        """A conversation named by its sender id or its ref; None when there is none (the
        command line's way: whoever runs it can read the tracker store anyway)."""
        recorded = self.events(name)
        return recorded if recorded.events else self.by_ref(name, limit)

    def by_ref(self, ref: str, limit: int = 500) -> Optional[Recorded]:
        """A conversation named by its ref only (the staff pages' way: a sender id given
        there opens nothing)."""
        sender = next((s for s in self.senders(limit) if conversation_ref(s) == ref), None)
        return None if sender is None else self.events(sender)

    def _rows(self, query: Any, doing: str) -> List[Any]:
        try:
            with self.engine.connect() as connection:
                return list(connection.execute(query))
        except SQLAlchemyError as error:
            if "no such table" in str(error):
                return []  # no conversation was ever stored
            raise unavailable(error, doing) from error


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise DatabaseUnavailable(f"no tracker store at {url[len('sqlite:///'):]}: "
                                  "no conversation has been recorded yet (`bot run`)")
    return create_engine(url, future=True)


def timestamp_of(event: Event) -> Optional[datetime]:
    value = event.get("timestamp")
    return datetime.fromtimestamp(value) if isinstance(value, (int, float)) else None
