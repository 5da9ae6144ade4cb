"""The staff's view of recognition attempts: bursts, lock-outs, the audit log, lifting."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import List

import pytest

from bot.care.erasure import FORGET_ME, LIFT_LOCK, audit_since, record
from bot.care.limits import ADDRESS, CODE, Failure, Key, Limits, SqlLimitStore, code_digest
from bot.care.recognition import Recognition
from bot.care.security import find_bursts, format_security_report, lift, security_report
from bot.db import session_scope

NOW = datetime(2026, 11, 23, 10)
LIMITS = Limits(base_delay_s=0.0, burst_failures=3, burst_window=timedelta(minutes=10))


def failures(*minutes: float) -> List[Failure]:
    return [Failure(NOW + timedelta(minutes=m), f"s{n}", f"192.0.2.{n % 2}", "d")
            for n, m in enumerate(minutes)]


@pytest.mark.parametrize("minutes, bursts", [
    ((0, 1, 2), [(0, 2, 3)]),
    ((0, 1, 30), []),
    ((0, 1, 2, 8, 11, 40, 41, 42), [(0, 11, 5), (40, 42, 3)]),   # overlapping windows merge
    ((0, 5, 11, 16), []),
])
def test_bursts(minutes, bursts) -> None:
    found = find_bursts(failures(*minutes), LIMITS)
    assert [((b.start - NOW).seconds // 60, (b.end - NOW).seconds // 60, len(b.failures))
            for b in found] == bursts


def test_the_report_shows_failures_bursts_locks_and_the_audit(small_db: str) -> None:
    with session_scope(small_db) as session:
        recognition = Recognition(session, SqlLimitStore(session), LIMITS)
        for n in range(3):
            recognition.verify("7KQXM4PARW", "Sam", sender_id="attacker-1",
                               address="203.0.113.7", now=NOW + timedelta(seconds=n))
        record(session, FORGET_ME, NOW, sender_id="web-9", detail={"clients": 1, "projects": 2})
        text = format_security_report(security_report(session, NOW + timedelta(minutes=1),
                                                      limits=LIMITS))
    assert "Failed recognitions since 2026-11-22 10:01: 3, from 1 address(es), " \
           "1 conversation(s), 1 code(s)" in text
    assert "  203.0.113.7: 3" in text
    assert "2026-11-23 10:00:00 to 10:00:02: 3 failures from 1 address(es)" in text
    assert "  conversation attacker-1: since 2026-11-23 10:00, after 3 failures" in text
    assert "7KQXM4PARW" not in text
    assert "forget_me in conversation web-9: clients 1, projects 2" in text


def test_a_person_lifts_a_lock_and_it_is_audited(small_db: str) -> None:
    with session_scope(small_db) as session:
        recognition = Recognition(session, SqlLimitStore(session), Limits(base_delay_s=0.0))
        for n in range(5):
            recognition.verify("7KQXM4PARW", "Sam", sender_id=f"s{n}", address=f"192.0.2.{n}",
                               now=NOW)
        assert [c.kind for c in SqlLimitStore(session).locked()] == [CODE]
        before = lift(session, CODE, "7kqx-m4pa-rw", NOW)
        assert before is not None and before.locked and before.failures == 5
        assert SqlLimitStore(session).locked() == []
        [entry] = audit_since(session, NOW)
        assert entry.action == LIFT_LOCK and entry.detail == {"limit": CODE, "was_locked": True,
                                                              "failures": 5}
        assert lift(session, ADDRESS, "198.51.100.1", NOW) is None
        with pytest.raises(ValueError, match="not a client code"):
            lift(session, CODE, "hello", NOW)
        with pytest.raises(ValueError, match="can lift only"):
            lift(session, "shop", "x", NOW)
        assert SqlLimitStore(session).peek([Key(CODE, code_digest("7KQXM4PARW"))])[0].failures == 0
