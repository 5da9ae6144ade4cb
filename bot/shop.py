"""Wiring for one unit of work: a database session, the current knowledge, the engine
and the reader for it, the shelves and the shop's words, and the dialogue over them. The
action server opens one per action call; nothing here keeps conversation state (that
lives in the tracker)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope, unavailable
from bot.dialogue.controller import Dialogue
from bot.dialogue.services import Services
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge, LatestOnly
from bot.language import interpreter_for
from bot.shelves import Shelves
from bot.wording import phrasebook

_engines: LatestOnly[DiscoveryEngine] = LatestOnly()


def engine_for(knowledge: Knowledge) -> DiscoveryEngine:
    """The discovery engine for this knowledge version (scenarios enumerated once)."""
    return _engines.get(knowledge.version, lambda: DiscoveryEngine(knowledge))


@dataclass
class Shop:
    """The shop's services and the dialogue over them, for one unit of work."""

    services: Services
    dialogue: Dialogue


@contextmanager
def open_shop(url: Optional[str] = None) -> Iterator[Shop]:
    """The shop over the catalogue database, for one unit of work (one action call).

    Raises:
        DatabaseUnavailable: the database cannot be read (missing, locked, not set up).
    """
    try:
        with session_scope(url) as session:
            knowledge = current_knowledge(session)
            services = Services(knowledge, engine_for(knowledge), interpreter_for(knowledge),
                                Shelves(knowledge, SqlCatalogue(session)), phrasebook(), session)
            yield Shop(services, Dialogue(services))
    except SQLAlchemyError as error:
        raise unavailable(error, "read the catalogue database") from error
