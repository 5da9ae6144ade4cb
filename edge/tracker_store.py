"""An SQL tracker store that deletes a client's stored conversations when they ask to be
forgotten.

Deleting rows from inside the action is not enough: after the action, Rasa saves the
tracker, and ``SQLTrackerStore.save`` re-adds every in-memory event the table lacks, so
the conversation would come back. Instead the forget action sets the slot
``forget_senders`` (the conversations to delete: this one and any other linked to the
client), and this store, on that save, deletes those conversations and stores nothing.
The next message starts a new, empty conversation.

Configured in endpoints.yml as ``type: edge.tracker_store.ForgetfulSQLTrackerStore``
with the usual SQL tracker store settings.
"""

from __future__ import annotations

import logging
from typing import Any, List, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import SingletonThreadPool

from actions.slots import FORGET_SLOT
from edge import action_results

logger = logging.getLogger(__name__)
# Rasa loads this store at start-up from endpoints.yml: the moment to speed up its checks
# of action server answers (edge/action_results.py explains why).
action_results.install()



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


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that forgets conversations on request."""

    engine: Engine

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sqlite_engine(url)
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
