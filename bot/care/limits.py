"""Limits on failed recognitions: counted per conversation, per source address and per
client code, with a delay that doubles with each failure and a lock-out that only a
person lifts (``bot security lift``).

The policy (``Limits``, ``fail``, ``wait``) is pure; the counts live behind
``LimitStore``. ``SqlLimitStore`` keeps them in the catalogue database, so every action
server process shares them; a Redis store can take its place by implementing the same
few methods (``attempt`` must hold the keys until the unit of work ends, as a row lock
or a WATCH would). ``MemoryLimitStore`` is the twin for unit tests.

Why three kinds of key: one conversation is the cheapest thing for an attacker to
replace, an address costs more, and a code is what a targeted attack (someone who saw a
client's code) keeps trying. Counts for a code are kept whether or not any client has
it, so a lock-out never tells that a code exists.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Dict, List, Mapping, Optional, Protocol, Sequence

from sqlalchemy import delete, null, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.care.models import RecognitionFailure, RecognitionLimit

CONVERSATION, ADDRESS, CODE = "conversation", "address", "code"
UNKNOWN_ADDRESS = "unknown"
"""Attempts from a channel that gives no address share this one address's budget."""
DELAY_VARIABLE = "BOT_RECOGNITION_DELAY_S"
FAILURE_LOG_DAYS = 30


@dataclass(frozen=True)
class Limits:
    """How many failures each kind of key may have before it is locked, and the delays.

    Attributes:
        lock_after: failures that lock a key, by kind.
        base_delay_s: the wait after a key's first failure; it doubles with each one.
        max_delay_s: the longest wait.
        forgive_after: an unlocked key's failures start afresh after this long without one
            (a shop's shared address is not locked for a year of typos).
        burst_failures: this many failures, from anywhere, within ``burst_window`` is a
            burst: logged as a warning and listed by ``bot security report``.
    """

    lock_after: Mapping[str, int] = field(default_factory=lambda: {
        CONVERSATION: 3, CODE: 5, ADDRESS: 10})
    base_delay_s: float = 2.0
    max_delay_s: float = 900.0
    forgive_after: timedelta = timedelta(hours=24)
    burst_failures: int = 20
    burst_window: timedelta = timedelta(minutes=10)

    @classmethod
    def from_environment(cls, environ: Optional[Mapping[str, str]] = None) -> "Limits":
        """The limits, with the base delay from ``BOT_RECOGNITION_DELAY_S`` when set (the
        tests set it small so that a run of failures does not make them slow)."""
        raw = (os.environ if environ is None else environ).get(DELAY_VARIABLE)
        try:
            base = float(raw) if raw else cls.base_delay_s
        except ValueError:
            base = cls.base_delay_s
        return cls(base_delay_s=max(0.0, base))

    def delay(self, failures: int) -> timedelta:
        """The wait after a key's ``failures``-th failure: 1, 2, 4, 8... times the base."""
        if failures <= 0:
            return timedelta(0)
        return timedelta(seconds=min(self.max_delay_s,
                                     self.base_delay_s * 2 ** min(failures - 1, 30)))


@dataclass(frozen=True)
class Key:
    """What failures are counted against: a conversation, an address or a code."""

    kind: str
    value: str

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.value}"


def code_digest(code: str) -> str:
    """What the limits and the failure log keep of a code tried: never the code itself,
    which would be a client's credential."""
    return hashlib.sha256(f"client-code:{code}".encode()).hexdigest()


def keys_for(sender_id: str, address: Optional[str], code: str) -> List[Key]:
    """The three keys an attempt is counted against."""
    return [Key(CONVERSATION, sender_id), Key(ADDRESS, address or UNKNOWN_ADDRESS),
            Key(CODE, code_digest(code))]


@dataclass(frozen=True)
class Counter:
    """The failures counted against one key."""

    key: str
    kind: str
    attempts: int = 0
    failures: int = 0
    last_failure_at: Optional[datetime] = None
    not_before: Optional[datetime] = None
    locked_at: Optional[datetime] = None

    @property
    def locked(self) -> bool:
        return self.locked_at is not None


@dataclass(frozen=True)
class Failure:
    """One failed recognition, as logged."""

    at: datetime
    sender_id: str
    address: str
    code_digest: str


def wait(counters: Sequence[Counter], now: datetime) -> timedelta:
    """How long before the next attempt on these keys is checked."""
    ends = [c.not_before for c in counters if c.not_before is not None]
    return max([end - now for end in ends] + [timedelta(0)])


def fail(counter: Counter, limits: Limits, now: datetime) -> Counter:
    """The counter after one more failure: a longer wait, and locked at the limit."""
    stale = (counter.last_failure_at is not None and not counter.locked
             and now - counter.last_failure_at > limits.forgive_after)
    failures = (0 if stale else counter.failures) + 1
    locked = counter.locked_at or (now if failures >= limits.lock_after.get(counter.kind, 1)
                                   else None)
    return replace(counter, failures=failures, last_failure_at=now,
                   not_before=now + limits.delay(failures), locked_at=locked)


def cleared(counter: Counter) -> Counter:
    """The counter with its failures forgiven (the client proved who they are, or a person
    lifted the lock-out)."""
    return replace(counter, failures=0, last_failure_at=None, not_before=None, locked_at=None)


class LimitStore(Protocol):
    """Where the counts live. One store serves one unit of work (one action call)."""

    def peek(self, keys: Sequence[Key]) -> List[Counter]:
        """The counters of these keys (zero for a key never seen), counting nothing."""

    def attempt(self, keys: Sequence[Key], now: datetime) -> List[Counter]:
        """Count an attempt on each key and return the counters, holding the keys until
        the unit of work ends, so that two processes never both pass the same limit."""

    def save(self, counters: Sequence[Counter]) -> None:
        """Write back counters read by ``attempt`` in this unit of work."""

    def log_failure(self, failure: Failure) -> None:
        """Keep a failure for the report (and forget those older than the log keeps)."""

    def failures_since(self, since: datetime) -> List[Failure]:
        """Failures logged since then, oldest first."""

    def locked(self) -> List[Counter]:
        """Every locked key, oldest lock first."""

    def lift(self, key: Key) -> Optional[Counter]:
        """Clear a key's failures and lock-out; the counter as it was, or None if unknown."""


class SqlLimitStore:
    """The counts in the catalogue database (tables ``recognition_limits`` and
    ``recognition_failures``), inside the caller's session and transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def peek(self, keys: Sequence[Key]) -> List[Counter]:
        rows = self._rows(keys)
        return [_counter(rows[k.id]) if k.id in rows else Counter(k.id, k.kind) for k in keys]

    def attempt(self, keys: Sequence[Key], now: datetime) -> List[Counter]:
        # Writing first takes the lock (SQLite: the database's write lock; PostgreSQL: the
        # row's), so a concurrent attempt on the same key waits until this one commits and
        # then reads what this one wrote. Sorted keys: no two attempts wait on each other.
        for key in sorted(keys, key=lambda k: k.id):
            self._count(key)
        rows = self._rows(keys)
        return [_counter(rows[k.id]) for k in keys]

    def _rows(self, keys: Sequence[Key]) -> Dict[str, RecognitionLimit]:
        # populate_existing: the counts are written with UPDATE statements, which leave
        # rows the session already holds as they were.
        found = self.session.scalars(
            select(RecognitionLimit).where(RecognitionLimit.key.in_([k.id for k in keys]))
            .execution_options(populate_existing=True))
        return {row.key: row for row in found}

    def _count(self, key: Key) -> None:
        bump = (update(RecognitionLimit).where(RecognitionLimit.key == key.id)
                .values(attempts=RecognitionLimit.attempts + 1)
                .execution_options(synchronize_session=False))
        if self.session.execute(bump).rowcount:
            return
        try:
            with self.session.begin_nested():
                self.session.add(RecognitionLimit(key=key.id, kind=key.kind, attempts=1,
                                                  failures=0))
        except IntegrityError:  # another process added it meanwhile: count on its row
            self.session.execute(bump)

    def save(self, counters: Sequence[Counter]) -> None:
        for counter in counters:
            self.session.execute(
                update(RecognitionLimit).where(RecognitionLimit.key == counter.key)
                .values(failures=counter.failures, last_failure_at=counter.last_failure_at,
                        not_before=counter.not_before, locked_at=counter.locked_at)
                .execution_options(synchronize_session=False))

    def log_failure(self, failure: Failure) -> None:
        self.session.add(RecognitionFailure(at=failure.at, sender_id=failure.sender_id[:120],
                                            address=failure.address[:64],
                                            code_digest=failure.code_digest))
        self.session.execute(delete(RecognitionFailure).where(
            RecognitionFailure.at < failure.at - timedelta(days=FAILURE_LOG_DAYS)))

    def failures_since(self, since: datetime) -> List[Failure]:
        rows = self.session.scalars(select(RecognitionFailure)
                                    .where(RecognitionFailure.at >= since)
                                    .order_by(RecognitionFailure.at, RecognitionFailure.id))
        return [Failure(r.at, r.sender_id, r.address, r.code_digest) for r in rows]

    def locked(self) -> List[Counter]:
        rows = self.session.scalars(select(RecognitionLimit)
                                    .where(RecognitionLimit.locked_at != null())
                                    .order_by(RecognitionLimit.locked_at))
        return [_counter(row) for row in rows]

    def lift(self, key: Key) -> Optional[Counter]:
        rows = self._rows([key])
        if key.id not in rows:
            return None
        before = _counter(rows[key.id])
        self.save([cleared(before)])
        return before


def _counter(row: RecognitionLimit) -> Counter:
    return Counter(row.key, row.kind, row.attempts, row.failures, row.last_failure_at,
                   row.not_before, row.locked_at)


class MemoryLimitStore:
    """The same store in a dict, for unit tests (one process, no locking needed)."""

    def __init__(self) -> None:
        self.counters: Dict[str, Counter] = {}
        self.failures: List[Failure] = []

    def peek(self, keys: Sequence[Key]) -> List[Counter]:
        return [self.counters.get(k.id, Counter(k.id, k.kind)) for k in keys]

    def attempt(self, keys: Sequence[Key], now: datetime) -> List[Counter]:
        for counter in self.peek(keys):
            self.counters[counter.key] = replace(counter, attempts=counter.attempts + 1)
        return self.peek(keys)

    def save(self, counters: Sequence[Counter]) -> None:
        for counter in counters:
            kept = self.counters.get(counter.key, counter)
            self.counters[counter.key] = replace(counter, attempts=kept.attempts)

    def log_failure(self, failure: Failure) -> None:
        self.failures.append(failure)

    def failures_since(self, since: datetime) -> List[Failure]:
        return [f for f in self.failures if f.at >= since]

    def locked(self) -> List[Counter]:
        return sorted((c for c in self.counters.values() if c.locked),
                      key=lambda c: c.locked_at or datetime.min)

    def lift(self, key: Key) -> Optional[Counter]:
        before = self.counters.get(key.id)
        if before is not None:
            self.counters[key.id] = cleared(before)
        return before
