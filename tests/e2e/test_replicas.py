"""The replicated set-up (bot/replicas.py) from outside: two Rasa servers and two action
servers behind nginx, and two staff servers behind it too, on PostgreSQL and Redis of the
tests' own (``replicated`` in tests/conftest.py). The rest of the end-to-end suite also runs
against it; these are what only several servers can show, and the failures of each piece: a
Rasa server killed in the middle of a consultation, PostgreSQL restarted, Redis gone."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Set, Tuple

import pytest
from sqlalchemy import func, select, text

from bot.catalogue.models import Product
from bot.db import session_scope
from bot.replicas import restart
from bot.serve import say
from bot.settings import SOURCE_ADDRESS_KEY
from bot.staff.models import TabletShopper
from edge.rest import NOT_ANSWERED
from tests.conftest import ROOT, LiveServers
from tests.outside import tracker
from tests.services import PostgresForTests, RedisForTests
from tests.staff_client import Answer, StaffClient

pytestmark = pytest.mark.e2e

DRILL = ["Do you have a 10mm drill?", "hanging a picture", "brick", "about 2 kg",
         "a combi drill"]
HEADER = "sku,name,brand,department,category,price,stock,aisle,attributes\n"


def texts(replies: List[Dict[str, Any]]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def custom(replies: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    found = [r["custom"] for r in replies if (r.get("custom") or {}).get("type") == kind]
    return found[-1] if found else None


def fresh(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:10]}"


def user_texts(live: LiveServers, sender: str) -> List[str]:
    return [e["text"] for e in tracker(live.rasa_url, live.token, sender)["events"]
            if e["event"] == "user"]


def logged(live: LiveServers, path: str, since: int) -> List[str]:
    """The balancer's access log lines of POSTs to ``path``, from line ``since`` on."""
    assert live.replicas is not None
    lines = (live.replicas.balancer.folder / "access.log").read_text().splitlines()[since:]
    return [line for line in lines if f'"POST {path} ' in line]


def upstreams(live: LiveServers, path: str, since: int) -> List[str]:
    """The servers nginx sent ``path`` to, from the access log's line ``since`` on (each
    that it tried, separated by ", ", when one refused)."""
    return [m.group(1) for line in logged(live, path, since)
            for m in [re.search(r"upstream=(.+?) [\d.]+ s ended=", line)] if m]


def spans(live: LiveServers, path: str, since: int) -> List[Tuple[float, float]]:
    """When each request to ``path`` started and ended, by the balancer's clock (its log
    line is written at the end, with how long the request took)."""
    found = [re.search(r" (\S+) s ended=(\S+)", line) for line in logged(live, path, since)]
    return sorted((float(m.group(2)) - float(m.group(1)), float(m.group(2)))
                  for m in found if m)


def access_lines(live: LiveServers) -> int:
    assert live.replicas is not None
    return len((live.replicas.balancer.folder / "access.log").read_text().splitlines())


def test_a_consultation_whose_turns_alternate_between_servers_keeps_its_state(
        replicated: LiveServers) -> None:
    assert replicated.replicas is not None
    first, second = replicated.replicas.rasa_urls
    sender = fresh("alternate")
    replies: List[Dict[str, Any]] = []
    for turn, message in enumerate(DRILL):
        replies = say((first, second)[turn % 2], sender, message)
    assert "brick or concrete; under 5 kg" in texts(replies) and custom(replies, "bundle")
    order = say(second, sender, "/take_all")
    assert custom(order, "order")["total"] == custom(replies, "bundle")["total"]


def test_through_the_balancer_turns_go_to_every_server(replicated: LiveServers) -> None:
    since = access_lines(replicated)
    sender = fresh("balanced")
    for message in DRILL:
        replicated.say(sender, message)
    assert len(set(upstreams(replicated, "/webhooks/rest/webhook", since))) == 2
    assert len(set(upstreams(replicated, "/webhook", since))) == 2  # the action servers


def test_messages_sent_at_once_to_both_servers_are_answered_in_turn(
        replicated: LiveServers) -> None:
    """The lock store (Redis, edge/lock_store.py) holds each turn until the one before is
    stored, whichever server took it: every turn sees the state the previous one left."""
    assert replicated.replicas is not None
    urls = replicated.replicas.rasa_urls
    sender = fresh("at-once")
    messages = ["Do you have a 10mm drill?", "hanging a picture", "brick", "2 kg",
                "what wall plugs?", "not sure", "show me the list", "thanks"]
    with ThreadPoolExecutor(len(messages)) as pool:
        replies = list(pool.map(lambda i: say(urls[i % 2], sender, messages[i], timeout=60),
                                range(len(messages))))
    assert all(replies) and not any(NOT_ANSWERED in texts(r) for r in replies)
    events = tracker(replicated.rasa_url, replicated.token, sender)["events"]
    assert sorted(e["text"] for e in events if e["event"] == "user") == sorted(messages)
    state = next(e["value"] for e in reversed(events)
                 if e["event"] == "slot" and e["name"] == "conversation")
    assert state["turn"] == len(messages)
    kinds = [e["event"] if e["event"] == "user" else e.get("name") for e in events
             if e["event"] == "user" or (e["event"] == "action" and e.get("name") == "action_dialogue")]
    for before, after in zip(kinds, kinds[1:]):
        assert not (before == "user" and after == "user"), kinds


def test_forget_me_leaves_nothing_of_the_client_in_postgresql(replicated: LiveServers) -> None:
    """Every table of the shop's one PostgreSQL database (catalogue, care and Rasa's
    conversations), every column, searched for the client's conversations and name."""
    web, tablet, name = fresh("web"), fresh("tablet"), "Philippa"
    replies = replicated.say(web, "I'm going walking on dusty desert trails")
    for _ in range(6):
        if custom(replies, "bundle"):
            break
        replies = replicated.say(web, [b for r in replies for b in r.get("buttons") or []][0]["payload"])
    assert "remember your name" in texts(replicated.say(web, "/take_all"))
    replicated.say(web, "yes please")
    named = texts(replicated.say(web, f"my name is {name}"))
    code = named.split("client code is ")[1].split(":")[0]
    asked = texts(replicated.say(tablet, f"hello, my code is {code}"))
    assert "what name did you give me" in asked, (named, asked)
    assert texts(replicated.say(tablet, name)).startswith(f"Welcome back, {name}")
    assert "Shall I delete everything" in texts(replicated.say(tablet, "forget me"))
    assert texts(replicated.say(tablet, "/affirm")).startswith("Done: I've deleted")

    found: Dict[Any, List[str]] = {}
    with session_scope(replicated.database_url) as session:
        tables = session.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = "
                                      "'public'")).scalars().all()
        assert "events" in tables and "clients" in tables  # Rasa's and ours, one database
        for table in tables:
            for needle in (web, tablet, name, code.replace("-", "")):
                rows = session.execute(text(f'SELECT t::text FROM "{table}" t WHERE '
                                            f"t::text LIKE :needle"), {"needle": f"%{needle}%"})
                for (row,) in rows:
                    found.setdefault((table, needle), []).append(row)
    # The audit record of the deletion names the conversation that asked, and counts
    # (docs/security.md); nothing else may remain.
    assert [key for key in found if key != ("audit_log", tablet)] == [], found
    assert len(found[("audit_log", tablet)]) == 1
    assert '""clients"": 1' in found[("audit_log", tablet)][0]  # the row as text: quotes doubled


def test_a_catalogue_import_through_another_process_reaches_every_server(
        replicated: LiveServers, tmp_path: Path) -> None:
    """Each action server caches answers and indexes by catalogue version, read from the
    database in every unit of work: the next turn after an import, on either server, sees
    it. And a bad file changes nothing, for anyone."""
    sku = "BOS-MAS-5"
    with session_scope(replicated.database_url) as session:
        product = session.scalar(select(Product).where(Product.sku == sku))
        row = ",".join([sku, product.name, product.brand, product.department, product.category,
                        "{price}", str(product.stock), product.aisle,
                        ";".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                                 for k, v in product.attribute_map().items())])
        price = product.price_cents
        before = session.scalar(select(func.count()).select_from(Product))

    def bit_price() -> List[int]:
        """The bit's price in the bundle, asked through each action server in turn."""
        since = access_lines(replicated)
        prices = []
        for _ in range(4):
            sender = fresh("price")
            for message in DRILL[:-1]:
                replicated.say(sender, message)
            bundle = custom(replicated.say(sender, DRILL[-1]), "bundle")
            prices += [round(i["unit_price"] * 100) for i in bundle["items"] if i["sku"] == sku]
        assert len(set(upstreams(replicated, "/webhook", since))) == 2
        return prices

    def import_file(content: str) -> subprocess.CompletedProcess:
        path = tmp_path / "prices.csv"
        path.write_text(HEADER + content)
        return subprocess.run([sys.executable, "-m", "bot.cli", "catalogue", "import", str(path)],
                              cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "BOT_DATABASE_URL": replicated.database_url})

    original = bit_price()
    assert set(original) == {price} and len(original) == 4
    bad = import_file(row.format(price="1.11") + "\n" + "BAD SKU,n,b,hardware,drill_bit,1,1,1,\n")
    assert bad.returncode == 1 and "line 3" in bad.stderr
    assert bit_price() == original
    try:
        assert import_file(row.format(price="1.11") + "\n").returncode == 0
        assert bit_price() == [111] * 4
    finally:
        import_file(row.format(price=f"{price / 100:.2f}") + "\n")
    with session_scope(replicated.database_url) as session:
        assert session.scalar(select(func.count()).select_from(Product)) == before


# -- failures ------------------------------------------------------------------------------------

def test_a_rasa_server_killed_mid_consultation_another_carries_on(replicated: LiveServers) -> None:
    assert replicated.replicas is not None
    sender = fresh("killed")
    for message in DRILL[:2]:
        replicated.say(sender, message)
    lost = replicated.replicas.rasa[0]
    lost.kill()
    try:
        # Every turn now goes to the server left (nginx skips one that refuses).
        assert "How heavy is it?" in texts(replicated.say(sender, "brick"))
        assert "What drill have you got?" in texts(replicated.say(sender, "about 2 kg"))
        bundle = replicated.say(sender, "a combi drill")
        assert "brick or concrete; under 5 kg" in texts(bundle) and custom(bundle, "bundle")
    finally:
        restart(lost)
    assert user_texts(replicated, sender) == DRILL


def test_postgresql_restarted_turns_meanwhile_get_the_apology_then_resume(
        replicated: LiveServers, postgres: PostgresForTests) -> None:
    sender = fresh("outage")
    for message in DRILL[:2]:
        replicated.say(sender, message)
    postgres.stop()
    try:
        down = replicated.say(sender, "brick")
        assert [r["text"] for r in down] == [NOT_ANSWERED]
        assert down[0]["buttons"] == [{"title": "Send it again", "payload": "brick"}]
    finally:
        postgres.start()
    # Nothing of the failed turn was stored; sending it again carries on.
    assert user_texts(replicated, sender) == DRILL[:2]
    assert "How heavy is it?" in texts(replicated.say(sender, "brick"))
    assert "What drill have you got?" in texts(replicated.say(sender, "about 2 kg"))
    assert custom(replicated.say(sender, "a combi drill"), "bundle")
    assert user_texts(replicated, sender) == DRILL


def test_redis_down_turns_get_the_apology_and_none_is_handled(
        replicated: LiveServers, redis_server: RedisForTests) -> None:
    """Without the lock store no turn is handled at all (never two of one shopper's at
    once): the shopper is asked to send it again, and nothing is stored."""
    sender = fresh("no-redis")
    for message in DRILL[:2]:
        replicated.say(sender, message)
    redis_server.stop()
    try:
        started = time.monotonic()
        for _ in range(2):  # one turn on each server
            down = replicated.say(sender, "brick")
            assert [r["text"] for r in down] == [NOT_ANSWERED]
        assert time.monotonic() - started < 10
    finally:
        redis_server.start()
    assert user_texts(replicated, sender) == DRILL[:2]
    assert "How heavy is it?" in texts(replicated.say(sender, "brick"))


class Widget:
    """A widget's socket.io connection to one Rasa server (not through the balancer), as
    the shop page's widget speaks to it: a session, the shopper's messages, the replies."""

    def __init__(self, url: str) -> None:
        import socketio

        self.url = url
        self.session = fresh("widget")
        self.client = socketio.AsyncClient(reconnection=False)
        self.heard: "asyncio.Queue[Dict[str, Any]]" = asyncio.Queue()
        self.confirmed = asyncio.Event()
        self.client.on("bot_uttered", self.heard.put_nowait)
        self.client.on("session_confirm", lambda _: self.confirmed.set())

    async def __aenter__(self) -> "Widget":
        await self.client.connect(self.url, transports=["polling"])
        await self.client.emit("session_request", {"session_id": self.session})
        await asyncio.wait_for(self.confirmed.wait(), 10)
        return self

    async def __aexit__(self, *_: Any) -> None:
        await self.client.disconnect()

    async def say(self, text: str) -> None:
        await self.client.emit("user_uttered", {"message": text, "session_id": self.session})

    async def next(self, within: float = 15) -> Dict[str, Any]:
        return await asyncio.wait_for(self.heard.get(), within)


def test_a_staff_message_through_one_server_reaches_a_widget_on_the_other(
        replicated: LiveServers) -> None:
    """The desk speaks through Rasa's HTTP API, which the balancer may give to any server;
    the shopper's socket is on one of them. The message is sent as the staff server sends
    it (edge/staff/assistant.py), to the server the widget is not on."""
    from edge.staff.assistant import Assistant

    assert replicated.replicas is not None
    first, second = replicated.replicas.rasa_urls

    async def desk_to_widget() -> List[Dict[str, Any]]:
        heard = []
        async with Widget(first) as widget:
            await widget.say("Do you have a 10mm drill?")
            heard.append(await widget.next())  # the assistant's question, from its own server
            assistant = Assistant(second, replicated.token)
            try:
                await assistant.say(widget.session, "Sam here: which wall is it?",
                                    {"type": "staff_message", "name": "Sam"})
                heard.append(await widget.next())
            finally:
                await assistant.close()
        return heard

    question, staff = asyncio.run(desk_to_widget())
    assert "what's the hole for?" in question["text"]
    assert staff["text"] == "Sam here: which wall is it?"
    assert staff["custom"] == {"type": "staff_message", "name": "Sam"}


def test_with_redis_down_a_widget_still_gets_the_apology_from_its_server(
        replicated: LiveServers, redis_server: RedisForTests) -> None:
    """Messages to widgets go through Redis for the other servers only: a widget hears its
    own server's answer (here the apology: no turn is handled without the lock store)."""
    assert replicated.replicas is not None

    async def turn_without_redis() -> Dict[str, Any]:
        async with Widget(replicated.replicas.rasa_urls[0]) as widget:
            redis_server.stop()
            try:
                await widget.say("Do you have a 10mm drill?")
                return await widget.next()
            finally:
                redis_server.start()

    apology = asyncio.run(turn_without_redis())
    assert apology["text"] == NOT_ANSWERED
    assert [b["title"] for b in apology["quick_replies"]] == ["Send it again"]


# -- the staff servers behind the balancer ------------------------------------------------------

TABLET_ADDRESS = "203.0.113.7"  # the tablet, as the shop's own network would forward it
TABLET_WEBHOOK = "/webhooks/tablet/webhook"  # where the staff servers send each turn
ATTENDANT = "Robin Hale"


def staff_servers(live: LiveServers) -> Set[str]:
    """Each staff server's address as the balancer's log names it."""
    assert live.replicas is not None
    return {url.split("//", 1)[1] for url in live.replicas.staff_urls}


def tablet_through_balancer(live: LiveServers) -> Tuple[StaffClient, int]:
    """An attendant's tablet signed in through the balancer, and a new shopper on it."""
    tablet = StaffClient(live.staff_url, {"X-Forwarded-For": TABLET_ADDRESS})
    status, headers, _ = tablet.sign_in(ATTENDANT, live.staff_account(ATTENDANT))
    assert status == 303, headers
    tablet.get("/tablet")  # the tablet's id
    status, _, started = tablet.post("/api/tablet/shoppers")
    assert status == 200, started
    return tablet, int(started["shopper"]["id"])


def tablet_turn(tablet: StaffClient, shopper: int, words: str,
                turn_id: Optional[str] = None) -> Answer:
    return tablet.post(f"/api/tablet/shoppers/{shopper}/turns",
                       {"turn_id": turn_id or uuid.uuid4().hex, "text": words})


def conversation_of(live: LiveServers, shopper: int) -> str:
    with session_scope(live.database_url) as session:
        return str(session.get(TabletShopper, shopper).sender_id)


def test_a_tablet_consultation_through_the_balancer_is_served_by_both_staff_servers(
        replicated: LiveServers) -> None:
    """Signed in through one server, the tablet's turns go to both (each takes the other's
    cookies and CSRF token, and the shopper's lease and screen are rows), and the
    consultation carries on from turn to turn."""
    since, signed_in_before = access_lines(replicated), sign_ins_by_address(replicated)
    tablet, shopper = tablet_through_balancer(replicated)
    shown: Dict[str, Any] = {}
    for words in DRILL:
        status, _, shown = tablet_turn(tablet, shopper, words)
        assert status == 200, shown
    served = upstreams(replicated, f"/api/tablet/shoppers/{shopper}/turns", since)
    assert len(served) == len(DRILL) and set(served) == staff_servers(replicated)
    briefing = shown["view"]["briefing"]
    assert briefing["bundle"]["items"], briefing
    assert {f["question"]: f["answer"] for f in briefing["facts"]}["wall"] == \
        "brick or concrete", briefing["facts"]
    assert tablet.get(f"/api/tablet/shoppers/{shopper}")[2] == shown  # reopened: the same
    said = [e for e in tracker(replicated.rasa_url, replicated.token,
                               conversation_of(replicated, shopper))["events"]
            if e["event"] == "user"]
    assert [e["text"] for e in said][-len(DRILL):] == DRILL
    # The tablet's address, not the balancer's, reaches the recognition limits...
    assert {e["metadata"][SOURCE_ADDRESS_KEY] for e in said} == {TABLET_ADDRESS}
    # ...and the sign-in's slowdown, which counts by address (other tests sign in on a
    # staff server's own port, from 127.0.0.1: only this sign-in's counts are compared).
    signed_in = sign_ins_by_address(replicated)
    assert signed_in.get(TABLET_ADDRESS, 0) > signed_in_before.get(TABLET_ADDRESS, 0)
    assert signed_in.get("127.0.0.1", 0) == signed_in_before.get("127.0.0.1", 0), signed_in


def sign_ins_by_address(live: LiveServers) -> Dict[str, int]:
    """The sign-in attempts the staff servers' slowdown has counted, by address."""
    with session_scope(live.database_url) as session:
        rows = session.execute(text("SELECT key, attempts FROM recognition_limits WHERE key "
                                    "LIKE 'staff_address:%'")).all()
    return {str(key).split(":", 1)[1]: int(attempts) for key, attempts in rows}


def test_two_turns_for_one_shopper_sent_at_once_through_the_balancer_run_one_at_a_time(
        replicated: LiveServers) -> None:
    """One turn on each staff server: the second asks Rasa only once the first has its
    answer (the lease on the shopper's row; Rasa's own lock would let both calls in and
    hold one, which the balancer's times would show), and the screen kept is the last."""
    tablet, shopper = tablet_through_balancer(replicated)
    since = access_lines(replicated)
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda words: tablet_turn(tablet, shopper, words), DRILL[:2]))
    assert [status for status, _, _ in answers] == [200, 200], answers
    served = upstreams(replicated, f"/api/tablet/shoppers/{shopper}/turns", since)
    assert sorted(served) == sorted(staff_servers(replicated))  # one on each
    calls = spans(replicated, TABLET_WEBHOOK, since)
    assert len(calls) == 2, calls
    (_, first_ended), (second_started, _) = calls
    assert second_started >= first_ended - 0.005, calls  # in turn, never together
    said = user_texts(replicated, conversation_of(replicated, shopper))
    assert sorted(said[-2:]) == sorted(DRILL[:2])
    last = answers[DRILL.index(said[-1])][2]
    assert tablet.get(f"/api/tablet/shoppers/{shopper}")[2] == last


def test_one_turn_sent_to_both_staff_servers_at_once_runs_once(replicated: LiveServers) -> None:
    """The tablet sends a turn again when the network blinks; the balancer may give the
    repeat to the other server while the first is still running it."""
    tablet, shopper = tablet_through_balancer(replicated)
    since = access_lines(replicated)
    turn_id = uuid.uuid4().hex
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: tablet_turn(tablet, shopper, DRILL[0], turn_id),
                                range(2)))
    assert [a[0] for a in answers] == [200, 200] and answers[0][2] == answers[1][2], answers
    served = upstreams(replicated, f"/api/tablet/shoppers/{shopper}/turns", since)
    assert sorted(served) == sorted(staff_servers(replicated))
    assert user_texts(replicated, conversation_of(replicated, shopper)).count(DRILL[0]) == 1


def test_a_staff_server_killed_between_turns_the_other_carries_on(
        replicated: LiveServers) -> None:
    """nginx skips a staff server that refuses connections; the other takes the tablet's
    cookies and the shopper's rows as they were."""
    assert replicated.replicas is not None
    tablet, shopper = tablet_through_balancer(replicated)
    assert tablet_turn(tablet, shopper, DRILL[0])[0] == 200
    lost = replicated.replicas.staff[0]
    lost.kill()
    try:
        since = access_lines(replicated)
        for words in DRILL[1:]:
            status, _, shown = tablet_turn(tablet, shopper, words)
            assert status == 200, shown
        served = upstreams(replicated, f"/api/tablet/shoppers/{shopper}/turns", since)
        # nginx names each server it tried: the killed one (refused), then the other.
        left = staff_servers(replicated) - {lost.ready_url.split("//")[1].split("/")[0]}
        assert {tried.split(",")[-1].strip() for tried in served} == left, served
    finally:
        restart(lost)
    assert shown["view"]["briefing"]["bundle"]["items"]
    assert user_texts(replicated, conversation_of(replicated, shopper))[-len(DRILL):] == DRILL
