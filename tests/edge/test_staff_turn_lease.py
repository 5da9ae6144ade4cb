"""One turn at a time per tablet shopper across two staff servers on one database
(edge/staff/tablet_routes.py, bot/staff/tablet.py): two real staff server processes, as a
balancer would have them, in front of a stand-in for Rasa's tablet channel that takes its
time and notes when each turn ran. No trained model is needed.

The bounded wait (503, "retry": true) and the lease given back after a failed call are
checked in this process, against ``_turn`` itself, with a short wait."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from sanic.compat import Header
from sqlalchemy import update

from bot import schema
from bot.db import session_scope
from bot.serve import answers
from bot.staff.accounts import add_account
from bot.staff.models import TabletShopper
from bot.staff.tablet import Claim, claim_turn, new_shopper
from edge.staff import tablet_routes
from edge.staff.assistant import AssistantError
from tests.conftest import ROOT, STAFF_PASSWORD, free_port
from tests.outside import answer_json
from tests.staff_client import StaffClient

SLOW_S = 1.5  # how long the stand-in takes over a turn whose words start "slow"
DEVICE = "tablet-a"


@dataclass
class Call:
    """One turn as the stand-in for Rasa ran it."""

    sender: str
    words: str
    started: float
    ended: float = 0.0


@dataclass
class Assistant:
    """The stand-in for Rasa's tablet channel: each turn's words and when it ran."""

    url: str
    calls: List[Call] = field(default_factory=list)

    def of(self, words: str) -> List[Call]:
        return [c for c in self.calls if c.words == words]


@pytest.fixture(scope="module")
def assistant() -> Iterator[Assistant]:
    found = Assistant("")

    class TabletChannel(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            call = Call(body["sender"], body["message"], time.monotonic())
            found.calls.append(call)
            if call.words.startswith("slow"):
                time.sleep(SLOW_S)
            call.ended = time.monotonic()
            answer_json(self, [{"recipient_id": call.sender,
                                "custom": {"type": "tablet", "said": call.words}}])

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), TabletChannel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield found
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('lease') / 'shop.db'}"
    schema.upgrade(url)
    with session_scope(url) as session:
        add_account(session, "Sam Taylor", "attendant", STAFF_PASSWORD, datetime.now())
    return url


@pytest.fixture(scope="module")
def staff_servers(database: str, assistant: Assistant,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[List[str]]:
    """Two staff servers on one database, as several behind a balancer would run."""
    folder = tmp_path_factory.mktemp("staff")
    env = {**os.environ, "BOT_DATABASE_URL": database, "RASA_TOKEN": "t" * 32,
           "BOT_STAFF_SECRET": "s" * 40}
    ports = [free_port(), free_port()]
    logs = [open(folder / f"staff-{port}.log", "w") for port in ports]
    processes = [subprocess.Popen([sys.executable, "-m", "edge.staff", "--port", str(port),
                                   "--assistant", assistant.url], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
                 for port, log in zip(ports, logs)]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, process in zip(urls, processes):
            _wait_ready(url, process)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        for log in logs:
            log.close()


def _wait_ready(url: str, process: "subprocess.Popen[bytes]") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if answers(f"{url}/login"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the staff server at {url} did not start")


def tablet_on_both(urls: List[str]) -> Tuple[StaffClient, StaffClient, int]:
    """One tablet, signed in, that reaches both servers; and a new shopper on it."""
    first = StaffClient(urls[0])
    assert first.sign_in("Sam Taylor", STAFF_PASSWORD)[0] == 303
    first.get("/tablet")  # the tablet's id
    shopper = first.post("/api/tablet/shoppers")[2]["shopper"]["id"]
    return first, first.on(urls[1]), shopper


def send(client: StaffClient, shopper: int, words: str,
         turn_id: Optional[str] = None) -> Tuple[int, Dict[str, Any], float]:
    """The turn's status, body, and when its answer came."""
    status, _, body = client.post(f"/api/tablet/shoppers/{shopper}/turns",
                                  {"turn_id": turn_id or uuid.uuid4().hex, "text": words})
    return status, body, time.monotonic()


def test_a_turn_sent_to_one_server_while_the_other_runs_one_waits_then_runs_after(
        staff_servers: List[str], assistant: Assistant) -> None:
    on_a, on_b, shopper = tablet_on_both(staff_servers)
    first, second = f"slow {uuid.uuid4().hex}", f"then {uuid.uuid4().hex}"
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(send, on_b, shopper, first)
        _until(lambda: bool(assistant.of(first)))  # server B holds the shopper's turn
        status, body, _ = send(on_a, shopper, second)
        assert running.result()[0] == 200
    assert status == 200 and body["view"]["said"] == second
    [ran_first], [ran_second] = assistant.of(first), assistant.of(second)
    assert ran_second.started >= ran_first.ended  # waited, then ran: in order, never together


def test_the_same_turn_sent_to_two_servers_at_once_runs_once(
        staff_servers: List[str], assistant: Assistant) -> None:
    on_a, on_b, shopper = tablet_on_both(staff_servers)
    words, turn_id = f"slow {uuid.uuid4().hex}", uuid.uuid4().hex
    with ThreadPoolExecutor(2) as pool:
        answers_ = list(pool.map(lambda c: send(c, shopper, words, turn_id), (on_a, on_b)))
    assert [a[0] for a in answers_] == [200, 200] and answers_[0][1] == answers_[1][1]
    assert len(assistant.of(words)) == 1


def test_a_lease_left_by_a_dead_server_expires(staff_servers: List[str], database: str,
                                              assistant: Assistant) -> None:
    on_a, _, shopper = tablet_on_both(staff_servers)
    ends = datetime.utcnow() + timedelta(seconds=1.5)
    with session_scope(database) as session:  # as a server that died mid-turn left it
        session.execute(update(TabletShopper).where(TabletShopper.id == shopper)
                        .values(turn_holder="died-mid-turn", turn_lease_until=ends))
    words, sent = f"after {uuid.uuid4().hex}", time.monotonic()
    status, body, answered = send(on_a, shopper, words)
    assert status == 200 and body["view"]["said"] == words
    assert answered - sent >= 1.0 and len(assistant.of(words)) == 1


def _until(condition: Any, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "it never happened"
        time.sleep(0.02)


# -- in this process: the bounded wait, and the lease given back -----------------------------

class FailingAssistant:
    async def tablet_turn(self, *args: Any) -> Dict[str, Any]:
        raise AssistantError(0, "timed out")


def request_on(url: str) -> Any:
    """As much of a Sanic request as ``_turn`` reads."""
    config = SimpleNamespace(database_url=url, trusted_proxies=())
    return SimpleNamespace(app=SimpleNamespace(ctx=SimpleNamespace(
        config=config, assistant=FailingAssistant())), ip="127.0.0.1", headers=Header())


@pytest.fixture
def one_shopper(tmp_path: Path) -> Tuple[str, int]:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    schema.upgrade(url)
    with session_scope(url) as session:
        return url, int(new_shopper(session, DEVICE, None, datetime.now()).id)


async def test_a_turn_that_waits_too_long_is_answered_503_to_send_again(
        one_shopper: Tuple[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    url, shopper = one_shopper
    with session_scope(url) as session:  # a turn that is taking its time on another server
        claim_turn(session, DEVICE, shopper, "another", datetime.utcnow(), timedelta(hours=1))
    monkeypatch.setattr(tablet_routes, "TURN_WAIT_S", 0.3)
    answer = await tablet_routes._turn(request_on(url), DEVICE, shopper, "turn-0001", "hi", None)
    assert answer.status == 503 and answer.headers["Retry-After"] == "1"
    assert json.loads(answer.body) == {"error": "this shopper's previous turn is still running",
                                       "retry": True}


async def test_a_turn_whose_call_fails_gives_the_lease_back(
        one_shopper: Tuple[str, int]) -> None:
    url, shopper = one_shopper
    answer = await tablet_routes._turn(request_on(url), DEVICE, shopper, "turn-0001", "hi", None)
    assert answer.status == 504 and json.loads(answer.body)["retry"] is True
    with session_scope(url) as session:
        assert claim_turn(session, DEVICE, shopper, "next", datetime.utcnow(),
                          timedelta(seconds=1)) is Claim.HELD
