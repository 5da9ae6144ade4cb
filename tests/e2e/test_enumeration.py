"""Issue 16's attack, rerun from outside over HTTP: guessing client codes from one
conversation, from many, from many addresses and across two server processes; what a
right code or a wrong name gives away; forget-me after recognition; forged senders.

Two Rasa + action server pairs share one catalogue database, as two replicas behind a
load balancer would: ``live_servers`` (session-wide, its REST channel trusting the
loopback peer as a proxy, so a test speaks for other addresses through X-Forwarded-For)
and ``second_pair`` (this module's, with signed senders on and no trusted proxy, so it
takes every message as coming from 127.0.0.1, whatever X-Forwarded-For claims).
The delays are tiny in these servers (``BOT_RECOGNITION_DELAY_S``); a patient attacker
who waits out each announced delay is what the tests play.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from sqlalchemy import func, select

from bot.care.clients import record_project, remember
from bot.care.codes import format_code, generate_code
from bot.care.models import AuditRecord, Client, ClientLink, RecognitionFailure
from bot.cli import main
from bot.db import session_scope
from bot.serve import start_servers
from bot.signing import sign_sender
from tests.conftest import REST_CHANNEL, ROOT, TEST_DELAY_S, LiveServers, free_port
from tests.outside import post, tracker

pytestmark = pytest.mark.e2e

SECRET = "a shop backend's secret, 32+ characters long"
LOOPBACK = "127.0.0.1"


@dataclass
class Server:
    """One Rasa server, as an outsider reaches it."""

    url: str
    secret: Optional[str] = None

    def say(self, sender: str, text: str, address: Optional[str] = None) -> List[Dict[str, Any]]:
        status, replies = self.post(sender, text, address=address)
        assert status == 200, replies
        return replies

    def post(self, sender: str, text: str, *, address: Optional[str] = None,
             signature: Optional[str] = None) -> Tuple[int, Any]:
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if signature is not None or self.secret:
            body["sender_signature"] = signature or sign_sender(self.secret or "", sender)
        headers = {"X-Forwarded-For": address} if address else {}
        return post(f"{self.url}/webhooks/rest/webhook", json.dumps(body).encode(),
                    headers=headers)


@dataclass
class Attempt:
    """What an attacker saw for one code and name."""

    status: str
    locked: bool
    retry_after: float
    text: str


def words(replies: List[Dict[str, Any]]) -> str:
    return " ".join(r["text"] for r in replies if r.get("text"))


def payload(replies: List[Dict[str, Any]]) -> Dict[str, Any]:
    found = [r["custom"] for r in replies if (r.get("custom") or {}).get("type") == "recognition"]
    return found[-1] if found else {}


def fresh(kind: str = "guess") -> str:
    return f"{kind}-{uuid.uuid4().hex[:10]}"


def attempt(server: Server, code: str, name: str, sender: Optional[str] = None,
            address: Optional[str] = None) -> Attempt:
    """A code in a greeting, then a name; a delay announced is waited out."""
    sender = sender or fresh()
    replies = server.say(sender, f"hello, my code is {format_code(code)}", address)
    if payload(replies).get("status") == "second_factor":
        replies = server.say(sender, name, address)
        while payload(replies).get("status") == "wait":
            time.sleep(payload(replies)["retry_after_s"])
            replies = server.say(sender, name, address)
    seen = payload(replies)
    status = seen.get("status") or ("recognised" if "Welcome back" in words(replies) else "?")
    return Attempt(status, bool(seen.get("locked")), seen.get("retry_after_s", 0.0),
                   words(replies))


@dataclass
class Victim:
    code: str
    name: str
    sender: str


@pytest.fixture
def victim(live_servers: LiveServers) -> Victim:
    """A real remembered client, who went hiking, with a long code."""
    sender = fresh("victim")
    with session_scope(live_servers.database_url) as session:
        client = remember(session, sender, name="Robin", now=datetime.now())
        record_project(session, client, job="day_hike", answers={}, skus=["KOMP-TWIST"],
                       on=datetime.now().date())
        return Victim(client.code, "Robin", sender)


def client_row(url: str, code: str) -> Optional[Client]:
    with session_scope(url) as session:
        client = session.scalar(select(Client).where(Client.code == code))
        if client is not None:
            session.expunge(client)
        return client


def links(url: str, code: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(ClientLink).join(Client)
                              .where(Client.code == code))


def lift_loopback(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A person lifts the lock-out of the tests' own loopback address."""
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    assert main(["security", "lift", "--address", LOOPBACK]) == 0


@pytest.fixture
def first(live_servers: LiveServers) -> Server:
    return Server(live_servers.rasa_url)


@pytest.fixture(scope="module")
def second_pair(live_servers: LiveServers, trained_model: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second action server and Rasa server over the same catalogue database (no shop
    page: nothing here needs one), signed senders on, no trusted proxy."""
    folder = tmp_path_factory.mktemp("second-pair")
    servers = start_servers(
        ROOT, model=trained_model, rasa_port=free_port(), actions_port=free_port(),
        page_port=free_port(), tracker_db=folder / "tracker.db", run_dir=folder, page=False,
        env={"BOT_DATABASE_URL": live_servers.database_url,
             "BOT_RECOGNITION_DELAY_S": TEST_DELAY_S, "BOT_SENDER_SECRET": SECRET},
        channels={REST_CHANNEL: {"signed_sender": True}})
    try:
        yield Server(servers.rasa_url, SECRET)
    finally:
        servers.stop()


# -- one conversation, many conversations, one address -------------------------------------------

def test_one_conversation_is_stopped_after_three_failures(first: Server, victim: Victim,
                                                          live_servers: LiveServers) -> None:
    sender, address = fresh(), "203.0.113.10"
    tries = [attempt(first, generate_code(), "Robin", sender, address) for _ in range(3)]
    assert [(t.status, t.locked) for t in tries] == [("no_match", False), ("no_match", False),
                                                     ("no_match", True)]
    assert "ask for a person" in tries[-1].text
    after = attempt(first, victim.code, victim.name, sender, address)  # even the right pair
    assert after.status == "locked" and "Robin" not in after.text
    assert links(live_servers.database_url, victim.code) == 1


def test_the_attack_from_the_issue_finds_no_one_and_deletes_nothing(
        first: Server, victim: Victim, live_servers: LiveServers) -> None:
    """Fresh conversations from one address, as fast as they answer: a code alone gets the
    same question whoever it belongs to; with names, ten failures lock the address, the
    delay doubling meanwhile; the victim's own code, guessed among them, gives nothing."""
    address = "203.0.113.20"
    asked = {words(first.say(fresh(), f"hello, my code is {format_code(code)}", address))
             for code in [generate_code() for _ in range(5)] + [victim.code]}
    assert asked == {"Thanks. Before I look you up: what name did you give me when I "
                     "started remembering you?"}

    guesses = [generate_code() for _ in range(12)]
    guesses[4] = victim.code  # a lucky guess, with a wrong name
    tries = [attempt(first, code, "Alex", address=address) for code in guesses]
    assert [t.status for t in tries] == ["no_match"] * 10 + ["locked"] * 2
    assert [t.locked for t in tries[:10]] == [False] * 9 + [True]
    delays = [t.retry_after for t in tries[:9]]
    assert delays == sorted(delays) and delays[-1] > delays[0]  # slowed, more each time
    assert tries[4].text == tries[3].text  # no tell for the victim's code
    assert attempt(first, victim.code, victim.name, address=address).status == "locked"
    assert not any("Robin" in t.text or "hik" in t.text for t in tries)

    attacker = fresh()
    first.say(attacker, f"hello, my code is {format_code(victim.code)}", "203.0.113.21")
    gone = words(first.say(attacker, "forget me", "203.0.113.21"))
    assert "I don't keep anything about you beyond this conversation" in gone
    kept = client_row(live_servers.database_url, victim.code)
    assert kept is not None and kept.name == "Robin" and links(live_servers.database_url,
                                                               victim.code) == 1


def test_one_code_tried_from_many_addresses_is_locked_after_five(
        first: Server, victim: Victim, live_servers: LiveServers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    tries = [attempt(first, victim.code, guess, address=f"198.51.100.{n}")
             for n, guess in enumerate(["Sam", "Alex", "Jo", "Chris", "Pat"])]
    assert [t.status for t in tries] == ["no_match"] * 5 and tries[-1].locked
    assert attempt(first, victim.code, victim.name, address="198.51.100.99").status == "locked"
    monkeypatch.setenv("BOT_DATABASE_URL", live_servers.database_url)
    assert main(["security", "lift", "--code", format_code(victim.code)]) == 0
    assert attempt(first, victim.code, victim.name, address="198.51.100.99").status == "recognised"


def test_a_burst_from_many_addresses_is_logged_and_reported(
        first: Server, live_servers: LiveServers, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    """Twenty addresses, one guess each (no address or code reaches a limit): the code
    space is what stands in the way (docs/security.md), and the staff hear of it."""
    tries = [attempt(first, generate_code(), "Alex", address=f"192.0.2.{100 + n}")
             for n in range(20)]
    assert {t.status for t in tries} == {"no_match"} and not any(t.locked for t in tries)
    log = live_servers.servers.logs[0].read_text()
    assert "burst of failed recognitions" in log
    monkeypatch.setenv("BOT_DATABASE_URL", live_servers.database_url)
    assert main(["security", "report", "--hours", "1"]) == 0
    report = capsys.readouterr().out
    bursts = report.split("Bursts (20 or more failures within 10 minutes): ")[1]
    assert bursts[0].isdigit() and " failures from " in bursts


# -- what a code or a wrong name gives away ------------------------------------------------------

def test_a_right_code_without_the_name_reveals_nothing(first: Server, victim: Victim,
                                                       live_servers: LiveServers) -> None:
    nobody, holder = fresh(), fresh()
    said = [[{k: v for k, v in reply.items() if k != "recipient_id"} for reply in
             first.say(who, f"hi, my client code is {format_code(code)}", "192.0.2.50")]
            for who, code in ((nobody, generate_code()), (holder, victim.code))]
    assert said[0] == said[1]  # word for word, payload and all
    moved_on = words(first.say(holder, "I'd like some trekking poles", "192.0.2.50"))
    assert "already have" not in moved_on and "Robin" not in moved_on
    assert links(live_servers.database_url, victim.code) == 1


def test_a_wrong_name_reveals_nothing_and_counts_as_a_failure(first: Server, victim: Victim,
                                                              live_servers: LiveServers) -> None:
    def failures() -> int:
        with session_scope(live_servers.database_url) as session:
            return session.scalar(select(func.count()).select_from(RecognitionFailure))

    before = failures()
    wrong_code = attempt(first, generate_code(), victim.name, address="192.0.2.60")
    wrong_name = attempt(first, victim.code, "Alex", address="192.0.2.61")
    assert wrong_code == wrong_name and wrong_name.status == "no_match"
    assert failures() == before + 2
    assert links(live_servers.database_url, victim.code) == 1


# -- forget-me after recognition -----------------------------------------------------------------

def test_forget_me_after_recognition_is_confirmed_and_audited(
        first: Server, victim: Victim, live_servers: LiveServers) -> None:
    tablet = fresh("tablet")
    assert attempt(first, victim.code, "robin", tablet, "192.0.2.70").status == "recognised"
    assert "Shall I delete everything" in words(first.say(tablet, "forget me", "192.0.2.70"))
    assert "kept everything" in words(first.say(tablet, "/deny", "192.0.2.70"))
    assert client_row(live_servers.database_url, victim.code) is not None
    first.say(tablet, "please delete everything you know about me", "192.0.2.70")
    done = words(first.say(tablet, "/affirm", "192.0.2.70"))
    assert done.startswith("Done: I've deleted")
    assert client_row(live_servers.database_url, victim.code) is None
    with session_scope(live_servers.database_url) as session:
        audit = session.scalar(select(AuditRecord).where(AuditRecord.sender_id == tablet))
        assert audit.action == "forget_me"
        assert audit.detail == {"clients": 1, "projects": 1, "orders_unlinked": 0,
                                "handoffs": 0, "conversations": 2}
        assert "Robin" not in json.dumps(audit.detail)


# -- two server processes, one database ----------------------------------------------------------

def test_the_limits_hold_across_two_server_processes(
        first: Server, second_pair: Server, live_servers: LiveServers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Alternating between the two servers from one address (the second one ignoring the
    X-Forwarded-For an attacker adds): ten failures in all lock the address, not ten
    each; then neither server checks a code from it."""
    lift_loopback(live_servers.database_url, monkeypatch)
    try:
        tries = [attempt(server, generate_code(), "Alex",
                         address=None if server is first else f"10.9.{n}.1")
                 for n, server in enumerate([first, second_pair] * 6)]
        assert [t.status for t in tries] == ["no_match"] * 10 + ["locked"] * 2
        assert tries[9].locked
    finally:
        lift_loopback(live_servers.database_url, monkeypatch)


def test_a_code_is_locked_for_both_processes(first: Server, second_pair: Server, victim: Victim,
                                             live_servers: LiveServers,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    lift_loopback(live_servers.database_url, monkeypatch)
    try:
        tries = [attempt(server, victim.code, f"Guess{'x' * n}",
                         address=f"198.51.101.{n}" if server is first else None)
                 for n, server in enumerate([first, second_pair] * 3)]
        assert [t.status for t in tries] == ["no_match"] * 5 + ["locked"]
        assert attempt(second_pair, victim.code, victim.name).status == "locked"
        monkeypatch.setenv("BOT_DATABASE_URL", live_servers.database_url)
        assert main(["security", "lift", "--code", victim.code]) == 0
        assert attempt(second_pair, victim.code, victim.name).status == "recognised"
    finally:
        lift_loopback(live_servers.database_url, monkeypatch)


# -- signed senders ------------------------------------------------------------------------------

@pytest.mark.parametrize("signature", [None, "", "0" * 64, sign_sender(SECRET, "someone-else"),
                                       sign_sender("another shop's secret, 32+ chars!!", "me")])
def test_a_forged_or_missing_signature_is_refused(second_pair: Server, live_servers: LiveServers,
                                                  signature: Optional[str]) -> None:
    sender = fresh("forged")
    body: Dict[str, Any] = {"sender": sender, "message": "Do you have a 10mm drill?"}
    if signature is not None:
        body["sender_signature"] = signature
    status, answer = post(f"{second_pair.url}/webhooks/rest/webhook", json.dumps(body).encode())
    assert status == 400 and "sender_signature" in answer["error"]
    events = tracker(second_pair.url, live_servers.token, sender)["events"]
    assert not any(e["event"] == "user" for e in events)


def test_a_signed_sender_is_served(second_pair: Server) -> None:
    assert words(second_pair.say(fresh("signed"), "Do you have a 10mm drill?")).startswith("We do.")
