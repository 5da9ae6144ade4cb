"""An SQL tracker store that deletes a client's stored conversations when they ask to be
forgotten.

Deleting rows from inside the action is not enough: after the action, Rasa saves the
tracker, and ``SQLTrackerStore.save`` re-adds every in-memory event the table lacks, so
the conversation would come back. Instead the forget action sets the slot
``forget_senders`` (the conversations to delete: this one and any other linked to the
client), and this store, on that save, deletes those conversations and stores nothing.
The next message starts a new, empty conversation.

Configured in endpoints.yml as ``type: edge.tracker_store.ForgetfulSQLTrackerStore``
with the usual SQL tracker store settings: SQLite (``dialect: sqlite``, ``db: FILE``) for
one Rasa server, PostgreSQL for several (``dialect: postgresql`` and the database's URL,
``url: ${BOT_TRACKER_URL}``, kept in the environment with its password; ``bot run
--replicas`` writes it). Its table, ``events``, is Rasa's; it may share the shop's
database (``bot.schema.FOREIGN_TABLES`` keeps migrations off it).
"""

from __future__ import annotations

import logging
from typing import Any, List, Optional

from rasa.core.agent import Agent
from rasa.core.tracker_store import (
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
    TrackerStore,
    create_engine_kwargs,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import SingletonThreadPool

from actions.slots import FORGET_SLOT
from edge import action_results

logger = logging.getLogger(__name__)


def _pass_on(error: Exception) -> None:
    raise error


def _tracker_store_failing_turns(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
    """Rasa's ``Agent._create_tracker_store``, with the fail-safe wrapper passing the tracker
    store's errors on.

    Rasa wraps every tracker store in ``FailSafeTrackerStore``, which, when the database
    fails, answers ``retrieve`` with "no conversation" and saves to memory instead: the turn
    runs as a brand-new conversation (the shopper's "brick" read as an opening line), and
    what it saved is lost when the database is back (or, with several Rasa servers, is in
    one server's memory only). Passing the error on fails the turn instead: the channel
    answers with the apology and "Send it again" (edge/rest.py), nothing of the turn is
    stored, and the conversation resumes where it was once the database is back.
    """
    if store is not None:
        store.domain = domain
    else:
        store = InMemoryTrackerStore(domain)
    return FailSafeTrackerStore(store, on_tracker_store_error=_pass_on)


def install() -> None:
    """Make a turn whose conversation cannot be read or stored fail (idempotent)."""
    Agent._create_tracker_store = staticmethod(_tracker_store_failing_turns)


# Rasa loads this store at start-up from endpoints.yml, before it makes its agent: the
# moment to speed up its checks of action server answers (edge/action_results.py) and to
# have store errors fail the turn.
action_results.install()
install()



def senders_to_forget(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The conversations to delete, if this turn asked for it (since the last message)."""
    for happened in reversed(tracker.events):
        if isinstance(happened, UserUttered):
            return None
        if isinstance(happened, SlotSet) and happened.key == FORGET_SLOT and happened.value:
            return sorted({tracker.sender_id, *map(str, happened.value)})
    return None


def sqlite_engine(url: Any) -> Engine:
    """An engine for the SQLite tracker database that keeps its connection open, in WAL
    mode with ``synchronous=NORMAL``.

    Every turn reads the conversation and commits its new events. Rasa's engine opens and
    closes a connection for each (SQLAlchemy 1.4 does not pool SQLite files), and closing
    the last connection to a database checkpoints it; with the default rollback journal
    each commit also syncs the file twice. Together that was about a sixth of the Rasa
    server's time per turn. In WAL mode a commit appends to the log, and committed turns
    still survive a crash or restart of the server (only a power cut may lose the last
    ones); readers never wait for the writer.
    """
    engine = create_engine(url, poolclass=SingletonThreadPool,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def postgresql_engine(url: Any) -> Engine:
    """An engine for a PostgreSQL tracker store as Rasa makes it, that also checks each
    pooled connection before a turn uses it (``pool_pre_ping``).

    After the database server restarts, every pooled connection is dead. Rasa's engine
    would hand one to the next turn, which fails (the shopper gets the apology) before the
    pool is renewed: one failed turn per server process for an outage already over. A
    ping costs one round trip on a connection already open.
    """
    return create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that forgets conversations on request."""

    engine: Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        make = {"sqlite": sqlite_engine, "postgresql": postgresql_engine}.get(
            self.engine.dialect.name)
        if make is not None:
            url = self.engine.url
            self.engine.dispose()
            self.engine = make(url)
            self.sessionmaker = sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        senders = senders_to_forget(tracker)
        if senders is None:
            await super().save(tracker)
            return
        with self.session_scope() as session:
            deleted = (session.query(self.SQLEvent)
                       .filter(self.SQLEvent.sender_id.in_(senders))
                       .delete(synchronize_session=False))
            session.commit()
        logger.info("Forgot %d stored events of %d conversation(s)", deleted, len(senders))
