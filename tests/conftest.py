"""Shared fixtures: the small test catalogue (tests/fixtures) with its knowledge, engine
and consultant; the trained model; and the live servers over the demo catalogue."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy import func, select

from bot.catalogue.database import init_database
from bot.consultation import Consultant
from bot.db import session_scope
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge
from bot.language import Interpreter
from bot.catalogue.needs import read_needs_file
from bot.serve import Servers, ensure_model, say, start_servers
from bot.settings import demo_dir

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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo catalogue (needs.yml and products.csv) in a database of its own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    return url


# -- the trained model and the live servers (trained and started once per session) -------

ROOT = Path(__file__).resolve().parent.parent


def count_rows(url: str, model: Any) -> int:
    """How many rows a table holds (to check that nothing was half-written)."""
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(model))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current training data: scripts/test.sh trains it before pytest
    (BOT_MODEL); run alone, pytest trains it here, once."""
    given = os.environ.get("BOT_MODEL")
    return Path(given) if given else ensure_model(ROOT)


@dataclass
class LiveServers:
    servers: Servers
    folder: Path
    database_url: str

    @property
    def rasa_url(self) -> str:
        return self.servers.rasa_url

    @property
    def token(self) -> str:
        return self.servers.token

    @property
    def page_url(self) -> str:
        return self.servers.page_url

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return say(self.rasa_url, sender, text)


@pytest.fixture(scope="session")
def live_servers(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServers]:
    """The real action server, Rasa server and shop page on free loopback ports, over a
    fresh demo catalogue and tracker store of their own."""
    folder = tmp_path_factory.mktemp("servers")
    url = f"sqlite:///{folder / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    servers = start_servers(ROOT, model=trained_model, rasa_port=free_port(),
                            actions_port=free_port(), page_port=free_port(),
                            env={"BOT_DATABASE_URL": url},
                            tracker_db=folder / "tracker.db", run_dir=folder)
    try:
        yield LiveServers(servers, folder, url)
    finally:
        servers.stop()
