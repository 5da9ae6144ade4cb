"""Needs discovery: which question to ask next, and when to stop asking.

Every job's questions span its *scenarios* (one option per question). A scenario's
*signature* is what its bundle requires (the components that apply, their rules with the
facts filled in, their quantities); scenarios with equal signatures lead to the same
bundle. What the shopper has said narrows the scenarios (``Known``). The next question is
the one with the highest expected information gain about the signature; asking stops
when one signature is left.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from bot.knowledge import JOB_QUESTION, ComponentSpec, JobSpec, Knowledge, Question

Known = Mapping[str, FrozenSet[str]]
"""What the shopper has said: for each question, the options still allowed."""


@dataclass(frozen=True)
class Scenario:
    """One complete set of answers for one job, and what its bundle requires."""

    answers: Mapping[str, str]
    weight: float
    signature: Tuple[Any, ...]
    # The signature as a number (equal signatures, equal numbers): cheaper to hash.
    signature_id: int = field(default=-1, compare=False)

    @property
    def job(self) -> str:
        return self.answers[JOB_QUESTION]


@dataclass(frozen=True)
class QuestionScore:
    question: str
    gain: float


@dataclass(frozen=True)
class Decision:
    """Why the engine did what it did, for the attendant and trainer faces."""

    action: str  # "ask", "bundle" or "no_solution"
    question: Optional[str]
    reason: str
    solutions: int
    bundles: int
    open_questions: Tuple[QuestionScore, ...] = ()
    known: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "action": self.action,
            "question": self.question,
            "reason": self.reason,
            "solutions": self.solutions,
            "bundles": self.bundles,
            "open_questions": [{"question": s.question, "gain": round(s.gain, 3)}
                               for s in self.open_questions],
            "known": {k: list(v) for k, v in self.known.items()},
        }


@dataclass(frozen=True)
class Step:
    """The engine's answer: ask a question (with its options still possible), or stop."""

    decision: Decision
    question: Optional[Question] = None
    answers: Mapping[str, str] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.decision.action != "ask"


class DiscoveryEngine:
    """Chooses questions over the scenarios of a ``Knowledge``.

    Scenarios are kept by job, so what is known of the job narrows the search before any
    scenario is looked at; a question marked ``assume`` is never asked and holds its
    assumed option unless the shopper said otherwise. Steps are remembered per state of
    knowledge (the engine is immutable; shoppers repeat the same few paths)."""

    STEPS_KEPT = 4096

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        ids: Dict[Tuple[Any, ...], int] = {}
        self.by_job: Dict[str, List[Scenario]] = {
            job.key: [replace(s, signature_id=ids.setdefault(s.signature, len(ids)))
                      for s in job_scenarios(knowledge, job)]
            for job in knowledge.jobs.values()}
        self.scenarios: List[Scenario] = [s for group in self.by_job.values() for s in group]
        self.assumed: Dict[str, str] = {q.key: q.assume for q in knowledge.questions.values()
                                        if q.assume is not None}
        self._steps: Dict[Tuple[Any, ...], Step] = {}
        self._steps_lock = threading.Lock()

    def candidates(self, known: Known) -> List[Scenario]:
        """The scenarios consistent with what is known (and with what is assumed)."""
        jobs = known.get(JOB_QUESTION) or self.jobs_asking_most(known)
        known = self.with_assumptions(known)
        return [s for job, group in self.by_job.items() if jobs is None or job in jobs
                for s in group if _consistent(s, known)]

    def jobs_asking_most(self, known: Known) -> Optional[FrozenSet[str]]:
        """With nothing said of the job, the jobs that ask the most of the questions the
        shopper answered ("water seeps out under the lever of our mixer tap" answers only
        a tap's question); None when no job asks any of them."""
        said = set(known) - {JOB_QUESTION}
        counts = {job.key: len(said & set(job.questions))
                  for job in self.knowledge.jobs.values()}
        most = max(counts.values(), default=0)
        return frozenset(j for j, n in counts.items() if n == most) if most else None

    def with_assumptions(self, known: Known) -> Dict[str, FrozenSet[str]]:
        """What is known, plus the assumed option of each assumed question not spoken of."""
        completed = {q: frozenset([option]) for q, option in self.assumed.items()}
        completed.update(known)
        return completed

    def next_step(self, known: Known, skip: FrozenSet[str] = frozenset()) -> Step:
        """Ask the most informative question, or stop with the answers that fix the bundle.

        Questions in ``skip`` (the shopper cannot answer them) are asked only when no other
        question tells the remaining bundles apart: the caller then settles them itself."""
        key = (tuple(sorted((q, tuple(sorted(v))) for q, v in known.items())),
               tuple(sorted(skip)))
        with self._steps_lock:
            found = self._steps.get(key)
        if found is None:
            found = self._next_step(known, skip)
            with self._steps_lock:
                if len(self._steps) >= self.STEPS_KEPT:
                    self._steps.pop(next(iter(self._steps)))
                self._steps[key] = found
        return found

    def _next_step(self, known: Known, skip: FrozenSet[str]) -> Step:
        candidates = self.candidates(known)
        shown = {k: tuple(sorted(v)) for k, v in known.items()}
        if not candidates:
            return Step(Decision("no_solution", None, "nothing in the catalogue fits every "
                                 "answer given", 0, 0, known=shown))
        bundles = len({s.signature for s in candidates})
        if bundles == 1:
            return Step(Decision("bundle", None, _settled_reason(candidates), len(candidates),
                                 1, known=shown), answers=_settled_answers(candidates))
        scores = self.scores(candidates)
        best = next((s for s in scores if s.question not in skip), scores[0])
        question = self._question_over(best.question, candidates)
        reason = (f"{len(candidates)} solutions still possible, leading to {bundles} different "
                  f"bundles; '{best.question}' separates them best "
                  f"(expected gain {best.gain:.2f} bits)")
        return Step(Decision("ask", best.question, reason, len(candidates), bundles,
                             tuple(scores), shown), question=question)

    def scores(self, candidates: Sequence[Scenario]) -> List[QuestionScore]:
        """Askable questions by expected information gain, best first (ties: data order)."""
        return [s for s in self.gains(candidates) if s.gain > 1e-9]

    def gains(self, candidates: Sequence[Scenario]) -> List[QuestionScore]:
        """Every question that could be put to the shopper now, with its expected
        information gain, best first (ties: data order): those that change nothing among
        them, at 0 (a trainee's practice round offers them too). A question is askable when
        every remaining job has it, it is not assumed, and the candidates still differ in
        its answer."""
        if not candidates:
            return []
        base = _entropy(candidates)
        jobs = {s.job for s in candidates}
        common = set.intersection(*({JOB_QUESTION, *self.knowledge.jobs[j].questions}
                                    for j in jobs)) - set(self.assumed)
        scored = []
        for position, key in enumerate(self._question_order()):
            if key not in common:
                continue  # not every remaining job has this question, or it is never asked
            groups: Dict[str, Dict[int, float]] = defaultdict(lambda: defaultdict(float))
            for s in candidates:
                groups[s.answers[key]][s.signature_id] += s.weight
            if len(groups) < 2:
                continue
            total = sum(s.weight for s in candidates)
            remaining = sum(sum(g.values()) / total * _bits(g.values()) for g in groups.values())
            scored.append((max(base - remaining, 0.0), -position, key))
        # Equal gains (to rounding) are asked in the data's order.
        scored.sort(key=lambda s: (round(s[0], 9), s[1]), reverse=True)
        return [QuestionScore(key, gain) for gain, _, key in scored]

    def lower_bound(self, known: Known) -> float:
        """The entropy, in bits, of the bundles still possible: no strategy asking
        two-way questions can need fewer questions on average than this."""
        return _entropy(self.candidates(known))

    def _question_order(self) -> List[str]:
        return [JOB_QUESTION] + list(self.knowledge.questions)

    def _question_over(self, key: str, candidates: Sequence[Scenario]) -> Question:
        """The question, with only the options some remaining scenario still has."""
        possible = {s.answers[key] for s in candidates}
        if key == JOB_QUESTION:
            ordered = [j for j in self.knowledge.jobs if j in possible]
            return self.knowledge.job_question(ordered)
        question = self.knowledge.questions[key]
        options = tuple(o for o in question.options if o.key in possible)
        return replace(question, options=options)


def job_scenarios(knowledge: Knowledge, job: JobSpec) -> Iterable[Scenario]:
    """Every combination of answers to the job's questions, with its prior weight and
    signature."""
    questions = [knowledge.questions[q] for q in job.questions]
    shares = [{o.key: o.weight / sum(x.weight for x in q.options) for o in q.options}
              for q in questions]
    signer = _Signer(knowledge, job)
    for combination in itertools.product(*(q.options for q in questions)):
        answers = {JOB_QUESTION: job.key}
        answers.update({q.key: o.key for q, o in zip(questions, combination)})
        # Option weights are priors within their question; jobs are equally likely.
        weight = math.prod(share[o.key] for share, o in zip(shares, combination)) / len(knowledge.jobs)
        yield Scenario(answers, weight, signer.signature(answers))


def signature(knowledge: Knowledge, job: JobSpec, answers: Mapping[str, str]) -> Tuple[Any, ...]:
    """What the bundle for these answers requires; equal signatures, equal bundles."""
    return _Signer(knowledge, job).signature(answers)


class _Signer:
    """Signatures of one job's scenarios. Each component's part depends on a few answers
    only (those its conditions name, and those that set the facts its rules and quantity
    use), so it is worked out once per combination of those answers."""

    def __init__(self, knowledge: Knowledge, job: JobSpec) -> None:
        self.knowledge = knowledge
        self.job = job
        sets: Dict[str, Set[str]] = defaultdict(set)  # fact -> the questions that can set it
        for key in job.questions:
            sets[key].add(key)
            for option in knowledge.questions[key].options:
                for fact in option.values:
                    sets[fact].add(key)
        self.needs: List[Tuple[str, ...]] = []
        for component in job.components:
            facts = {f for r in component.rules for f in r.facts} | set(component.quantity.facts)
            asked = set(component.when) | {q for f in facts for q in sets.get(f, ())}
            self.needs.append(tuple(sorted(asked)))
        self.refer_needs = tuple(sorted({q for r in job.referrals for c in r.alternatives
                                         for q in c}))
        self._parts: Dict[Tuple[Any, ...], Optional[Tuple[Any, ...]]] = {}

    def signature(self, answers: Mapping[str, str]) -> Tuple[Any, ...]:
        parts: List[Tuple[Any, ...]] = []
        referral = self.job.referral({q: answers[q] for q in self.refer_needs if q in answers})
        if referral is not None:
            parts.append(("refer", referral.to))
        for index, component in enumerate(self.job.components):
            relevant = tuple(answers.get(q) for q in self.needs[index])
            key = (index, relevant)
            if key not in self._parts:
                self._parts[key] = self._part(component, answers)
            part = self._parts[key]
            if part is not None:
                parts.append(part)
        return (self.job.key, tuple(parts))

    def _part(self, component: ComponentSpec, answers: Mapping[str, str]) -> Optional[Tuple[Any, ...]]:
        if not component.applies(answers):
            return None
        facts = self.knowledge.facts(answers)
        rules = tuple(sorted(r.partial(facts) for r in component.rules))
        return (component.role, component.category, rules, component.quantity.partial(facts))


def _consistent(scenario: Scenario, known: Known) -> bool:
    return all(scenario.answers[q] in allowed
               for q, allowed in known.items() if q in scenario.answers)


def _entropy(scenarios: Sequence[Scenario]) -> float:
    weights: Dict[object, float] = defaultdict(float)
    for s in scenarios:
        weights[s.signature_id if s.signature_id >= 0 else s.signature] += s.weight
    return _bits(weights.values())


def _bits(weights: Iterable[float]) -> float:
    """The entropy of a distribution given by unnormalised weights."""
    found = [w for w in weights if w > 0]
    total = sum(found)
    return -sum(w / total * math.log2(w / total) for w in found)


def _settled_answers(candidates: Sequence[Scenario]) -> Dict[str, str]:
    """Answers to use for the bundle: those all candidates share, and for the rest the
    most likely option (it does not change the bundle, by construction)."""
    best = max(candidates, key=lambda s: s.weight)
    return dict(best.answers)


def _settled_reason(candidates: Sequence[Scenario]) -> str:
    undecided = sorted({q for s in candidates for q in s.answers
                        if len({c.answers.get(q) for c in candidates}) > 1})
    if not undecided:
        return "every question that matters is answered"
    return ("every remaining possibility leads to the same bundle, so "
            f"{', '.join(undecided)} need not be asked")
