"""A tablet shopper's turn lease (bot/staff/tablet.py), as two staff servers on one database
see it: each claim through an engine and session of its own, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Iterator, List

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import schema
from bot.staff.tablet import Claim, claim_turn, new_holder, new_shopper, release_turn

NOW = datetime(2026, 12, 1, 9, 0)
LEASE = timedelta(seconds=30)
DEVICE = "tablet-a"


@pytest.fixture
def servers(empty_db: str) -> Iterator[List[Engine]]:
    """Two servers' engines on one database (not bot.db's one cached engine per URL)."""
    schema.upgrade(empty_db)
    args = {"connect_args": {"timeout": 5}} if empty_db.startswith("sqlite") else {}
    engines = [create_engine(empty_db, future=True, **args) for _ in range(2)]
    try:
        yield engines
    finally:
        for engine in engines:
            engine.dispose()


@contextmanager
def unit(engine: Engine) -> Iterator[Session]:
    with Session(engine, future=True) as session, session.begin():
        yield session


def shopper(engine: Engine) -> int:
    with unit(engine) as session:
        return int(new_shopper(session, DEVICE, None, NOW).id)


def claim(engine: Engine, shopper_id: int, holder: str, now: datetime = NOW,
          device: str = DEVICE) -> Claim:
    with unit(engine) as session:
        return claim_turn(session, device, shopper_id, holder, now, LEASE)


def release(engine: Engine, shopper_id: int, holder: str) -> None:
    with unit(engine) as session:
        release_turn(session, shopper_id, holder)


def test_of_claims_made_at_once_through_two_servers_exactly_one_holds(
        servers: List[Engine]) -> None:
    shopper_id = shopper(servers[0])
    start = threading.Barrier(8)

    def race(n: int) -> Claim:
        start.wait()
        return claim(servers[n % 2], shopper_id, f"turn-{n}")

    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(race, range(8)))
    assert found.count(Claim.HELD) == 1 and found.count(Claim.BUSY) == 7


def test_a_released_turn_is_the_next_one_s(servers: List[Engine]) -> None:
    a, b = servers
    shopper_id = shopper(a)
    first, second = new_holder(), new_holder()
    assert claim(a, shopper_id, first) is Claim.HELD
    assert claim(b, shopper_id, second) is Claim.BUSY
    release(a, shopper_id, first)
    assert claim(b, shopper_id, second) is Claim.HELD
    # A release that comes late (its turn outlived its lease) frees nothing of another's.
    release(a, shopper_id, first)
    assert claim(a, shopper_id, new_holder()) is Claim.BUSY


def test_a_lease_left_by_a_dead_server_expires(servers: List[Engine]) -> None:
    a, b = servers
    shopper_id = shopper(a)
    assert claim(a, shopper_id, "dies-mid-turn") is Claim.HELD  # never released
    assert claim(b, shopper_id, "next", NOW + LEASE - timedelta(seconds=1)) is Claim.BUSY
    assert claim(b, shopper_id, "next", NOW + LEASE + timedelta(seconds=1)) is Claim.HELD


def test_a_shopper_of_another_tablet_or_none_is_no_shopper(servers: List[Engine]) -> None:
    shopper_id = shopper(servers[0])
    assert claim(servers[1], shopper_id, "x", device="tablet-b") is Claim.NO_SHOPPER
    assert claim(servers[1], shopper_id + 1, "x") is Claim.NO_SHOPPER
    assert claim(servers[1], shopper_id, "x") is Claim.HELD  # and neither left a lease
