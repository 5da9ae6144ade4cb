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
from typing import List, Optional

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

FORGET_SLOT = "forget_senders"


def senders_to_forget(tracker: DialogueStateTracker) -> Optional[List[str]]:
    """The conversations to delete, if this turn asked for it (since the last message)."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return None
        if isinstance(event, SlotSet) and event.key == FORGET_SLOT and event.value:
            return sorted({tracker.sender_id, *map(str, event.value)})
    return None


class ForgetfulSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that forgets conversations on request."""

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
