"""Practice: the trainee sees a conversation up to a turn and picks what to do next (a
question, or "the list is ready"); the engine's own information gains
(``DiscoveryEngine.gains``) score the pick against the assistant's choice.

Scoring, per turn, from 0 to 1:
- the assistant asked a question of gain g: a question of gain h scores h / g (at most 1:
  an equally good question is as good); "the list is ready" scores 0 (a list made then would
  rest on a guess);
- the assistant made the list (every remaining possibility leads to the same one): "ready"
  scores 1, and any question 0 (its answer changes nothing the shopper gets).
A round's score is the mean over the turns picked, shown as a percentage.

Practice sets (which conversations a trainer chose) and rounds are kept in the shop's
database (``models.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Optional, Sequence, Tuple

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.dialogue.state import DecisionRecord
from bot.discovery import DiscoveryEngine
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.replay.models import PracticeItem, PracticePick, PracticeRound, PracticeSet
from bot.replay.steps import Step

READY = "ready"  # the option "the list is ready"
KINDS = ("recorded", "story")


@dataclass(frozen=True)
class Option:
    """Something the trainee can pick at a turn, and what it would have gained (bits)."""

    key: str  # a question's key, or READY
    label: str
    gain: float


@dataclass(frozen=True)
class Exercise:
    """One turn to decide: the options and the assistant's own choice."""

    turn: int
    options: Tuple[Option, ...]
    assistant: str  # a question's key, or READY
    solutions: int
    bundles: int

    def option(self, key: str) -> Optional[Option]:
        return next((o for o in self.options if o.key == key), None)

    def score(self, picked: str) -> float:
        """The score of a pick, from 0 to 1 (module docstring)."""
        if self.option(picked) is None:
            raise ValueError(f"{picked!r} is not an option at turn {self.turn}")
        if self.assistant == READY or picked == READY:
            return 1.0 if picked == self.assistant else 0.0
        best = self.option(self.assistant)
        mine = self.option(picked)
        assert best is not None and mine is not None
        if best.gain <= 0:
            return 1.0 if picked == self.assistant else 0.0
        return round(min(mine.gain / best.gain, 1.0), 3)

    def as_dict(self) -> Dict[str, object]:
        return {"turn": self.turn, "assistant": self.assistant, "solutions": self.solutions,
                "bundles": self.bundles,
                "options": [{"key": o.key, "label": o.label, "gain": round(o.gain, 3)}
                            for o in self.options]}


def exercises(steps: Sequence[Step], engine: DiscoveryEngine) -> List[Exercise]:
    """The turns of a replay where the assistant chose what to ask, or made the list."""
    found = []
    for step in steps:
        decision = step.decision
        if decision is not None and decision.action in ("ask", "bundle"):
            found.append(exercise_at(step.turn, decision, engine))
    return found


def exercise_at(turn: int, decision: DecisionRecord, engine: DiscoveryEngine) -> Exercise:
    """The options at a recorded decision, scored by the engine from what was known then."""
    known = {q: frozenset(v) for q, v in decision.known.items()}
    gains = engine.gains(engine.candidates(known))
    knowledge = engine.knowledge
    options = [Option(g.question, question_label(knowledge, g.question), g.gain)
               for g in gains]
    if decision.action == "ask" and decision.question and \
            all(o.key != decision.question for o in options):
        # Asked although nothing separates on it any more (a question put aside, then put
        # once more at the end): still an option, at no gain.
        options.append(Option(decision.question,
                              question_label(knowledge, decision.question), 0.0))
    options.append(Option(READY, "The list is ready", 0.0))
    assistant = decision.question if decision.action == "ask" and decision.question else READY
    return Exercise(turn, tuple(options), assistant, decision.solutions, decision.bundles)


def question_label(knowledge: Knowledge, key: str) -> str:
    if key == JOB_QUESTION:
        return knowledge.job_question().text
    question = knowledge.questions.get(key)
    return question.text if question else key


# -- sets and rounds, kept in the database -----------------------------------------------------

def save_set(session: Session, name: str, items: Sequence[Tuple[str, str]], by: str,
             now: datetime) -> PracticeSet:
    """Make (or replace the conversations of) the set ``name``: ``items`` are
    (kind, ref) pairs, kind ``recorded`` or ``story``."""
    for kind, _ in items:
        if kind not in KINDS:
            raise ValueError(f"a practice item is recorded or story, not {kind!r}")
    chosen: Optional[PracticeSet] = session.scalar(
        select(PracticeSet).where(PracticeSet.name == name))
    if chosen is None:
        chosen = PracticeSet(name=name, created_by=by, created_at=now)
        session.add(chosen)
        session.flush()
    session.execute(delete(PracticeItem).where(PracticeItem.set_id == chosen.id))
    for position, (kind, ref) in enumerate(dict.fromkeys(items)):
        session.add(PracticeItem(set_id=chosen.id, kind=kind, ref=ref, position=position))
    session.flush()
    return chosen


def practice_sets(session: Session) -> List[Tuple[PracticeSet, List[Tuple[str, str]]]]:
    """Every set with its items (kind, ref), by name."""
    found = []
    for chosen in session.scalars(select(PracticeSet).order_by(PracticeSet.name)):
        items = session.execute(select(PracticeItem.kind, PracticeItem.ref)
                                .where(PracticeItem.set_id == chosen.id)
                                .order_by(PracticeItem.position))
        found.append((chosen, [(str(k), str(r)) for k, r in items]))
    return found


def start_round(session: Session, trainee: str, kind: str, ref: str,
                now: datetime) -> PracticeRound:
    started = PracticeRound(trainee=trainee, kind=kind, ref=ref, started_at=now)
    session.add(started)
    session.flush()
    return started


def record_pick(session: Session, round_id: int, trainee: str, exercise: Exercise,
                picked: str, now: datetime) -> float:
    """Score and keep a pick (a turn picked again keeps its first pick's score)."""
    practice = session.get(PracticeRound, round_id)
    if practice is None or practice.trainee != trainee:
        raise ValueError("no such practice round for this trainee")
    score = exercise.score(picked)
    already = session.scalar(select(PracticePick).where(PracticePick.round_id == round_id,
                                                        PracticePick.turn == exercise.turn))
    if already is None:
        session.add(PracticePick(round_id=round_id, turn=exercise.turn, picked=picked,
                                 assistant=exercise.assistant, score=score, at=now))
        session.flush()
        return score
    return float(already.score)


def round_score(session: Session, round_id: int) -> Tuple[float, int]:
    """The round's score (mean of its picks, 0 to 1) and how many turns were picked."""
    mean, count = session.execute(select(func.avg(PracticePick.score), func.count())
                                  .where(PracticePick.round_id == round_id)).one()
    return (float(mean) if mean is not None else 0.0), int(count)
