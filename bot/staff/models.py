"""SQLAlchemy models of the staff's side, in the catalogue database (and its metadata).

Made by the migration ``0002_staff_and_practice`` (``bot/schema.py``, ``docs/migrations.md``),
like every table of the shop database. Nothing personal of a
shopper is kept here: a tablet's shopper is a conversation id and the last screen shown; a
list given by QR code is the list alone, without the conversation it came from.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, Optional

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.sql.schema import Column

from bot.catalogue.models import Base


class StaffAccount(Base):
    """A member of staff who signs in: a name, a role, and an Argon2id hash of the
    password (never the password)."""

    __tablename__ = "staff_accounts"
    id = Column(Integer, primary_key=True)
    name = Column(String(80), nullable=False, unique=True)
    role = Column(String(20), nullable=False)
    password_hash = Column(String(200), nullable=False)
    created_at: datetime = Column(DateTime, nullable=False)
    active = Column(Boolean, nullable=False, default=True)


class StaffSession(Base):
    """A signed-in browser: the digest of its session token (the cookie holds the token,
    signed), the token its pages send against cross-site request forgery, and when it ends."""

    __tablename__ = "staff_sessions"
    token_digest = Column(String(64), primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_accounts.id", ondelete="CASCADE"),
                      nullable=False, index=True)
    csrf = Column(String(64), nullable=False)
    created_at: datetime = Column(DateTime, nullable=False)
    expires_at: datetime = Column(DateTime, nullable=False)


class TabletShopper(Base):
    """A shopper served on a tablet: the conversation (a ``tablet-`` sender id), which
    tablet (a device id from the tablet's own cookie), and the last screen it showed, so
    that the tablet can reopen it and a repeated request is answered without a second turn.

    The turn's lease (``turn_holder`` until ``turn_lease_until``, added by the migration
    ``0003_tablet_turn_lease``) lets one turn at a time run for the shopper, whichever
    staff server takes it (``bot/staff/tablet.py``)."""

    __tablename__ = "tablet_shoppers"
    id = Column(Integer, primary_key=True)
    device = Column(String(64), nullable=False, index=True)
    sender_id = Column(String(120), nullable=False, unique=True)
    staff_id = Column(Integer, ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    started_at: datetime = Column(DateTime, nullable=False)
    updated_at: datetime = Column(DateTime, nullable=False)
    last_turn: Optional[str] = Column(String(64))
    view: Optional[Dict[str, Any]] = Column(JSON)
    # Left unannotated: the lease is read in SQL (IS NULL, <), not as a Python value.
    turn_holder = Column(String(32))
    turn_lease_until = Column(DateTime)


class ListShare(Base):
    """A list given to a shopper by QR code: the list itself (names, quantities, prices,
    aisles as shown), found by the digest of the link's token, until it expires."""

    __tablename__ = "list_shares"
    token_digest = Column(String(64), primary_key=True)
    created_at: datetime = Column(DateTime, nullable=False)
    expires_at: datetime = Column(DateTime, nullable=False, index=True)
    content: Dict[str, Any] = Column(JSON, nullable=False)


class HandoffClaim(Base):
    """A member of staff holding a hand-off's conversation. The hand-off's id is the key:
    a second claim on it fails in the database, whichever server process makes it."""

    __tablename__ = "handoff_claims"
    handoff_id = Column(Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_accounts.id", ondelete="SET NULL"))
    staff_name = Column(String(80), nullable=False)
    taken_at: datetime = Column(DateTime, nullable=False)
    returned_at: Optional[datetime] = Column(DateTime)


class HandoffDelivery(Base):
    """A hand-off posted to the shop's own help desk (a webhook): attempts, and when it
    was delivered, so that each is posted once."""

    __tablename__ = "handoff_deliveries"
    handoff_id = Column(Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), primary_key=True)
    attempts = Column(Integer, nullable=False, default=0)
    delivered_at: Optional[datetime] = Column(DateTime)
    last_error: Optional[str] = Column(String(200))
