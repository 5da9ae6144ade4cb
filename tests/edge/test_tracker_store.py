"""The tracker store forgets a conversation, and only when asked; on SQLite (one Rasa
server) and PostgreSQL (several)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
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


Store = Callable[[], ForgetfulSQLTrackerStore]


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """Opens the store as endpoints.yml configures it: SQLite by file, PostgreSQL by the
    database's URL (bot.serve writes ``url: ${BOT_TRACKER_URL}``)."""
    if request.param == "sqlite":
        return lambda: ForgetfulSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"))
    url = request.getfixturevalue("pg_url")
    return lambda: ForgetfulSQLTrackerStore(DOMAIN, host=url, dialect="postgresql")


async def test_forgets_every_linked_conversation_and_keeps_others(open_store: Store) -> None:
    store = open_store()
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


async def test_an_earlier_forget_does_not_wipe_later_turns(open_store: Store) -> None:
    store = open_store()
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


async def test_a_postgresql_store_carries_on_after_the_server_restarts(postgres: Any,
                                                                       pg_url: str) -> None:
    """Every pooled connection dies with the server; the next turn still gets its
    conversation (a pooled connection is checked before use)."""
    store = ForgetfulSQLTrackerStore(DOMAIN, host=pg_url, dialect="postgresql")
    await store.save(DialogueStateTracker.from_events("s", [UserUttered("hello")],
                                                      slots=DOMAIN.slots))
    assert (await store.retrieve("s")).latest_message.text == "hello"
    postgres.stop()
    postgres.start()
    assert (await store.retrieve("s")).latest_message.text == "hello"


async def test_a_store_that_fails_fails_the_turn_rather_than_starting_afresh() -> None:
    """Rasa's fail-safe wrapper would answer "no such conversation" and keep the turn in
    memory; here the error reaches the channel, which apologises (edge/rest.py)."""
    from rasa.core.agent import Agent
    from rasa.core.tracker_store import InMemoryTrackerStore

    class Down(InMemoryTrackerStore):
        async def retrieve(self, sender_id: str) -> Any:
            raise ConnectionError("the database is down")

        async def save(self, tracker: Any) -> None:
            raise ConnectionError("the database is down")

    store = Agent._create_tracker_store(Down(DOMAIN), DOMAIN)
    with pytest.raises(ConnectionError):
        await store.retrieve("s")
    with pytest.raises(ConnectionError):
        await store.save(DialogueStateTracker.from_events("s", [UserUttered("brick")],
                                                          slots=DOMAIN.slots))
