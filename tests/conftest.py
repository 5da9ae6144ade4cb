"""Fixtures over the small test catalogue (tests/fixtures): a database, the knowledge,
the engine and a consultant."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from bot.catalogue.database import init_database
from bot.consultation import Consultant
from bot.db import session_scope
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge
from bot.language import Interpreter
from bot.catalogue.needs import read_needs_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def small_knowledge() -> Knowledge:
    return read_needs_file(FIXTURES / "needs_small.yml")


@pytest.fixture(scope="session")
def small_engine(small_knowledge: Knowledge) -> DiscoveryEngine:
    return DiscoveryEngine(small_knowledge)


@pytest.fixture(scope="session")
def small_interpreter(small_knowledge: Knowledge) -> Interpreter:
    return Interpreter(small_knowledge)


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    init_database(url, needs=FIXTURES / "needs_small.yml",
                  products=FIXTURES / "products_small.csv")
    return url


@pytest.fixture
def consultant(small_db: str, small_engine: DiscoveryEngine,
               small_interpreter: Interpreter) -> Iterator[Consultant]:
    with session_scope(small_db) as session:
        knowledge = current_knowledge(session)
        yield Consultant(knowledge, SqlCatalogue(session), small_interpreter, small_engine)
