"""The shoppers a tablet has served: each one a conversation of its own (a ``tablet-``
sender id, so the tablet's turns go through Rasa like any shopper's) and the last screen
the tablet showed for it.

A shopper is found by its number *and* the tablet's device id: the number alone (seen on
one tablet, or guessed) does not open another tablet's conversation, let alone a
shopper's chat. The last screen answers a request sent twice (a network blink: the tablet
sends again with the same turn id) without a second turn.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from enum import Enum
from typing import Any, Dict, List, Optional

from sqlalchemy import desc, or_, select, update
from sqlalchemy.orm import Session

from bot.staff.models import TabletShopper

SENDER_PREFIX = "tablet-"
RECENT = 5  # the shoppers a tablet can reopen


def new_shopper(session: Session, device: str, staff_id: Optional[int],
                now: datetime) -> TabletShopper:
    """A new shopper on this tablet, with a conversation id nobody can guess."""
    shopper = TabletShopper(device=device, sender_id=SENDER_PREFIX + secrets.token_hex(16),
                            staff_id=staff_id, started_at=now, updated_at=now)
    session.add(shopper)
    session.flush()
    return shopper


def shopper_of(session: Session, device: str, shopper_id: int) -> Optional[TabletShopper]:
    """This tablet's shopper with that number, or None (another tablet's, or none)."""
    found: Optional[TabletShopper] = session.scalar(select(TabletShopper).where(
        TabletShopper.id == shopper_id, TabletShopper.device == device))
    return found


class Claim(Enum):
    """What claiming a shopper's turn found."""

    HELD = "held"  # this claim holds the turn until it releases it (or the lease ends)
    BUSY = "busy"  # another turn holds it: try again shortly
    NO_SHOPPER = "no shopper"  # no such shopper on this tablet


def new_holder() -> str:
    """A name for one turn's claim, so that its release frees its own lease only (not the
    next turn's, if this one outlived its lease)."""
    return secrets.token_hex(16)


def claim_turn(session: Session, device: str, shopper_id: int, holder: str, now: datetime,
               lease: timedelta) -> Claim:
    """Claim this tablet's shopper's turn for ``lease``, if no other turn holds it. ``now``
    in UTC, as every server writing leases must (they compare each other's)."""
    claimed = session.execute(
        update(TabletShopper)
        .where(TabletShopper.id == shopper_id, TabletShopper.device == device,
               or_(TabletShopper.turn_lease_until.is_(None),
                   TabletShopper.turn_lease_until < now))
        .values(turn_holder=holder, turn_lease_until=now + lease)
        .execution_options(synchronize_session=False))
    if claimed.rowcount == 1:
        return Claim.HELD
    return Claim.NO_SHOPPER if shopper_of(session, device, shopper_id) is None else Claim.BUSY


def release_turn(session: Session, shopper_id: int, holder: str) -> None:
    """Give the turn back, if this claim still holds it."""
    session.execute(update(TabletShopper)
                    .where(TabletShopper.id == shopper_id, TabletShopper.turn_holder == holder)
                    .values(turn_holder=None, turn_lease_until=None)
                    .execution_options(synchronize_session=False))


def recent_shoppers(session: Session, device: str, limit: int = RECENT) -> List[TabletShopper]:
    """This tablet's latest shoppers, the most recently served first."""
    return list(session.scalars(select(TabletShopper).where(TabletShopper.device == device)
                                .order_by(desc(TabletShopper.updated_at),
                                          desc(TabletShopper.id)).limit(limit)))


def record_view(shopper: TabletShopper, turn_id: str, view: Dict[str, Any],
                now: datetime) -> None:
    """The screen a turn produced, kept as the shopper's latest."""
    shopper.last_turn, shopper.view, shopper.updated_at = turn_id, view, now


def summary(shopper: TabletShopper) -> Dict[str, Any]:
    """A line for the tablet's list of recent shoppers: the job and the list so far."""
    briefing: Dict[str, Any] = (shopper.view or {}).get("briefing") or {}
    bundle = briefing.get("bundle") or {}
    facts = briefing.get("facts") or []
    job = next((f["answer"] for f in facts if f.get("question") == "job"), None)
    return {"id": shopper.id, "started_at": shopper.started_at.isoformat(timespec="minutes"),
            "updated_at": shopper.updated_at.isoformat(timespec="minutes"),
            "job": bundle.get("job_name") or job or briefing.get("asked_for"),
            "items": len(bundle.get("items") or []),
            "total_pence": bundle.get("total_pence")}
