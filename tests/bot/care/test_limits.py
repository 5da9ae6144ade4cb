"""Limits on failed recognitions: the policy, and both stores against one contract."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Iterator, List

import pytest
from sqlalchemy.orm import Session

from bot.care.limits import (
    ADDRESS,
    CODE,
    CONVERSATION,
    UNKNOWN_ADDRESS,
    Counter,
    Failure,
    Key,
    Limits,
    LimitStore,
    MemoryLimitStore,
    SqlLimitStore,
    code_digest,
    fail,
    keys_for,
    wait,
)
from bot.db import get_engine, session_scope

NOW = datetime(2026, 11, 23, 10)
LIMITS = Limits(base_delay_s=2.0)


# -- the policy ------------------------------------------------------------------------------

def test_the_delay_doubles_with_each_failure_up_to_the_cap() -> None:
    assert [LIMITS.delay(n).total_seconds() for n in range(6)] == [0, 2, 4, 8, 16, 32]
    assert LIMITS.delay(40).total_seconds() == LIMITS.max_delay_s


@pytest.mark.parametrize("kind, limit", [(CONVERSATION, 3), (CODE, 5), (ADDRESS, 10)])
def test_a_key_is_locked_at_its_limit(kind: str, limit: int) -> None:
    counter = Counter(f"{kind}:x", kind)
    for n in range(1, limit + 1):
        assert not counter.locked, n
        counter = fail(counter, LIMITS, NOW + timedelta(minutes=n))
    assert counter.locked and counter.failures == limit


def test_failures_are_forgiven_after_a_quiet_day_but_a_lock_is_not() -> None:
    counter = fail(fail(Counter("address:a", ADDRESS), LIMITS, NOW), LIMITS, NOW)
    later = NOW + timedelta(hours=25)
    assert fail(counter, LIMITS, later).failures == 1
    locked = Counter("conversation:c", CONVERSATION, failures=3, last_failure_at=NOW,
                     locked_at=NOW)
    assert fail(locked, LIMITS, later).locked


def test_the_wait_is_the_longest_of_the_keys() -> None:
    counters = [Counter("a", ADDRESS, not_before=NOW + timedelta(seconds=4)),
                Counter("b", CODE, not_before=NOW + timedelta(seconds=9)), Counter("c", CODE)]
    assert wait(counters, NOW) == timedelta(seconds=9)
    assert wait(counters, NOW + timedelta(minutes=1)) == timedelta(0)


@pytest.mark.parametrize("environ, base", [
    ({}, 2.0), ({"BOT_RECOGNITION_DELAY_S": "0.001"}, 0.001),
    ({"BOT_RECOGNITION_DELAY_S": "soon"}, 2.0), ({"BOT_RECOGNITION_DELAY_S": "-3"}, 0.0),
])
def test_the_base_delay_comes_from_the_environment(environ, base: float) -> None:
    assert Limits.from_environment(environ).base_delay_s == base


def test_keys_never_hold_the_code_and_share_an_unknown_address() -> None:
    keys = keys_for("web-1", None, "7KQXM4PARW")
    assert [k.kind for k in keys] == [CONVERSATION, ADDRESS, CODE]
    assert keys[1].value == UNKNOWN_ADDRESS
    assert "7KQXM4PARW" not in "".join(k.id for k in keys)
    assert keys[2].value == code_digest("7KQXM4PARW") != code_digest("7KQXM4PARX")


# -- the stores --------------------------------------------------------------------------------

@pytest.fixture(params=["memory", "sql"])
def store(request, small_db: str) -> Iterator[LimitStore]:
    if request.param == "memory":
        yield MemoryLimitStore()
        return
    with session_scope(small_db) as session:
        yield SqlLimitStore(session)


KEYS = [Key(CONVERSATION, "web-1"), Key(ADDRESS, "203.0.113.9")]


def test_an_unknown_key_counts_nothing(store: LimitStore) -> None:
    assert [(c.attempts, c.failures, c.locked) for c in store.peek(KEYS)] == [(0, 0, False)] * 2


def test_attempts_and_failures_are_counted(store: LimitStore) -> None:
    store.attempt(KEYS, NOW)
    counters = store.attempt(KEYS, NOW)
    assert [c.attempts for c in counters] == [2, 2]
    store.save([fail(c, LIMITS, NOW) for c in counters])
    again = store.peek(KEYS)
    assert [(c.attempts, c.failures) for c in again] == [(2, 1), (2, 1)]
    assert again[0].not_before == NOW + timedelta(seconds=2)


def test_locks_are_listed_and_lifted(store: LimitStore) -> None:
    counters = store.attempt(KEYS, NOW)
    for _ in range(3):
        counters = [fail(c, LIMITS, NOW) for c in counters]
    store.save(counters)
    assert [c.key for c in store.locked()] == ["conversation:web-1"]
    lifted = store.lift(KEYS[0])
    assert lifted is not None and lifted.locked
    assert store.locked() == [] and store.peek(KEYS)[0].failures == 0
    assert store.lift(Key(CODE, "never-seen")) is None


def test_failures_are_logged(store: LimitStore) -> None:
    store.log_failure(Failure(NOW - timedelta(hours=2), "web-1", "203.0.113.9", "d1"))
    store.log_failure(Failure(NOW, "web-2", "203.0.113.9", "d2"))
    assert [f.sender_id for f in store.failures_since(NOW - timedelta(hours=1))] == ["web-2"]


def test_the_sql_log_forgets_failures_after_30_days(small_db: str) -> None:
    with session_scope(small_db) as session:
        store = SqlLimitStore(session)
        store.log_failure(Failure(NOW - timedelta(days=31), "old", "a", "d"))
        store.log_failure(Failure(NOW, "new", "a", "d"))
        assert [f.sender_id for f in store.failures_since(NOW - timedelta(days=60))] == ["new"]


def test_two_processes_never_both_pass_the_same_count(small_db: str) -> None:
    """A second unit of work on the same key waits for the first to commit, then reads
    what it wrote: two server processes cannot both take the last attempt."""
    seen: List[Counter] = []
    first = Session(get_engine(small_db), future=True)
    counters = SqlLimitStore(first).attempt(KEYS, NOW)

    def second() -> None:
        with session_scope(small_db) as session:
            seen.extend(SqlLimitStore(session).attempt(KEYS, NOW))

    other = threading.Thread(target=second)
    other.start()
    time.sleep(0.3)  # the second one is waiting on the first one's write lock by now
    SqlLimitStore(first).save([fail(c, LIMITS, NOW) for c in counters])
    first.commit()
    first.close()
    other.join(timeout=10)
    assert [(c.attempts, c.failures) for c in seen] == [(2, 1), (2, 1)]
