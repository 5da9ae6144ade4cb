"""The tracker store forgets a conversation, and only when asked."""

from __future__ import annotations

from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from edge.tracker_store import FORGET_SLOT, ForgetfulSQLTrackerStore

DOMAIN = Domain.from_yaml(f"""
version: "3.1"
slots:
  {FORGET_SLOT}:
    type: list
    influence_conversation: false
    mappings: [{{type: custom}}]
""")


async def test_forgets_every_linked_conversation_and_keeps_others(tmp_path: Path) -> None:
    store = ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    for sender in ("me-web", "me-tablet", "someone-else"):
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("hi my name is Sam")],
                                                   slots=DOMAIN.slots)
        await store.save(tracker)
    tracker = await store.retrieve("me-web")
    tracker.update(UserUttered("forget me"))
    tracker.update(ActionExecuted("action_forget_me"))
    tracker.update(SlotSet(FORGET_SLOT, ["me-tablet"]))
    await store.save(tracker)
    assert await store.retrieve("me-web") is None
    assert await store.retrieve("me-tablet") is None
    assert (await store.retrieve("someone-else")).latest_message.text == "hi my name is Sam"


async def test_an_earlier_forget_does_not_wipe_later_turns(tmp_path: Path) -> None:
    store = ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    tracker = DialogueStateTracker.from_events("s", [UserUttered("hello")], slots=DOMAIN.slots)
    tracker.update(SlotSet(FORGET_SLOT, ["other"]))
    tracker.update(UserUttered("a later message"))
    await store.save(tracker)
    assert len((await store.retrieve("s")).events) == 3


async def test_a_sqlite_store_keeps_a_write_ahead_log_and_its_turns(tmp_path: Path) -> None:
    store = ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    await store.save(DialogueStateTracker.from_events("s", [UserUttered("hello")],
                                                      slots=DOMAIN.slots))
    reopened = ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    assert (await reopened.retrieve("s")).latest_message.text == "hello"
