"""Misread messages corrected by trainers, as proposed training examples (what Rasa X's
annotation did): a trainer picks the right intent of a message the assistant misread; the
example waits, flagged when it repeats or contradicts the training data or another
proposal, until a trainer accepts or rejects it; accepted examples are written to
``data/nlu_from_shoppers.yml`` (Rasa's NLU format), which the next ``bot train`` reads (the
model is retrained because its training data changed).

Proposals live in the shop's database (``ProposedExample``), not a file beside the data, so
that staff servers on several machines share them and nothing is half-written. Their text
has personal data replaced first (``export.Placeholders``): no shopper's name or e-mail
address ever reaches training data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Set, Tuple

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.replay.export import Placeholders
from bot.replay.models import ProposedExample

ACCEPTED_FILE = "data/nlu_from_shoppers.yml"
HEADER = ("# Shoppers' messages the model misread, with the intent trainers said was right:\n"
          "# accepted in the trainer's replay (`bot replay accept`), read by the next `bot "
          "train`.\n")
_ENTITY = re.compile(r"\[([^\]]+)\]\([^)]+\)|\[([^\]]+)\]\{[^}]+\}")


def normalise(text: str) -> str:
    """How examples are compared: entity markup dropped, case and spaces folded."""
    plain = _ENTITY.sub(lambda m: m.group(1) or m.group(2), text)
    return " ".join(plain.lower().replace("’", "'").split()).strip(" .!?")


def training_examples(root: Path) -> Dict[str, Set[str]]:
    """Every NLU example under ``data/``: normalised text -> its intents."""
    found: Dict[str, Set[str]] = {}
    for path in sorted((root / "data").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("nlu") or []:
            if not isinstance(entry, dict) or "intent" not in entry:
                continue
            for line in str(entry.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.setdefault(normalise(line[2:]), set()).add(str(entry["intent"]))
    return found


@dataclass(frozen=True)
class Proposal:
    """A proposed example with what is wrong with it, if anything."""

    id: int
    text: str
    intent: str
    read_as: Optional[str]
    proposed_by: str
    status: str
    flags: Tuple[str, ...]

    def as_dict(self) -> Dict[str, object]:
        return {"id": self.id, "text": self.text, "intent": self.intent,
                "read_as": self.read_as, "by": self.proposed_by, "status": self.status,
                "flags": list(self.flags)}


def propose(session: Session, text: str, intent: str, read_as: Optional[str], by: str,
            now: datetime, names: Sequence[str] = ()) -> ProposedExample:
    """Propose ``text`` (personal data replaced) as an example of ``intent``; the same
    text and intent proposed again is the same proposal."""
    clean = Placeholders().replace(text, names).strip()[:500]
    found: Optional[ProposedExample] = session.scalar(select(ProposedExample).where(
        ProposedExample.text == clean, ProposedExample.intent == intent))
    if found is not None:
        return found
    proposal = ProposedExample(text=clean, intent=intent, read_as=read_as, proposed_by=by,
                               proposed_at=now, status="proposed")
    session.add(proposal)
    session.flush()
    return proposal


def proposals(session: Session, root: Path, status: Optional[str] = "proposed") \
        -> List[Proposal]:
    """The proposals (of a status), each flagged when it duplicates the training data,
    contradicts it (the same words under another intent), or contradicts another
    proposal."""
    rows = list(session.scalars(select(ProposedExample).order_by(ProposedExample.id)))
    training = training_examples(root)
    by_text: Dict[str, Set[str]] = {}
    for row in rows:
        if row.status != "rejected":
            by_text.setdefault(normalise(row.text), set()).add(row.intent)
    found = []
    for row in rows:
        if status is not None and row.status != status:
            continue
        found.append(Proposal(row.id, row.text, row.intent, row.read_as, row.proposed_by,
                              row.status, _flags(row, training, by_text)))
    return found


def _flags(row: ProposedExample, training: Mapping[str, Set[str]],
           by_text: Mapping[str, Set[str]]) -> Tuple[str, ...]:
    key = normalise(row.text)
    flags = []
    intents = training.get(key, set())
    if row.intent in intents and row.status != "accepted":
        flags.append("duplicate: already a training example of this intent")
    if intents - {row.intent}:
        flags.append("contradicts the training data: "
                     f"an example of {', '.join(sorted(intents - {row.intent}))}")
    others = by_text.get(key, set()) - {row.intent}
    if others:
        flags.append(f"contradicts another proposal: {', '.join(sorted(others))}")
    return tuple(flags)


def decide(session: Session, root: Path, proposal_id: int, accept: bool, by: str) -> Proposal:
    """Accept (written to the training data) or reject a proposal. One that repeats or
    contradicts the training data cannot be accepted (Rasa's data check would refuse the
    data, and the model would learn nothing or learn both); one that contradicts another
    proposal can, and the other then contradicts the training data.

    Raises:
        ValueError: no such proposal, it was decided already, or it cannot be accepted.
    """
    row = session.get(ProposedExample, proposal_id)
    if row is None or row.status != "proposed":
        raise ValueError(f"no proposal {proposal_id} waiting for a decision")
    if accept:
        flags = next(p.flags for p in proposals(session, root) if p.id == proposal_id)
        blocking = [f for f in flags if f.startswith(("duplicate", "contradicts the training"))]
        if blocking:
            raise ValueError(f"proposal {proposal_id} cannot be accepted: {blocking[0]}")
    row.status, row.decided_by = ("accepted" if accept else "rejected"), by
    session.flush()
    if accept:
        write_accepted(session, root)
    return next(p for p in proposals(session, root, None) if p.id == proposal_id)


def write_accepted(session: Session, root: Path) -> Path:
    """``data/nlu_from_shoppers.yml`` with every accepted example, by intent."""
    by_intent: Dict[str, List[str]] = {}
    for row in session.scalars(select(ProposedExample).where(
            ProposedExample.status == "accepted").order_by(ProposedExample.id)):
        by_intent.setdefault(row.intent, []).append(row.text)
    path = root / ACCEPTED_FILE
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in sorted(by_intent.items()):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {' '.join(text.split())}" for text in texts]
    body = "\n".join(lines) + "\n"
    temporary = path.with_suffix(".yml.part")
    temporary.write_text(HEADER + body, encoding="utf-8")
    temporary.replace(path)
    return path
