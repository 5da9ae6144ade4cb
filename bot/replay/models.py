"""Practice sets and rounds, in the shop's database (the catalogue's metadata).

Nothing personal: a recorded conversation is named by its ``conversation_ref`` (a digest of
the sender id, never the id), a story by ``file#name``, a trainee by their staff user name.
A conversation forgotten since it was put in a set is simply no longer found, and skipped.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.sql.schema import Column

from bot.catalogue.models import Base


class PracticeSet(Base):
    """Conversations a trainer picked for practice, under a name."""

    __tablename__ = "practice_sets"
    id = Column(Integer, primary_key=True)
    name: str = Column(String(80), nullable=False, unique=True)
    created_by: str = Column(String(80), nullable=False)
    created_at: datetime = Column(DateTime, nullable=False)


class PracticeItem(Base):
    """One conversation of a set: ``recorded`` (by ref) or ``story`` (by file#name)."""

    __tablename__ = "practice_items"
    __table_args__ = (UniqueConstraint("set_id", "kind", "ref"),)
    id = Column(Integer, primary_key=True)
    set_id: int = Column(Integer, ForeignKey("practice_sets.id", ondelete="CASCADE"),
                         nullable=False, index=True)
    kind: str = Column(String(10), nullable=False)
    ref: str = Column(String(300), nullable=False)
    position: int = Column(Integer, nullable=False, default=0)


class PracticeRound(Base):
    """A trainee's session of practice on one conversation."""

    __tablename__ = "practice_rounds"
    id = Column(Integer, primary_key=True)
    trainee: str = Column(String(80), nullable=False, index=True)
    kind: str = Column(String(10), nullable=False)
    ref: str = Column(String(300), nullable=False)
    started_at: datetime = Column(DateTime, nullable=False)


class PracticePick(Base):
    """What the trainee picked at one turn, and its score (0 to 1)."""

    __tablename__ = "practice_picks"
    __table_args__ = (UniqueConstraint("round_id", "turn"),)
    id = Column(Integer, primary_key=True)
    round_id: int = Column(Integer, ForeignKey("practice_rounds.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    turn: int = Column(Integer, nullable=False)
    picked: str = Column(String(80), nullable=False)
    assistant: Optional[str] = Column(String(80))
    score: float = Column(Float, nullable=False)
    at: datetime = Column(DateTime, nullable=False)


class ProposedExample(Base):
    """A shopper's message the model misread, with the intent a trainer says is right: a
    training example proposed for the next ``bot train`` (``annotations.py``). The text has
    its personal data replaced already."""

    __tablename__ = "proposed_examples"
    __table_args__ = (UniqueConstraint("text", "intent"),)
    id = Column(Integer, primary_key=True)
    text: str = Column(String(500), nullable=False)
    intent: str = Column(String(80), nullable=False)
    read_as: Optional[str] = Column(String(80))  # what the model read it as
    proposed_by: str = Column(String(80), nullable=False)
    proposed_at: datetime = Column(DateTime, nullable=False)
    status: str = Column(String(10), nullable=False, default="proposed")  # accepted, rejected
    decided_by: Optional[str] = Column(String(80))
