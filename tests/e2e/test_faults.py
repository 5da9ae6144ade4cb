"""Faults from outside, on servers of this module's own: the action server down or slow
(an apology and a way on, then the conversation resumes where it was), the Rasa server
restarted mid-consultation (the tracker store is on disk), and two messages from one
shopper at once (the lock store keeps them in order)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from bot.serve import Servers, say, start_servers
from bot.settings import demo_dir
from bot.store import init_database
from edge.rest import NOT_ANSWERED, TURN_TIMEOUT_VARIABLE
from tests.conftest import ROOT, LiveServers, free_port
from tests.outside import tracker

TURN_TIMEOUT_S = 10  # a loaded CI machine still answers a turn well within it
CLIENT_TIMEOUT_S = 60  # far above the turn bound, far below Rasa's own 300 s


class Shop:
    """Servers whose action server and Rasa server the tests stop and start."""

    def __init__(self, folder: Path, model: Path) -> None:
        self.folder = folder
        self.model = model
        self.database_url = f"sqlite:///{folder / 'catalogue.db'}"
        self.env = {"BOT_DATABASE_URL": self.database_url, TURN_TIMEOUT_VARIABLE: str(TURN_TIMEOUT_S)}
        self.rasa_port, self.actions_port, self.page_port = free_port(), free_port(), free_port()
        self.staff_port = free_port()
        self.servers = self._start()
        self.actions: subprocess.Popen = self.servers.processes[0]

    def _start(self) -> Servers:
        return start_servers(ROOT, model=self.model, rasa_port=self.rasa_port,
                             actions_port=self.actions_port, page_port=self.page_port,
                             staff_port=self.staff_port, env=self.env,
                             tracker_db=self.folder / "tracker.db", run_dir=self.folder)

    def say(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return say(self.servers.rasa_url, sender, text, timeout=CLIENT_TIMEOUT_S)

    def stop_actions(self) -> None:
        self.actions.terminate()
        self.actions.wait(timeout=30)

    def start_actions(self) -> None:
        log = open(self.folder / "actions-restarted.log", "a")
        self.actions = subprocess.Popen(
            [sys.executable, "-m", "actions", "--port", str(self.actions_port)], cwd=ROOT,
            env={**os.environ, **self.env}, stdout=log, stderr=subprocess.STDOUT)
        self.servers.processes[0] = self.actions
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.servers.actions_url}/health", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the action server did not come back")

    def restart_rasa(self) -> None:
        self.servers.stop()
        self.servers = self._start()
        self.actions = self.servers.processes[0]


@pytest.fixture(scope="module")
def shop(trained_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    folder = tmp_path_factory.mktemp("faults")
    init_database(f"sqlite:///{folder / 'catalogue.db'}", products=demo_dir() / "products.csv")
    running = Shop(folder, trained_model)
    try:
        yield running
    finally:
        running.servers.stop()


def texts(replies: List[Dict[str, Any]]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def at_the_wall_question(shop: Shop) -> str:
    sender = uuid.uuid4().hex
    shop.say(sender, "Do you have a 10mm drill?")
    assert "What is the wall made of?" in texts(shop.say(sender, "hanging a picture"))
    return sender


def assert_apology(replies: List[Dict[str, Any]], resend: str) -> None:
    assert [r["text"] for r in replies] == [NOT_ANSWERED]
    assert replies[0]["buttons"] == [{"title": "Send it again", "payload": resend}]


def test_action_server_down_apology_then_the_consultation_resumes(shop: Shop) -> None:
    sender = at_the_wall_question(shop)
    shop.stop_actions()
    try:
        assert_apology(shop.say(sender, "brick"), "brick")
    finally:
        shop.start_actions()
    assert "How heavy is it?" in texts(shop.say(sender, "brick"))


class _Stuck(BaseHTTPRequestHandler):
    """An action server that takes the call and never answers (until released)."""

    release = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.release.wait(timeout=CLIENT_TIMEOUT_S * 2)
        self.send_error(503)

    def log_message(self, *_: Any) -> None:
        pass


def test_slow_action_server_apology_then_the_consultation_resumes(shop: Shop) -> None:
    sender = at_the_wall_question(shop)
    shop.stop_actions()
    stuck = ThreadingHTTPServer(("127.0.0.1", shop.actions_port), _Stuck)
    threading.Thread(target=stuck.serve_forever, daemon=True).start()
    try:
        assert_apology(shop.say(sender, "brick"), "brick")
    finally:
        _Stuck.release.set()
        stuck.shutdown()
        stuck.server_close()
        shop.start_actions()
    # The cancelled turn stored nothing: the same answer, sent again, moves on.
    assert "How heavy is it?" in texts(shop.say(sender, "brick"))


def test_a_restarted_rasa_server_continues_the_consultation(shop: Shop) -> None:
    sender = at_the_wall_question(shop)
    assert "How heavy is it?" in texts(shop.say(sender, "brick"))
    shop.restart_rasa()
    assert "What drill have you got?" in texts(shop.say(sender, "about 2 kg"))
    bundle = texts(shop.say(sender, "a combi drill"))
    assert "brick or concrete; under 5 kg" in bundle and "Total" in bundle


def test_messages_sent_at_once_are_all_handled_in_turn(live_servers: LiveServers) -> None:
    sender = uuid.uuid4().hex
    messages = ["Do you have a 10mm drill?", "hanging a picture", "brick", "2 kg",
                "what wall plugs?", "not sure"]
    with ThreadPoolExecutor(len(messages)) as pool:
        replies = list(pool.map(lambda m: live_servers.say(sender, m), messages))
    assert all(replies), "a message went unanswered"
    events = tracker(live_servers.rasa_url, live_servers.token, sender)["events"]
    users = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(users) == sorted(messages)
    # Each turn saw the state the one before left: no turn read a stale state.
    state = next(e["value"] for e in reversed(events)
                 if e["event"] == "slot" and e["name"] == "conversation")
    assert state["turn"] == len(messages)
    # And turns did not interleave: each message's action ran before the next message.
    kinds = [e["event"] if e["event"] == "user" else e.get("name") for e in events
             if e["event"] == "user" or (e["event"] == "action" and e.get("name") != "action_listen"
                                         and not e["name"].startswith("action_session")
                                         and e["name"] != "action_unlikely_intent")]
    for before, after in zip(kinds, kinds[1:]):
        assert not (before == "user" and after == "user"), kinds
