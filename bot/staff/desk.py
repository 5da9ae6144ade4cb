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

from sqlalchemy import desc, null, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.care.models import Handoff
from bot.catalogue.needs import current_knowledge
from bot.knowledge import JOB_QUESTION, Knowledge, KnowledgeError
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
    handoffs = list(session.scalars(select(Handoff).where(Handoff.status.in_(SHOWN))
                                    .order_by(desc(Handoff.created_at), desc(Handoff.id))
                                    .limit(limit)))
    knowledge = _knowledge(session) if handoffs else None
    return [handoff_view(session, h, knowledge) for h in handoffs]


def handoff_view(session: Session, handoff: Handoff,
                 knowledge: Optional[Knowledge] = None) -> Dict[str, Any]:
    """One hand-off as the desk shows it: the summary the dialogue recorded (with its
    answers in the shop's words, when the knowledge is given), its status and who holds
    it; never the conversation's id."""
    claim = session.get(HandoffClaim, handoff.id)
    summary: Dict[str, Any] = dict(handoff.summary or {})
    return {"id": handoff.id, "reason": handoff.reason, "status": handoff.status,
            "created_at": handoff.created_at.isoformat(timespec="seconds"),
            "summary": summary, "said": said(summary, knowledge) if knowledge else [],
            "taken_by": claim.staff_name if claim is not None else None,
            "taken_by_id": claim.staff_id if claim is not None else None}


def _knowledge(session: Session) -> Optional[Knowledge]:
    try:
        return current_knowledge(session)
    except KnowledgeError:  # no knowledge stored: the summaries are shown as recorded
        return None


def said(summary: Dict[str, Any], knowledge: Knowledge) -> List[Dict[str, str]]:
    """The job and the answers of a summary, as the shop says them."""
    lines = []
    for question, options in (summary.get("answers") or {}).items():
        if question != JOB_QUESTION and question not in knowledge.questions:
            continue
        asked = knowledge.question(question)
        label = asked.text if question != JOB_QUESTION else "The job"
        answer = " or ".join(knowledge.jobs[o].name if question == JOB_QUESTION
                             and o in knowledge.jobs else knowledge.label(question, o)
                             for o in options)
        lines.append({"question": label, "answer": answer})
    return lines


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


def held_by(session: Session, staff_id: int) -> List[Handoff]:
    """The hand-offs a member of staff holds now."""
    return list(session.scalars(
        select(Handoff).join(HandoffClaim, HandoffClaim.handoff_id == Handoff.id)
        .where(HandoffClaim.staff_id == staff_id, HandoffClaim.returned_at == null(),
               Handoff.status == TAKEN).order_by(Handoff.id)))


def release(session: Session, handoff_id: int) -> None:
    """Undo a take that the assistant could not follow (it did not pause): the hand-off
    waits again, for anyone."""
    claim = session.get(HandoffClaim, handoff_id)
    handoff = session.get(Handoff, handoff_id)
    if claim is not None:
        session.delete(claim)
    if handoff is not None and handoff.status == TAKEN:
        handoff.status = "waiting"
    session.flush()
