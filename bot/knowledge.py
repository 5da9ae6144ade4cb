"""The needs knowledge as plain, immutable objects: what the discovery engine and the
bundle builder reason over. Built from a validated ``needs.yml`` document
(``bot.needs_schema``, where the file's schema is written once), whether read from the
file or from the database (``bot.catalogue.needs``).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Dict, Generic, List, Mapping, Optional, Sequence, Tuple, TypeVar

from bot import needs_schema as schema

# JOB_QUESTION, KnowledgeError and ATTRIBUTE_KINDS are defined with the schema and used
# from here by the rest of the code.
from bot.needs_schema import ATTRIBUTE_KINDS as ATTRIBUTE_KINDS
from bot.needs_schema import JOB_QUESTION as JOB_QUESTION
from bot.needs_schema import KnowledgeError as KnowledgeError
from bot.needs_schema import NeedsDocument, parse_document
from bot.rules import Quantity, Rule, parse_rule

T = TypeVar("T")


class LatestOnly(Generic[T]):
    """What a process builds from one version of the knowledge (the engine's scenarios, the
    reader's matchers): built once, kept for that version only, rebuilt when the version
    changes. Thread-safe: the action server runs actions concurrently."""

    def __init__(self) -> None:
        self._key: Optional[str] = None
        self._value: Optional[T] = None
        self._lock = threading.Lock()

    def get(self, key: str, build: Callable[[], T]) -> T:
        with self._lock:
            if self._key != key or self._value is None:
                self._value, self._key = build(), key
            return self._value

    def clear(self) -> None:
        with self._lock:
            self._key, self._value = None, None


@dataclass(frozen=True)
class Option:
    """One answer to a question."""

    key: str
    label: str
    weight: float = 1.0
    range: Optional[Tuple[float, float]] = None
    values: Mapping[str, Any] = field(default_factory=dict)
    synonyms: Tuple[str, ...] = ()

    def holds_number(self, number: float) -> bool:
        """Whether a number given by the shopper falls in this option's range."""
        return self.range is not None and self.range[0] <= number <= self.range[1]


@dataclass(frozen=True)
class Question:
    """A question that tells solutions apart."""

    key: str
    text: str
    options: Tuple[Option, ...]
    help: Optional[str] = None
    safe_option: Optional[str] = None
    unit: Optional[str] = None
    position: int = 0
    assume: Optional[str] = None  # never asked: this option holds unless the shopper says

    def option(self, key: str) -> Optional[Option]:
        return next((o for o in self.options if o.key == key), None)

    def option_for_number(self, number: float) -> Optional[Option]:
        """The option whose range holds ``number`` (the first, where ranges touch)."""
        return next((o for o in self.options if o.holds_number(number)), None)


Condition = Mapping[str, Tuple[str, ...]]


def holds(alternatives: Sequence[Condition], answers: Mapping[str, str]) -> bool:
    """Whether the answers meet any of the conditions (none: always). Within a condition
    every question named must have one of its options; an unanswered one does not rule
    it out (the caller decides whether that is enough)."""
    return not alternatives or any(
        all(answers[q] in options for q, options in condition.items() if q in answers)
        for condition in alternatives)


@dataclass(frozen=True)
class ComponentSpec:
    """A part of a job's bundle. ``when`` names every question the component's
    conditions look at (with the options any of them allows); ``alternatives`` are the
    conditions themselves, any one of which puts the component in the bundle."""

    role: str
    category: str
    rules: Tuple[Rule, ...]
    quantity: Quantity
    reason: str
    when: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    alternatives: Tuple[Condition, ...] = ()

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether this component belongs in the bundle for these answers.

        An unanswered question does not rule a component out: the caller decides
        whether that is enough (the engine only builds bundles once it is).
        """
        return holds(self.alternatives or ((self.when,) if self.when else ()), answers)

    @property
    def depends_on(self) -> Tuple[str, ...]:
        return tuple(dict.fromkeys(role for r in self.rules for role in r.roles
                                   if role != "self"))


@dataclass(frozen=True)
class Referral:
    """Work a shop should not sell as DIY: who does it, and why."""

    to: str
    why: str
    alternatives: Tuple[Condition, ...] = ()

    def applies(self, answers: Mapping[str, str]) -> bool:
        return holds(self.alternatives, answers)

    def text(self) -> str:
        return f"This is a job for {self.to}: {self.why}"


@dataclass(frozen=True)
class JobSpec:
    """A job a shopper wants done."""

    key: str
    label: str
    name: str
    department: str
    questions: Tuple[str, ...]
    components: Tuple[ComponentSpec, ...]
    synonyms: Tuple[str, ...] = ()
    referrals: Tuple[Referral, ...] = ()

    def uses(self, category: str) -> bool:
        return any(c.category == category for c in self.components)

    def referral(self, answers: Mapping[str, str]) -> Optional[Referral]:
        """The referral these answers call for, if any."""
        return next((r for r in self.referrals if r.applies(answers)), None)

    @cached_property
    def build_layers(self) -> Tuple[Tuple[ComponentSpec, ...], ...]:
        """Components in the order they are chosen, in layers: a role comes after the
        roles its rules refer to (after every component of that role: a role may be held
        by components whose conditions never hold together), and no component refers to
        a role of its own layer, so a layer's products can be read together. Worked out
        once per job."""
        layers: List[Tuple[ComponentSpec, ...]] = []
        pending = list(self.components)
        while pending:
            waiting = {c.role for c in pending}
            ready = tuple(c for c in pending if not set(c.depends_on) & waiting)
            if not ready:
                raise KnowledgeError(f"job {self.key}: rules refer to each other in a circle")
            layers.append(ready)
            pending = [c for c in pending if c not in ready]
        return tuple(layers)


@dataclass(frozen=True)
class CategorySpec:
    key: str
    label: str
    department: str
    synonyms: Tuple[str, ...] = ()
    purpose_question: Optional[str] = None
    size: Optional[str] = None  # the attribute a size said with the item means


@dataclass(frozen=True)
class AttributeSpec:
    name: str
    kind: str
    unit: Optional[str] = None


@dataclass(frozen=True)
class Recipient:
    """Someone a shopper may buy for ("my dad"), as the assistant names them ("your dad")."""

    key: str
    label: str
    synonyms: Tuple[str, ...] = ()


@dataclass(frozen=True)
class GiftSpec:
    """Buying for someone else: the words that say so, who it may be for, and the
    questions as asked about the recipient (``{who}`` becomes "your dad")."""

    words: Tuple[str, ...] = ()
    recipients: Mapping[str, Recipient] = field(default_factory=dict)
    someone: str = "they"  # {who} when the shopper does not say who it is for
    job_question: str = "What will {who} use it for?"
    owned_question: str = "Might {who} already own any of these? I'll leave out what they have."
    questions: Mapping[str, str] = field(default_factory=dict)

    def who(self, recipient: Optional[str]) -> str:
        found = self.recipients.get(recipient or "")
        return found.label if found else self.someone

    def wording(self, question: Question, recipient: Optional[str]) -> str:
        """The question as asked of a gift buyer (as usual where the data has no wording)."""
        text = (self.job_question if question.key == JOB_QUESTION
                else self.questions.get(question.key))
        return text.format(who=self.who(recipient)) if text else question.text


@dataclass(frozen=True)
class Knowledge:
    """Everything the assistant knows about needs and how to meet them."""

    departments: Mapping[str, str]
    attributes: Mapping[str, AttributeSpec]
    categories: Mapping[str, CategorySpec]
    values: Mapping[str, Mapping[str, Tuple[str, ...]]]
    questions: Mapping[str, Question]
    jobs: Mapping[str, JobSpec]
    # category -> feature (an attribute) -> words for its failing ("won't lock")
    defects: Mapping[str, Mapping[str, Tuple[str, ...]]] = field(default_factory=dict)
    # condition of use (dust, wet, load...) -> words
    conditions: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    gifts: GiftSpec = field(default_factory=GiftSpec)
    document: NeedsDocument = field(default=None, repr=False, compare=False)  # type: ignore[assignment]

    @cached_property
    def version(self) -> str:
        """A digest of the knowledge: changes whenever any of it changes.

        Computed once: the knowledge is immutable, and every action call asks for it
        (it keys the interpreter and the engine)."""
        return hashlib.sha256(self.document.to_json().encode()).hexdigest()[:16]

    @cached_property
    def widest_facts(self) -> Mapping[str, frozenset[str]]:
        """Each fact with alternatives ("yes|no"): every alternative any option gives it.

        A rule ``attribute in $fact`` at the fact's widest asks nothing of a product."""
        widest: Dict[str, set[str]] = {}
        for question in self.questions.values():
            for option in question.options:
                for name, value in option.values.items():
                    widest.setdefault(name, set()).update(str(value).split("|"))
        return {name: frozenset(values) for name, values in widest.items()}

    def jobs_using(self, category: str) -> List[JobSpec]:
        return [j for j in self.jobs.values() if j.uses(category)]

    def job_question(self, jobs: Optional[Sequence[str]] = None,
                     category: Optional[str] = None) -> Question:
        """The question "what is the job?", over ``jobs`` (default: every job)."""
        keys = list(jobs) if jobs is not None else list(self.jobs)
        spec = self.categories.get(category) if category else None
        prompt = spec.purpose_question if spec else None
        options = tuple(
            Option(k, self.jobs[k].label, synonyms=self.jobs[k].synonyms) for k in keys
        )
        return Question(JOB_QUESTION, prompt or "What's the job you have in mind?", options,
                        help="Tell me in your own words what you want to get done.")

    def question(self, key: str) -> Question:
        return self.job_question() if key == JOB_QUESTION else self.questions[key]

    def facts(self, answers: Mapping[str, str]) -> Dict[str, Any]:
        """The facts implied by answers: each answer's option key plus its ``values``."""
        facts: Dict[str, Any] = dict(answers)
        for key, option_key in answers.items():
            if key == JOB_QUESTION or key not in self.questions:
                continue
            option = self.questions[key].option(option_key)
            if option is not None:
                facts.update(option.values)
        return facts

    def label(self, question: str, option: str) -> str:
        if question == JOB_QUESTION:  # without building the job question for one label
            job = self.jobs.get(option)
            return job.label if job else option
        found = self.questions[question].option(option)
        return found.label if found else option


def from_yaml_dict(data: Mapping[str, Any], source: str = "needs data") -> Knowledge:
    """Validate needs data (as read from needs.yml) and build the knowledge."""
    return from_document(parse_document(dict(data), source))


def to_yaml_dict(knowledge: Knowledge) -> Dict[str, Any]:
    """The knowledge back in the shape of needs.yml."""
    return knowledge.document.dict()


def from_document(doc: NeedsDocument) -> Knowledge:
    """The knowledge of a validated document (``bot.needs_schema``)."""
    questions = {key: _question(key, spec, position)
                 for position, (key, spec) in enumerate(doc.questions.items())}
    gifts = doc.gifts
    return Knowledge(
        departments={k: d.label or k for k, d in doc.departments.items()},
        attributes={k: AttributeSpec(k, a.kind, a.unit) for k, a in doc.attributes.items()},
        categories={k: CategorySpec(k, c.label or k, c.department, tuple(c.synonyms),
                                    c.purpose_question, c.size)
                    for k, c in doc.categories.items()},
        values={a: {v: tuple(words) for v, words in vals.items()}
                for a, vals in doc.values.items()},
        questions=questions,
        jobs={k: _job(k, spec) for k, spec in doc.jobs.items()},
        defects={c: {f: tuple(w) for f, w in fs.items()} for c, fs in doc.defects.items()},
        conditions={k: tuple(w) for k, w in doc.conditions.items()},
        gifts=GiftSpec(tuple(gifts.words),
                       {k: Recipient(k, r.label, tuple(r.synonyms))
                        for k, r in gifts.recipients.items()},
                       gifts.someone, gifts.job_question, gifts.owned_question,
                       dict(gifts.questions)),
        document=doc,
    )


def _question(key: str, spec: schema.Question, position: int) -> Question:
    options = tuple(Option(k, o.label or k, o.weight, o.range, dict(o.values), tuple(o.synonyms))
                    for k, o in spec.options.items())
    return Question(key, spec.text, options, spec.help, spec.safe_option, spec.unit, position,
                    spec.assume)


def _conditions(alternatives: Sequence[schema.Condition]) -> Tuple[Condition, ...]:
    return tuple({q: tuple(options) for q, options in c.items()} for c in alternatives)


def _merged(alternatives: Sequence[Condition]) -> Dict[str, Tuple[str, ...]]:
    """Every question the conditions look at, with every option any of them allows."""
    merged: Dict[str, Tuple[str, ...]] = {}
    for condition in alternatives:
        for question, options in condition.items():
            merged[question] = tuple(dict.fromkeys(merged.get(question, ()) + options))
    return merged


def _job(key: str, spec: schema.Job) -> JobSpec:
    components = tuple(
        ComponentSpec(c.role, c.category,
                      tuple(parse_rule({"rule": r.rule, "why": r.why}) for r in c.require),
                      Quantity(c.quantity), c.reason, _merged(_conditions(c.when)),
                      _conditions(c.when))
        for c in spec.components)
    referrals = tuple(Referral(r.to, r.why, _conditions(r.when)) for r in spec.refer)
    return JobSpec(key, spec.label, spec.name or spec.label, spec.department,
                   tuple(spec.questions), components, tuple(spec.synonyms), referrals)
