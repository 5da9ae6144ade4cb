"""Handing a conversation to a human: a queue in the database, with a summary so that
nothing the shopper said has to be said again."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care.models import Handoff


def request_handoff(session: Session, sender_id: str, *, reason: str,
                    summary: Dict[str, Any], now: datetime,
                    keep_reason: bool = False) -> Handoff:
    """Queue the conversation for a human (once: a waiting hand-off is updated with the
    latest summary, and its reason unless ``keep_reason``)."""
    waiting = waiting_handoff(session, sender_id)
    if waiting is None:
        waiting = Handoff(sender_id=sender_id, reason=reason, summary=summary, created_at=now)
        session.add(waiting)
    else:
        waiting.summary = summary
        waiting.reason = waiting.reason if keep_reason else reason
    session.flush()
    return waiting


def waiting_handoff(session: Session, sender_id: str) -> Optional[Handoff]:
    """The conversation's hand-off still waiting for a person, if any."""
    found: Optional[Handoff] = session.scalar(select(Handoff).where(
        Handoff.sender_id == sender_id, Handoff.status == "waiting"))
    return found


def withdraw_handoff(session: Session, sender_id: str) -> None:
    """The shopper no longer waits ("never mind, carry on"): out of the queue."""
    waiting = waiting_handoff(session, sender_id)
    if waiting is not None:
        waiting.status = "withdrawn"
        session.flush()


def queue(session: Session) -> List[Handoff]:
    """Waiting hand-offs, oldest first, with their place in the queue."""
    return list(session.scalars(select(Handoff).where(Handoff.status == "waiting")
                                .order_by(Handoff.created_at, Handoff.id)))
