"""Handing a conversation to a human: a queue in the database, with a summary so that
nothing the shopper said has to be said again."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care.models import Handoff


def request_handoff(session: Session, sender_id: str, *, reason: str,
                    summary: Dict[str, Any], now: datetime) -> Handoff:
    """Queue the conversation for a human (once: a waiting hand-off is updated)."""
    waiting: Optional[Handoff] = session.scalar(select(Handoff).where(Handoff.sender_id == sender_id,
                                                   Handoff.status == "waiting"))
    if waiting is None:
        waiting = Handoff(sender_id=sender_id, reason=reason, summary=summary, created_at=now)
        session.add(waiting)
    else:
        waiting.summary, waiting.reason = summary, reason
    session.flush()
    return waiting


def queue(session: Session) -> List[Handoff]:
    """Waiting hand-offs, oldest first, with their place in the queue."""
    return list(session.scalars(select(Handoff).where(Handoff.status == "waiting")
                                .order_by(Handoff.created_at, Handoff.id)))
