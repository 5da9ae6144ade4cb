"""Shared fixtures: the small test catalogue (tests/fixtures) with its knowledge, engine
and consultant; the trained model; and the live servers over the demo catalogue."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
from sqlalchemy import func, select, text

from actions.chat import MEANINGS, messages
from bot.catalogue.needs import read_needs_file
from bot.db import session_scope
from bot.dialogue.replies import Act, Reply
from bot.dialogue.state import Consultation, Conversation
from bot.dialogue.turn import Face, Meaning, Turn
from bot.discovery import DiscoveryEngine
from bot.knowledge import Knowledge
from bot.language import Interpreter
from bot.replicas import Replicas, start_replicas
from bot.serve import Servers, _wait_ready, ensure_model, say, start_servers
from bot.settings import demo_dir
from bot.shop import Shop, open_shop
from bot.staff.accounts import add_account, find_account
from bot.store import init_database
from tests.services import PostgresForTests, RedisForTests, session_folder

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STAFF_PASSWORD = "a long enough password"  # the live staff server's test accounts


# -- PostgreSQL and Redis (tests/services.py: throwaway, never a shop's) ---------------------

@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresForTests]:
    """A PostgreSQL server for the session, started on first use (tests/services.py)."""
    server = PostgresForTests()
    try:
        yield server
    finally:
        server.close()
        _remove_session_folder()


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisForTests]:
    """A Redis server for the session, started on first use."""
    server = RedisForTests()
    try:
        yield server
    finally:
        server.close()
        _remove_session_folder()


def _remove_session_folder() -> None:
    folder = session_folder()
    if folder.exists() and not any(folder.iterdir()):
        folder.rmdir()


@pytest.fixture
def pg_url(postgres: PostgresForTests) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test."""
    url = postgres.database()
    try:
        yield url
    finally:
        postgres.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each kind the shop runs on, for one test."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


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
def small_any_db(empty_db: str) -> str:
    """The small test catalogue, on SQLite and on PostgreSQL (one test each)."""
    init_database(empty_db, needs=FIXTURES / "needs_small.yml",
                  products=FIXTURES / "products_small.csv")
    return empty_db


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
    """The running assistant as the end-to-end and browser tests reach it: one action
    server and one Rasa server on SQLite (``servers``), or two of each behind nginx on
    PostgreSQL and Redis (``replicas``, bot/replicas.py)."""

    database_url: str
    tracker_url: str
    folder: Path
    servers: Optional[Servers] = None
    replicas: Optional[Replicas] = None

    @property
    def set_up(self) -> Any:
        found = self.servers or self.replicas
        assert found is not None
        return found

    @property
    def rasa_url(self) -> str:
        return str(self.set_up.rasa_url)

    @property
    def actions_url(self) -> str:
        return str(self.set_up.actions_url)

    @property
    def token(self) -> str:
        return str(self.set_up.token)

    @property
    def page_url(self) -> str:
        return str(self.set_up.page_url)

    @property
    def staff_url(self) -> str:
        return str(self.set_up.staff_url)

    def staff_account(self, name: str, role: str = "attendant",
                      password: str = STAFF_PASSWORD) -> str:
        """An account on the live staff server (made once per name); its password."""
        with session_scope(self.database_url) as session:
            if find_account(session, name) is None:
                add_account(session, name, role, password, datetime.now())
        return password

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return say(self.rasa_url, sender, text)

    def action_logs(self) -> List[Path]:
        """The action servers' logs."""
        if self.replicas is not None:
            return [server.log for server in self.replicas.actions]
        assert self.servers is not None
        return [self.servers.logs[0]]

    def stored_events(self, sender: str) -> int:
        """Events of this conversation in the Rasa tracker store."""
        with session_scope(self.tracker_url) as session:
            return session.scalar(text("SELECT count(*) FROM events WHERE sender_id = :s"),
                                  {"s": sender})

    # -- stopping and starting the Rasa server(s) under a running page -----------------------
    def stop_rasa(self) -> None:
        """Stop every Rasa server (the page and the action servers keep running)."""
        if self.replicas is not None:
            for server in self.replicas.rasa:
                server.stop()
            return
        assert self.servers is not None
        process = self.servers.processes[RASA]
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def start_rasa(self) -> None:
        """Start them again as they were (same ports, same tracker store)."""
        if self.replicas is not None:
            for server in self.replicas.rasa:
                server.start()
            for server in self.replicas.rasa:
                server.wait_ready()
            return
        assert self.servers is not None
        stopped = self.servers.processes[RASA]
        log = open(self.servers.logs[RASA], "a")
        self.servers.processes[RASA] = subprocess.Popen(
            list(stopped.args), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "BOT_DATABASE_URL": self.database_url,
                 "RASA_TOKEN": self.token})
        _wait_ready(self.servers, f"{self.rasa_url}/status?token={self.token}", RASA)


RASA = 1  # the Rasa server's index in Servers.processes
TEST_DELAY_S = "0.001"
"""The base of the doubling delay after a failed recognition, in the servers the tests
start: small, so that a run of failures costs the suite nothing (tests assert on the
replies and the lock-outs, never on time)."""
REST_CHANNEL = "edge.rest.ShopRestInput"
TWICE = ("e2e", "browser")
"""The folders of tests that may run against both set-ups (``pytest_generate_tests``)."""
SET_UPS = ("one", "replicas")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The end-to-end and browser tests run against one Rasa server and one action server
    on SQLite; those marked ``replicas`` (a test, or a whole module) also against two of each
    behind nginx on PostgreSQL and Redis, as a shop on several machines runs (README,
    docs/scaling.md): every conversation, client-care and widget test, and a
    representative few of the staff's pages, the replay and the code-guessing limits, so
    that the test command stays within CI's time. Every other test that needs live servers
    uses the first set-up only."""
    if "live_servers" in metafunc.fixturenames and \
            Path(str(metafunc.module.__file__)).parent.name in TWICE:
        both = metafunc.definition.get_closest_marker("replicas") is not None
        metafunc.parametrize("live_servers", SET_UPS if both else SET_UPS[:1], indirect=True,
                             scope="session")


@pytest.fixture(scope="session")
def live_servers(request: pytest.FixtureRequest) -> LiveServers:
    """The live assistant: the set-up the test is parametrised with, else one of each."""
    kind = getattr(request, "param", "one")
    found: LiveServers = request.getfixturevalue("one_of_each" if kind == "one" else "replicated")
    return found


@pytest.fixture(scope="session")
def one_of_each(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServers]:
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
        yield LiveServers(url, f"sqlite:///{folder / 'tracker.db'}", folder, servers=servers)
    finally:
        servers.stop()


@pytest.fixture(scope="session")
def replicated(trained_model: Path, tmp_path_factory: pytest.TempPathFactory,
               postgres: PostgresForTests, redis_server: RedisForTests) -> Iterator[LiveServers]:
    """Two Rasa servers, two action servers and two staff servers behind nginx
    (bot/replicas.py), the shop page and the staff servers pointed at nginx; conversations,
    catalogue, care records and staff accounts in one PostgreSQL database of the session's
    own, locks in its Redis. The channels and the staff servers trust nginx, so a test's
    X-Forwarded-For still names the shopper's (or the tablet's) address."""
    folder = tmp_path_factory.mktemp("replicas")
    url = postgres.database("shop")
    init_database(url, products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    replicas = start_replicas(ROOT, model=trained_model, database_url=url,
                              redis_url=redis_server.url, replicas=2, action_servers=2,
                              page_port=free_port(), staff_port=free_port(), run_dir=folder,
                              env={"BOT_RECOGNITION_DELAY_S": TEST_DELAY_S},
                              lock_prefix=redis_server.prefix)
    try:
        yield LiveServers(url, url, folder, replicas=replicas)
    finally:
        replicas.stop()
