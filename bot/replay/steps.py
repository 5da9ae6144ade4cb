"""The replay's unit: one turn of a conversation, as a trainer steps through it.

A ``Step`` holds the shopper's message, what the assistant understood (the intent with its
confidence, the catalogue words the reader found), what it said, the engine's decisions made
that turn (the question, the solutions and bundles left, each candidate question's gain) and
the conversation as it stood after the turn (the list among it). Stories and recordings
become the same steps, so the page, the path and practice treat them alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, Mapping, Optional, Sequence, Tuple

from bot.dialogue.replies import (
    Ask,
    GiftReceipt,
    HandedOff,
    Offer,
    ProductAnswer,
    Recognised,
    Reply,
    ReturnSettled,
)
from bot.dialogue.state import BundleRef, Conversation, DecisionRecord
from bot.knowledge import JOB_QUESTION
from bot.language import Interpreter


@dataclass(frozen=True)
class Understood:
    """What the assistant took a message to be."""

    intent: str  # the model's intent name ("" when none was recorded)
    confidence: Optional[float]  # None: not read by a model (a story's own intent)
    words: Mapping[str, Any] = field(default_factory=dict)  # the reader's catalogue words
    entities: Mapping[str, str] = field(default_factory=dict)  # a button's choice or sku


@dataclass(frozen=True)
class Said:
    """One message of the assistant: its words, its kind and the buttons it offered."""

    text: str
    kind: str  # words, question, bundle, order, product, return, gift_receipt, handoff, ...
    options: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    """One turn: the shopper's message and everything the assistant made of it."""

    turn: int  # 1-based, in the order the shopper spoke
    text: str  # the shopper's words; a button shows as its label in brackets
    understood: Understood
    said: Tuple[Said, ...]
    after: Conversation  # the conversation as it stood after the turn
    at: Optional[datetime] = None  # when it was said (recordings only)

    @property
    def decisions(self) -> Tuple[DecisionRecord, ...]:
        """The engine's decisions made during this turn (several when the assistant took a
        safe choice and moved on within the turn), oldest first."""
        return tuple(d for d in self.after.consultation.decisions if d.turn == self.after.turn)

    @property
    def decision(self) -> Optional[DecisionRecord]:
        """The decision that shaped the reply: the last one made this turn."""
        made = self.decisions
        return made[-1] if made else None

    @property
    def bundle(self) -> Optional[BundleRef]:
        return self.after.consultation.bundle

    @property
    def job(self) -> Optional[str]:
        """The job settled so far (from the list, else from what the shopper said)."""
        c = self.after.consultation
        if c.bundle is not None:
            return c.bundle.job
        jobs = c.known.get(JOB_QUESTION, ())
        return jobs[0] if len(jobs) == 1 else None

    def as_dict(self) -> Dict[str, Any]:
        """The step as plain JSON-safe data (for the trainer's page)."""
        c = self.after.consultation
        decision = self.decision
        return {
            "turn": self.turn,
            "text": self.text,
            "at": self.at.isoformat(timespec="seconds") if self.at else None,
            "understood": {"intent": self.understood.intent,
                           "confidence": self.understood.confidence,
                           "words": dict(self.understood.words),
                           "entities": dict(self.understood.entities)},
            "said": [{"text": s.text, "kind": s.kind, "options": list(s.options)}
                     for s in self.said],
            "decision": None if decision is None else decision_dict(decision),
            "decisions": [decision_dict(d) for d in self.decisions],
            "stage": c.stage.value,
            "pending": c.pending,
            "job": self.job,
            "known": {k: list(v) for k, v in c.known.items()},
            "assumed": dict(c.assumed),
            "list": None if c.bundle is None else {
                "job": c.bundle.job,
                "lines": [{"role": line.role, "sku": line.sku, "quantity": line.quantity}
                          for line in c.bundle.lines],
                "missing": list(c.bundle.missing)},
            "handed_off": self.after.care.handed_off,
        }


def decision_dict(decision: DecisionRecord) -> Dict[str, Any]:
    return {"turn": decision.turn, "action": decision.action, "question": decision.question,
            "reason": decision.reason, "solutions": decision.solutions,
            "bundles": decision.bundles,
            "gains": [{"question": q, "gain": g} for q, g in decision.open_questions],
            "known": {k: list(v) for k, v in decision.known.items()}}


def said_of(replies: Sequence[Reply]) -> Tuple[Said, ...]:
    """The dialogue's replies as the replay shows them."""
    return tuple(Said(r.text, _kind(r), tuple(c.label for c in r.choices)) for r in replies)


def _kind(reply: Reply) -> str:
    if isinstance(reply, Ask):
        return "question"
    if isinstance(reply, Offer):
        return "order" if reply.taken else "bundle"
    kinds = {ProductAnswer: "product", ReturnSettled: "return", GiftReceipt: "gift_receipt",
             HandedOff: "handoff", Recognised: "recognition"}
    return kinds.get(type(reply), "words")


def read_words(reader: Optional[Interpreter], text: str, before: Conversation) -> Dict[str, Any]:
    """The catalogue words the reader finds in ``text``, read as the assistant read it: in
    the light of the question open before the turn and the job in hand."""
    if reader is None or not text.strip():
        return {}
    c = before.consultation
    knowledge = reader.knowledge
    pending = None
    if c.pending == JOB_QUESTION:
        pending = knowledge.job_question()
    elif c.pending:
        pending = knowledge.questions.get(c.pending)
    jobs = c.known.get(JOB_QUESTION, ())
    in_hand = c.bundle.job if c.bundle else (jobs[0] if len(jobs) == 1 else None)
    return reader.read(text, pending, in_hand).as_dict()
