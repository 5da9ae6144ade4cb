"""Wiring for one unit of work: a database session, the current knowledge, the engine
and the interpreter for it, and a consultant over them. The action server opens one per
action call; nothing here keeps conversation state (that lives in the tracker)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from sqlalchemy.exc import SQLAlchemyError

from bot.care.desk import CareDesk
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.consultation import Consultant
from bot.db import DatabaseUnavailable, session_scope
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge, LatestOnly
from bot.language import interpreter_for

_engines: LatestOnly[DiscoveryEngine] = LatestOnly()


def engine_for(knowledge: Knowledge) -> DiscoveryEngine:
    """The discovery engine for this knowledge version (scenarios enumerated once)."""
    return _engines.get(knowledge.version, lambda: DiscoveryEngine(knowledge))


@dataclass
class Shop:
    """The consultant and the care desk over one database session."""

    consultant: Consultant
    desk: CareDesk


@contextmanager
def open_shop(url: Optional[str] = None) -> Iterator[Shop]:
    """The shop over the catalogue database, for one unit of work (one action call).

    Raises:
        DatabaseUnavailable: the database cannot be read (missing, locked, not set up).
    """
    try:
        with session_scope(url) as session:
            knowledge = current_knowledge(session)
            catalogue = SqlCatalogue(session)
            interpreter = interpreter_for(knowledge)
            yield Shop(Consultant(knowledge, catalogue, interpreter, engine_for(knowledge)),
                       CareDesk(session, knowledge, catalogue, interpreter))
    except SQLAlchemyError as error:
        hint = " (not set up yet: run `bot db init --demo`)" if "no such table" in str(error) else ""
        raise DatabaseUnavailable(f"the catalogue database is not available{hint}: {error}") from error


@contextmanager
def open_consultant(url: Optional[str] = None) -> Iterator[Consultant]:
    """Just the consultant (for the command line)."""
    with open_shop(url) as shop:
        yield shop.consultant
