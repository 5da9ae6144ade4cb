"""Forgetting a client, carefully: a recognised client confirms first, and every deletion
is written to the audit log (``audit_log``) in counts and kinds, never the data itself.

Why confirm: "forget me" in a conversation linked to a client deletes the client's
data on every device, for good. Why audit: a shop must be able to show that a deletion
happened, and when, without keeping what was deleted.

The deletion itself is ``bot.care.clients``'; this module wraps it. The conversation
around it (asking to confirm) is the dialogue's (``bot.dialogue.recognition``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Dict, List, Mapping, Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.care.clients import client_for
from bot.care.models import AuditRecord, ClientLink, Handoff, Order, Project

FORGET_ME = "forget_me"
LIFT_LOCK = "lift_lock"
Forget = Callable[[str], List[str]]
"""Deletes what is kept about a conversation's shopper; returns the conversations to
delete from the tracker store (``bot.care.clients.forget`` and its kin)."""


def needs_confirmation(session: Session, sender_id: str) -> bool:
    """Whether "forget me" here would delete a client's data (not just this conversation)."""
    return client_for(session, sender_id) is not None


def forget_and_record(session: Session, sender_id: str, now: datetime,
                      forget: Forget) -> List[str]:
    """Delete (through ``forget``) and write the audit record of what was deleted; the
    conversations the tracker store must delete too."""
    deleted = inventory(session, sender_id)
    senders = forget(sender_id)
    record(session, FORGET_ME, now, sender_id=sender_id,
           detail={**deleted, "conversations": len(senders)})
    return senders


def inventory(session: Session, sender_id: str) -> Dict[str, int]:
    """What "forget me" in this conversation deletes, by kind, counted before it goes."""
    client = client_for(session, sender_id)
    if client is None:
        return {"clients": 0, "projects": 0, "orders_unlinked": 0,
                "handoffs": _count(session, Handoff, Handoff.sender_id.in_([sender_id]))}
    senders = select(ClientLink.sender_id).where(ClientLink.client_id == client.id)
    return {"clients": 1,
            "projects": _count(session, Project, Project.client_id == client.id),
            "orders_unlinked": _count(session, Order, Order.client_id == client.id),
            "handoffs": _count(session, Handoff, Handoff.sender_id.in_(senders))}


def _count(session: Session, model: Any, condition: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(condition)) or 0)


def record(session: Session, action: str, now: datetime, *, sender_id: Optional[str] = None,
           detail: Optional[Mapping[str, Any]] = None) -> AuditRecord:
    """Write one audit record. ``detail`` holds counts and kinds only."""
    entry = AuditRecord(at=now, action=action, sender_id=sender_id, detail=dict(detail or {}))
    session.add(entry)
    session.flush()
    return entry


def audit_since(session: Session, since: datetime) -> List[AuditRecord]:
    """Audit records since then, oldest first."""
    return list(session.scalars(select(AuditRecord).where(AuditRecord.at >= since)
                                .order_by(AuditRecord.at, AuditRecord.id)))
