"""The staff desk's hold on hand-offs: the queue as the desk shows it, taking one (once:
two members of staff cannot both take a conversation), and handing it back.

Hand-offs are the dialogue's (``bot.care.handoff``: waiting, withdrawn). The desk adds
``taken`` and ``returned``, and a claim per hand-off whose key is the hand-off's id, so
that of two members of staff taking the same conversation at once, in any server
process, exactly one succeeds. The desk refers to hand-offs by their number; the
conversation's id stays on the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import desc, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.care.models import Handoff
from bot.staff.models import HandoffClaim, StaffAccount

SHOWN = ("waiting", "taken")
TAKEN, RETURNED = "taken", "returned"
QUEUE_LIMIT = 50


class NotAvailable(Exception):
    """The hand-off cannot be taken: gone, withdrawn, or taken (``by`` whom, if so)."""

    def __init__(self, by: Optional[str] = None) -> None:
        super().__init__(f"taken by {by}" if by else "no longer waiting")
        self.by = by


def desk_queue(session: Session, limit: int = QUEUE_LIMIT) -> List[Dict[str, Any]]:
    """Waiting and taken hand-offs, newest first, as the desk lists them."""
    handoffs = session.scalars(select(Handoff).where(Handoff.status.in_(SHOWN))
                               .order_by(desc(Handoff.created_at), desc(Handoff.id))
                               .limit(limit))
    return [handoff_view(session, h) for h in handoffs]


def handoff_view(session: Session, handoff: Handoff) -> Dict[str, Any]:
    """One hand-off as the desk shows it: the summary the dialogue recorded, its status
    and who holds it; never the conversation's id."""
    claim = session.get(HandoffClaim, handoff.id)
    return {"id": handoff.id, "reason": handoff.reason, "status": handoff.status,
            "created_at": handoff.created_at.isoformat(timespec="seconds"),
            "summary": handoff.summary,
            "taken_by": claim.staff_name if claim is not None else None,
            "taken_by_id": claim.staff_id if claim is not None else None}


def take(session: Session, handoff_id: int, account: StaffAccount, name: str,
         now: datetime) -> Handoff:
    """Take a waiting hand-off for ``account`` (shown to the shopper as ``name``).

    Raises:
        NotAvailable: it is not waiting, or someone took it first.
    """
    handoff: Optional[Handoff] = session.get(Handoff, handoff_id)
    claim = session.get(HandoffClaim, handoff_id)
    if handoff is None or claim is not None or handoff.status != "waiting":
        raise NotAvailable(claim.staff_name if claim is not None else None)
    try:
        with session.begin_nested():
            session.add(HandoffClaim(handoff_id=handoff_id, staff_id=account.id,
                                     staff_name=name, taken_at=now))
    except IntegrityError:  # another member of staff, in another process, was first
        raise NotAvailable(_holder(session, handoff_id)) from None
    handoff.status = TAKEN
    session.flush()
    return handoff


def held(session: Session, handoff_id: int, account: StaffAccount) -> Optional[Handoff]:
    """The hand-off, if ``account`` holds it now (else None: a number alone opens nothing)."""
    claim = session.get(HandoffClaim, handoff_id)
    if claim is None or claim.staff_id != account.id or claim.returned_at is not None:
        return None
    found: Optional[Handoff] = session.get(Handoff, handoff_id)
    return found


def hand_back(session: Session, handoff: Handoff, now: datetime) -> None:
    """The conversation goes back to the assistant."""
    claim = session.get(HandoffClaim, handoff.id)
    if claim is not None:
        claim.returned_at = now
    handoff.status = RETURNED
    session.flush()


def _holder(session: Session, handoff_id: int) -> Optional[str]:
    session.expire_all()
    claim = session.get(HandoffClaim, handoff_id)
    return claim.staff_name if claim is not None else None
