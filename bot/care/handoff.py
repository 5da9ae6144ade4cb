"""Handing a conversation to a human: a queue in the database, with a summary so that
nothing the shopper said has to be said again."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care.models import Handoff
from bot.language import MAX_MESSAGE_CHARS


def summary_of(state: Optional[Mapping[str, Any]], transcript: List[str],
               care: Optional[Mapping[str, Any]] = None) -> Dict[str, Any]:
    """What a human needs: the job, the answers so far, the bundle so far, a fault being
    reported, and every word the shopper said."""
    state = state or {}
    bundle = state.get("bundle") or {}
    jobs = (state.get("known") or {}).get("job") or []
    return {
        "job": bundle.get("job") or (jobs[0] if len(jobs) == 1 else None),
        "item": (state.get("item") or {}).get("category"),
        "answers": state.get("known", {}),
        "assumed": state.get("assumed", {}),
        "pending_question": state.get("pending"),
        "gift": state.get("gift"),
        "bundle": [{"sku": i["sku"], "name": i["name"], "quantity": i["quantity"]}
                   for i in bundle.get("items", [])],
        "total": bundle.get("total"),
        "fault": (care or {}).get("fault"),
        "transcript": [text[:MAX_MESSAGE_CHARS] for text in transcript],
    }


def request_handoff(session: Session, sender_id: str, *, reason: str,
                    summary: Dict[str, Any], now: datetime) -> Handoff:
    """Queue the conversation for a human (once: a waiting hand-off is updated)."""
    waiting = session.scalar(select(Handoff).where(Handoff.sender_id == sender_id,
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
