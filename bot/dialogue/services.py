"""What every part of the dialogue works with, for one unit of work (one turn): the
knowledge, the discovery engine and the reader for its version, the shelves, the care
records and the shop's words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional

from sqlalchemy.orm import Session

from bot.care.returns import ReturnPolicy
from bot.dialogue.state import Consultation
from bot.discovery import DiscoveryEngine
from bot.knowledge import JOB_QUESTION, Knowledge, Question
from bot.language import Interpreter
from bot.shelves import Shelves
from bot.wording import Phrasebook

Known = Dict[str, FrozenSet[str]]


@dataclass
class Services:
    """The shop as one turn of the dialogue sees it."""

    knowledge: Knowledge
    engine: DiscoveryEngine
    reader: Interpreter
    shelves: Shelves
    words: Phrasebook
    session: Session  # the care records (returns, clients, hand-offs)
    policy: ReturnPolicy = ReturnPolicy()

    def known(self, consultation: Consultation) -> Known:
        """What the shopper has said, as the engine takes it: a request for an item that
        only some jobs use already narrows the job."""
        known = {q: frozenset(v) for q, v in consultation.known.items()}
        item = consultation.item
        if item and JOB_QUESTION not in known:
            jobs = [j.key for j in self.knowledge.jobs_using(item.category)]
            if jobs:
                known[JOB_QUESTION] = frozenset(jobs)
        return known

    def settled(self, consultation: Consultation) -> Dict[str, str]:
        """The answers the shopper has settled to one option, the job among them."""
        return {q: next(iter(v)) for q, v in self.known(consultation).items() if len(v) == 1}

    def pending_question(self, consultation: Consultation) -> Optional[Question]:
        key = consultation.pending
        if not key:
            return None
        if key == JOB_QUESTION:
            return self.knowledge.job_question()
        return self.knowledge.questions.get(key)

    def label(self, category: str) -> str:
        return self.knowledge.categories[category].label


def reworded(question: Question, text: str) -> Question:
    """The same question in other words (as put to a gift buyer, say)."""
    return Question(key=question.key, text=text, options=question.options, help=question.help,
                    safe_option=question.safe_option, unit=question.unit,
                    position=question.position)

