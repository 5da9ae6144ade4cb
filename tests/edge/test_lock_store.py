"""The Redis lock store several Rasa servers share (edge/lock_store.py), against a Redis of
the tests' own: Rasa's own store hands two servers the same ticket when they ask at the
same moment; ours never does, and keeps one shopper's turns one at a time; with Redis
gone a turn fails at once with Rasa's LockError, never goes ahead unlocked."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Callable, List, Tuple, Type

import pytest
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.connection import parse_url

from edge.lock_store import AtomicRedisLockStore
from tests.services import RedisForTests


def connect(kind: Type[RedisLockStore], server: RedisForTests) -> RedisLockStore:
    """A store as one Rasa server would have it (each server its own connection)."""
    found = parse_url(server.url)
    return kind(host=found["host"], port=found["port"], password=found["password"],
                db=0, key_prefix=server.prefix)


def both_ask_at_once(kind: Type[RedisLockStore], server: RedisForTests,
                     monkeypatch: pytest.MonkeyPatch, conversation: str) -> List[int]:
    """Two servers issue a ticket for one conversation, each having read the lock before
    either writes it back (the interleaving a busy machine produces now and then)."""
    both_read = threading.Barrier(2, timeout=5)
    waited = threading.local()
    issue = TicketLock.issue_ticket

    def issue_after_both_read(lock: TicketLock, lifetime: float) -> int:
        if not getattr(waited, "done", False):
            waited.done = True
            both_read.wait()
        return issue(lock, lifetime)

    monkeypatch.setattr(TicketLock, "issue_ticket", issue_after_both_read)
    tickets: List[int] = []
    threads = [threading.Thread(target=lambda: tickets.append(
        connect(kind, server).issue_ticket(conversation, 30))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    return sorted(tickets)


def test_rasa_s_own_store_gives_two_servers_the_same_ticket(
        redis_server: RedisForTests, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why edge/lock_store.py exists: both servers would handle their message at once."""
    assert both_ask_at_once(RedisLockStore, redis_server, monkeypatch, "rasa-race") == [0, 0]


def test_ours_gives_them_one_ticket_each(redis_server: RedisForTests,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert both_ask_at_once(AtomicRedisLockStore, redis_server, monkeypatch, "ours") == [0, 1]


def hold_turns(store: RedisLockStore, conversation: str, turns: int,
               log: List[Tuple[str, float]]) -> Callable[[], None]:
    async def turn() -> None:
        async with store.lock(conversation, lock_lifetime=30, wait_time_in_seconds=0.01):
            log.append(("in", time.monotonic()))
            await asyncio.sleep(0.02)
            log.append(("out", time.monotonic()))

    def run() -> None:
        async def all_turns() -> None:
            for _ in range(turns):
                await turn()
        asyncio.run(all_turns())

    return run


def test_turns_of_one_shopper_on_four_servers_never_overlap(redis_server: RedisForTests) -> None:
    log: List[Tuple[str, float]] = []
    servers = [threading.Thread(target=hold_turns(connect(AtomicRedisLockStore, redis_server),
                                                  "busy-shopper", 10, log)) for _ in range(4)]
    for server in servers:
        server.start()
    for server in servers:
        server.join(timeout=60)
    marks = [mark for mark, _ in sorted(log, key=lambda entry: entry[1])]
    assert marks == ["in", "out"] * 40
    # Nothing is left behind once every turn is done.
    assert connect(AtomicRedisLockStore, redis_server).get_lock("busy-shopper") is None


def test_a_ticket_of_a_server_that_died_expires_with_its_key(redis_server: RedisForTests) -> None:
    store = connect(AtomicRedisLockStore, redis_server)
    store.issue_ticket("orphan", 0.3)  # issued, never cleaned up: the server was killed
    assert store.get_lock("orphan") is not None
    time.sleep(0.5)
    assert store.red.get(store.key_prefix + "orphan") is None


def test_it_reads_rasa_s_endpoint_settings(redis_server: RedisForTests) -> None:
    found = parse_url(redis_server.url)
    store = AtomicRedisLockStore(endpoint_config=EndpointConfig(
        url=found["host"], port=found["port"], password=found["password"], db=0,
        key_prefix=redis_server.prefix, type="edge.lock_store.AtomicRedisLockStore"))
    assert store.issue_ticket("configured", 5) == 0


def test_without_redis_a_turn_fails_at_once_with_a_lock_error(redis_server: RedisForTests) -> None:
    store = connect(AtomicRedisLockStore, redis_server)
    redis_server.stop()
    try:
        started = time.monotonic()
        with pytest.raises(LockError):
            store.issue_ticket("nobody-home", 30)
        assert time.monotonic() - started < 5
    finally:
        redis_server.start()
    assert store.issue_ticket("nobody-home", 30) == 0
