"""Shared fixtures: the small test catalogue (tests/fixtures) with its knowledge, engine
and consultant; the trained model; and the live servers over the demo catalogue."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
from sqlalchemy import func, select

from actions.chat import MEANINGS, messages
from bot.catalogue.needs import read_needs_file
from bot.db import session_scope
from bot.dialogue.replies import Act, Reply
from bot.dialogue.state import Consultation, Conversation
from bot.dialogue.turn import Face, Meaning, Turn
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge
from bot.language import Interpreter
from bot.serve import Servers, ensure_model, say, start_servers
from bot.settings import demo_dir
from bot.shop import Shop, open_shop
from bot.staff.accounts import add_account, find_account
from bot.store import init_database

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STAFF_PASSWORD = "a long enough password"  # the live staff server's test accounts


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
def shop(small_db: str) -> Iterator[Shop]:
    """The dialogue and its services over the small test catalogue, for one test."""
    with open_shop(small_db) as opened:
        yield opened


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo shop's catalogue, knowledge and past orders, made once per session."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    return url


@pytest.fixture
def demo_shop(demo_db: str) -> Iterator[Shop]:
    """The dialogue over the demo shop, for one test (its writes are kept for the session)."""
    with open_shop(demo_db) as opened:
        yield opened


@dataclass
class Said:
    """A message as the chat shows it: text, buttons and the custom payload."""

    text: str
    buttons: List[Dict[str, str]]
    custom: Optional[Dict[str, Any]]


class Shopper:
    """Talks to the dialogue as the chat face would, and keeps the conversation between
    turns as Rasa's slot would. ``intent`` is the Rasa intent the model would read."""

    def __init__(self, shop: Shop, sender: str = "shopper-1",
                 now: Optional[datetime] = None) -> None:
        self.shop = shop
        self.sender = sender
        self.now = now
        self.conversation = Conversation()
        self.replies: List[Reply] = []
        self.said: List[str] = []

    def say(self, text: str = "", intent: Optional[str] = None, choice: Optional[str] = None,
            sku: Optional[str] = None, confidence: float = 1.0) -> List[Said]:
        self.said.append(text)
        question, _, option = (choice or "").partition(":")
        turn = Turn(text=text, meaning=MEANINGS.get(intent or "", Meaning.UNCLEAR),
                    confidence=confidence, answer=(question, option) if choice else None,
                    sku=sku, sender=self.sender, transcript=tuple(self.said),
                    now=self.now or datetime.now())
        self.outcome = outcome = self.shop.dialogue.handle(turn, self.conversation)
        self.conversation, self.replies, self.forgotten = (outcome.conversation, outcome.replies,
                                                           outcome.forget)
        return [Said(m["text"], m["buttons"] or [], m["custom"])
                for m in messages(outcome.replies, self.shop.services.knowledge)]

    def tap(self, act: Act, label: str = "") -> List[Reply]:
        """A tap on the tablet: the act as the turn's meaning (no words, no intent)."""
        self.said.append(label)
        turn = Turn(meaning=act.meaning, answer=act.answer, sku=act.sku, face=Face.TABLET,
                    sender=self.sender, transcript=tuple(self.said),
                    now=self.now or datetime.now())
        self.outcome = self.shop.dialogue.handle(turn, self.conversation)
        self.conversation, self.replies = self.outcome.conversation, self.outcome.replies
        return self.replies

    @property
    def consultation(self) -> Consultation:
        return self.conversation.consultation

    @property
    def pending(self) -> Optional[str]:
        return self.consultation.pending


def bundle_of(replies: List[Said]) -> Dict[str, Any]:
    """The last list offered in these replies (its payload)."""
    payloads = [r.custom for r in replies if r.custom and r.custom["type"] == "bundle"]
    assert payloads, [r.text for r in replies]
    return payloads[-1]


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

    @property
    def staff_url(self) -> str:
        return self.servers.staff_url

    def staff_account(self, name: str, role: str = "attendant",
                      password: str = STAFF_PASSWORD) -> str:
        """An account on the live staff server (made once per name); its password."""
        with session_scope(self.database_url) as session:
            if find_account(session, name) is None:
                add_account(session, name, role, password, datetime.now())
        return password

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return say(self.rasa_url, sender, text)


TEST_DELAY_S = "0.001"
"""The base of the doubling delay after a failed recognition, in the servers the tests
start: small, so that a run of failures costs the suite nothing (tests assert on the
replies and the lock-outs, never on time)."""
REST_CHANNEL = "edge.rest.ShopRestInput"


@pytest.fixture(scope="session")
def live_servers(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServers]:
    """The real action server, Rasa server, shop page and staff server on free loopback
    ports, over a fresh demo catalogue and tracker store of their own. The REST channel trusts the
    loopback peer as a proxy, so that a test can speak for many shoppers' addresses
    through X-Forwarded-For (tests/e2e/test_enumeration.py)."""
    folder = tmp_path_factory.mktemp("servers")
    url = f"sqlite:///{folder / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    servers = start_servers(ROOT, model=trained_model, rasa_port=free_port(),
                            actions_port=free_port(), page_port=free_port(),
                            staff_port=free_port(),
                            env={"BOT_DATABASE_URL": url,
                                 "BOT_RECOGNITION_DELAY_S": TEST_DELAY_S},
                            tracker_db=folder / "tracker.db", run_dir=folder,
                            channels={REST_CHANNEL: {"trusted_proxies": ["127.0.0.1"]}})
    try:
        yield LiveServers(servers, folder, url)
    finally:
        servers.stop()
