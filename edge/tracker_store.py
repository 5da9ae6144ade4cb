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
from sqlalchemy import event
from sqlalchemy.engine import Engine

from edge import action_results

logger = logging.getLogger(__name__)
# Rasa loads this store at start-up from endpoints.yml: the moment to speed up its checks
# of action server answers (edge/action_results.py explains why).
action_results.install()

FORGET_SLOT = "forget_senders"


def senders_to_forget(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The conversations to delete, if this turn asked for it (since the last message)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, SlotSet) and event.key == FORGET_SLOT and event.value:
            return sorted({tracker.sender_id, *map(str, event.value)})
    return None


def use_write_ahead_log(engine: Engine) -> None:
    """SQLite in WAL mode with ``synchronous=NORMAL``: a commit appends to the log instead
    of syncing the database file twice. Every turn commits its events; with the default
    rollback journal those syncs were an eighth of the Rasa server's time per turn.
    Committed turns still survive a crash or restart of the server (only a power cut may
    lose the last ones), and readers never wait for a writer."""

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode=WAL")


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that forgets conversations on request."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            use_write_ahead_log(self.engine)

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
