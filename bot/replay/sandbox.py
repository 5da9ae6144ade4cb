"""The dialogue for replays: over the shop's catalogue, in a transaction that is always
rolled back.

Replaying a story runs today's dialogue, and the dialogue records things as it goes (a
hand-off queued, a return case, a client remembered, a failed recognition counted). A
replay must leave no trace in the shop's records, so every write it makes is undone when it
ends. With SQLite the replay holds the write lock while it runs (a story takes well under a
second), and the action server's writes wait for it (up to the busy timeout, 5 s).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Optional

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.db import get_engine, unavailable
from bot.dialogue.controller import Dialogue
from bot.dialogue.services import Services
from bot.language import interpreter_for
from bot.shelves import Shelves
from bot.shop import Shop, engine_for
from bot.wording import phrasebook


@contextmanager
def sandbox_shop(url: Optional[str] = None) -> Iterator[Shop]:
    """The shop as ``open_shop`` gives it, whose writes are all rolled back at the end."""
    try:
        with Session(get_engine(url), future=True) as session:
            session.begin()
            try:
                knowledge = current_knowledge(session)
                services = Services(knowledge, engine_for(knowledge),
                                    interpreter_for(knowledge),
                                    Shelves(knowledge, SqlCatalogue(session)), phrasebook(),
                                    session)
                yield Shop(services, Dialogue(services))
            finally:
                session.rollback()
    except SQLAlchemyError as error:
        raise unavailable(error, "read the catalogue database") from error
