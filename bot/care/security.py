"""What the staff see of attempts to recognise clients by code, until the staff desk
exists: failures, bursts of them, the lock-outs and the audit log (``bot security
report``); and lifting a lock-out, which only a person may do (``bot security lift``)."""

from __future__ import annotations

from collections import Counter as Tally
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import List, Optional, Sequence

from sqlalchemy.orm import Session

from bot.care.codes import normalise_code
from bot.care.erasure import LIFT_LOCK, audit_since, record
from bot.care.limits import (
    ADDRESS,
    CODE,
    CONVERSATION,
    Counter,
    Failure,
    Key,
    Limits,
    SqlLimitStore,
    code_digest,
)
from bot.care.models import AuditRecord

KINDS = (CONVERSATION, ADDRESS, CODE)


@dataclass(frozen=True)
class Burst:
    """A stretch of time with at least ``Limits.burst_failures`` failures in every window."""

    start: datetime
    end: datetime
    failures: List[Failure]


@dataclass(frozen=True)
class SecurityReport:
    since: datetime
    limits: Limits
    failures: List[Failure]
    bursts: List[Burst]
    locked: List[Counter]
    audit: List[AuditRecord]


def find_bursts(failures: Sequence[Failure], limits: Limits) -> List[Burst]:
    """Failures that came ``burst_failures`` or more within ``burst_window``, merged into
    stretches where such windows overlap. ``failures`` are oldest first."""
    spans: List[List[datetime]] = []
    first = 0
    for last, failure in enumerate(failures):
        while failure.at - failures[first].at > limits.burst_window:
            first += 1
        if last - first + 1 < limits.burst_failures:
            continue
        if spans and failures[first].at <= spans[-1][1]:
            spans[-1][1] = failure.at
        else:
            spans.append([failures[first].at, failure.at])
    return [Burst(start, end, [f for f in failures if start <= f.at <= end])
            for start, end in spans]


def security_report(session: Session, now: datetime, hours: float = 24,
                    limits: Optional[Limits] = None) -> SecurityReport:
    """The failures, bursts and audit records of the last ``hours``, and every lock-out."""
    limits = limits or Limits.from_environment()
    since = now - timedelta(hours=hours)
    store = SqlLimitStore(session)
    failures = store.failures_since(since)
    return SecurityReport(since, limits, failures, find_bursts(failures, limits),
                          store.locked(), audit_since(session, since))


def lift(session: Session, kind: str, value: str, now: datetime) -> Optional[Counter]:
    """Lift the lock-out (and forgive the failures) of a conversation, an address or a
    code, and write it to the audit log; the counter as it was, None if never counted.

    Raises:
        ValueError: an unknown kind, or a code that no code could be.
    """
    if kind not in KINDS:
        raise ValueError(f"can lift only a {', '.join(KINDS)}")
    if kind == CODE:
        code = normalise_code(value)
        if code is None:
            raise ValueError(f"{value!r} is not a client code")
        value = code_digest(code)
    before = SqlLimitStore(session).lift(Key(kind, value))
    if before is not None:
        record(session, LIFT_LOCK, now, detail={"limit": kind, "was_locked": before.locked,
                                                "failures": before.failures})
    return before


def format_security_report(report: SecurityReport) -> str:
    """The report as plain text for a terminal."""
    lines = _failures_section(report) + [""] + _bursts_section(report) + [""]
    lines += _locks_section(report.locked) + [""] + _audit_section(report.audit)
    return "\n".join(lines)


def _failures_section(report: SecurityReport) -> List[str]:
    failures = report.failures
    lines = [f"Failed recognitions since {report.since:%Y-%m-%d %H:%M}: {len(failures)}, from "
             f"{len({f.address for f in failures})} address(es), "
             f"{len({f.sender_id for f in failures})} conversation(s), "
             f"{len({f.code_digest for f in failures})} code(s)"]
    for address, count in Tally(f.address for f in failures).most_common(5):
        lines.append(f"  {address}: {count}")
    return lines


def _bursts_section(report: SecurityReport) -> List[str]:
    limits = report.limits
    window = int(limits.burst_window.total_seconds() // 60)
    lines = [f"Bursts ({limits.burst_failures} or more failures within {window} minutes): "
             f"{len(report.bursts) or 'none'}"]
    for burst in report.bursts:
        lines.append(f"  {burst.start:%Y-%m-%d %H:%M:%S} to {burst.end:%H:%M:%S}: "
                     f"{len(burst.failures)} failures from "
                     f"{len({f.address for f in burst.failures})} address(es), "
                     f"{len({f.sender_id for f in burst.failures})} conversation(s)")
    return lines


def _locks_section(locked: Sequence[Counter]) -> List[str]:
    lines = [f"Locked out (only a person lifts these: bot security lift --KIND VALUE): "
             f"{len(locked) or 'none'}"]
    for counter in locked:
        kind, _, value = counter.key.partition(":")
        shown = f"a code (digest {value[:12]}; lift with --code CODE)" if kind == CODE else \
            f"{kind} {value}"
        lines.append(f"  {shown}: since {counter.locked_at:%Y-%m-%d %H:%M}, after "
                     f"{counter.failures} failures, {counter.attempts} attempts in all")
    return lines


def _audit_section(audit: Sequence[AuditRecord]) -> List[str]:
    lines = [f"Audit log: {len(audit) or 'nothing'}"]
    for entry in audit:
        where = f" in conversation {entry.sender_id}" if entry.sender_id else ""
        what = ", ".join(f"{k} {v}" for k, v in sorted(entry.detail.items()))
        lines.append(f"  {entry.at:%Y-%m-%d %H:%M:%S} {entry.action}{where}: {what}")
    return lines
