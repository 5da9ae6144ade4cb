"""SQLAlchemy models of client care, in the same database (and metadata) as the catalogue.

Personal data lives only in ``clients`` and ``client_links`` (name, the conversations
that belong to a client) and ``projects``; orders and return cases point to a client
but hold no personal data themselves, so forgetting a client deletes those rows and
unlinks the rest.

The security tables (``recognition_limits``, ``recognition_failures``, ``audit_log``) hold
no client data: conversation ids and source addresses of failed recognitions (kept for
``FAILURE_LOG_DAYS``), digests of the codes tried, and counts of what was deleted.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, List, Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship
from sqlalchemy.sql.schema import Column

from bot.catalogue.models import Base


class Client(Base):
    """A shopper who agreed to be remembered."""

    __tablename__ = "clients"
    id = Column(Integer, primary_key=True)
    name: Optional[str] = Column(String(80))
    code = Column(String(12), nullable=False, unique=True)
    consent_at: datetime = Column(DateTime, nullable=False)
    links: List["ClientLink"] = relationship("ClientLink", cascade="all, delete-orphan")
    projects: List["Project"] = relationship("Project", cascade="all, delete-orphan",
                                             order_by="Project.id")


class ClientLink(Base):
    """A conversation (Rasa sender id) that belongs to a client."""

    __tablename__ = "client_links"
    sender_id = Column(String(120), primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False)


class Project(Base):
    """A job a remembered client did with us: what, when, what they bought."""

    __tablename__ = "projects"
    id = Column(Integer, primary_key=True)
    client_id = Column(Integer, ForeignKey("clients.id", ondelete="CASCADE"), nullable=False)
    job = Column(String(40), nullable=False)
    answers: Dict[str, Any] = Column(JSON, nullable=False, default=dict)
    skus: List[str] = Column(JSON, nullable=False, default=list)
    on: date = Column(Date, nullable=False)


class Order(Base):
    """A purchase: its number, date and lines."""

    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    number = Column(String(20), nullable=False, unique=True)
    client_id: Optional[int] = Column(Integer, ForeignKey("clients.id", ondelete="SET NULL"))
    placed_on: date = Column(Date, nullable=False)
    lines: List["OrderLine"] = relationship("OrderLine", cascade="all, delete-orphan",
                                            order_by="OrderLine.id")


class OrderLine(Base):
    __tablename__ = "order_lines"
    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False)
    sku = Column(String(40), nullable=False)
    name = Column(String(200), nullable=False)
    quantity = Column(Integer, nullable=False)
    unit_price_cents = Column(Integer, nullable=False)
    returned = Column(Integer, nullable=False, default=0)


class MakerCase(Base):
    """A case opened with a manufacturer: one per product and failed feature."""

    __tablename__ = "maker_cases"
    id = Column(Integer, primary_key=True)
    sku = Column(String(40), nullable=False)
    brand = Column(String(80), nullable=False)
    feature = Column(String(40), nullable=False)
    status = Column(String(10), nullable=False, default="open")
    opened_at: datetime = Column(DateTime, nullable=False)
    returns: List["ReturnCase"] = relationship("ReturnCase", back_populates="maker_case",
                                               order_by="ReturnCase.id")
    reports: List["FaultReport"] = relationship("FaultReport", back_populates="maker_case",
                                                order_by="FaultReport.id")

    @property
    def count(self) -> int:
        """Every report of the fault: returns, and faults told without the order."""
        return len(self.returns) + len(self.reports)


class ReturnCase(Base):
    """A faulty product brought back: the defect in the shopper's words, the conditions."""

    __tablename__ = "return_cases"
    id = Column(Integer, primary_key=True)
    order_line_id = Column(Integer, ForeignKey("order_lines.id"), nullable=False)
    sku = Column(String(40), nullable=False)
    defect = Column(Text, nullable=False)
    feature: Optional[str] = Column(String(40))
    conditions: List[str] = Column(JSON, nullable=False, default=list)
    outcome = Column(String(20), nullable=False)
    refund_cents = Column(Integer, nullable=False, default=0)
    created_at: datetime = Column(DateTime, nullable=False)
    maker_case_id: Optional[int] = Column(Integer, ForeignKey("maker_cases.id"))
    maker_case: Optional[MakerCase] = relationship("MakerCase", back_populates="returns")


class FaultReport(Base):
    """A fault told by a shopper whose order could not be found: the product as they
    described it, the defect in their words, the conditions; no order, no client."""

    __tablename__ = "fault_reports"
    id = Column(Integer, primary_key=True)
    sku: Optional[str] = Column(String(40))  # the product described, when it could be told
    category = Column(String(40), nullable=False)
    feature: Optional[str] = Column(String(40))
    conditions: List[str] = Column(JSON, nullable=False, default=list)
    defect = Column(Text, nullable=False)
    created_at: datetime = Column(DateTime, nullable=False)
    maker_case_id: Optional[int] = Column(Integer, ForeignKey("maker_cases.id"))
    maker_case: Optional[MakerCase] = relationship("MakerCase", back_populates="reports")


class OrderContact(Base):
    """The e-mail address an order was placed with (from the shop's own order records), so
    a shopper without the order number can still be found."""

    __tablename__ = "order_contacts"
    order_id = Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    email = Column(String(200), nullable=False, index=True)


class Handoff(Base):
    """A conversation waiting for a human, with what the assistant knew so far."""

    __tablename__ = "handoffs"
    id = Column(Integer, primary_key=True)
    sender_id = Column(String(120), nullable=False, index=True)
    reason = Column(String(200), nullable=False)
    summary: Dict[str, Any] = Column(JSON, nullable=False, default=dict)
    status = Column(String(10), nullable=False, default="waiting")
    created_at: datetime = Column(DateTime, nullable=False)


class RecognitionLimit(Base):
    """The failed recognitions counted against one key (a conversation, a source address
    or a client code), the time before which the next attempt is not checked, and the
    lock-out that only a person lifts (``bot security lift``). Shared by every server
    process through the database (``bot.care.limits``)."""

    __tablename__ = "recognition_limits"
    key = Column(String(200), primary_key=True)
    kind = Column(String(20), nullable=False)
    attempts = Column(Integer, nullable=False, default=0)
    failures = Column(Integer, nullable=False, default=0)
    last_failure_at: Optional[datetime] = Column(DateTime)
    not_before: Optional[datetime] = Column(DateTime)
    locked_at: Optional[datetime] = Column(DateTime, index=True)


class RecognitionFailure(Base):
    """One failed recognition, for spotting bursts and for the staff's report."""

    __tablename__ = "recognition_failures"
    id = Column(Integer, primary_key=True)
    at: datetime = Column(DateTime, nullable=False, index=True)
    sender_id = Column(String(120), nullable=False)
    address = Column(String(64), nullable=False)
    code_digest = Column(String(64), nullable=False)


class AuditRecord(Base):
    """Something done to personal data or to the limits (a deletion, a lifted lock-out):
    what, when and from which conversation, in counts and kinds, never the data itself."""

    __tablename__ = "audit_log"
    id = Column(Integer, primary_key=True)
    at: datetime = Column(DateTime, nullable=False, index=True)
    action = Column(String(40), nullable=False)
    sender_id: Optional[str] = Column(String(120))
    detail: Dict[str, Any] = Column(JSON, nullable=False, default=dict)
