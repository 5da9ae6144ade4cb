"""The needs knowledge as plain, immutable objects: what the discovery engine and the
bundle builder reason over. Built from ``needs.yml`` (validated here) or from the
database rows that ``bot db init`` wrote (see ``bot.catalogue.needs``).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Dict, Generic, List, Mapping, Optional, Sequence, Tuple, TypeVar

from bot.rules import Quantity, Rule, RuleError, parse_rule

JOB_QUESTION = "job"
ATTRIBUTE_KINDS = ("number", "text", "flag")


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


class KnowledgeError(ValueError):
    """The needs data is inconsistent; the message names the place."""


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

    def option(self, key: str) -> Optional[Option]:
        return next((o for o in self.options if o.key == key), None)

    def option_for_number(self, number: float) -> Optional[Option]:
        """The option whose range holds ``number`` (the first, where ranges touch)."""
        return next((o for o in self.options if o.holds_number(number)), None)


@dataclass(frozen=True)
class ComponentSpec:
    """A part of a job's bundle."""

    role: str
    category: str
    rules: Tuple[Rule, ...]
    quantity: Quantity
    reason: str
    when: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether this component belongs in the bundle for these answers.

        An unanswered question does not rule a component out: the caller decides
        whether that is enough (the engine only builds bundles once it is).
        """
        return all(answers[q] in options for q, options in self.when.items() if q in answers)

    @property
    def depends_on(self) -> Tuple[str, ...]:
        return tuple(r.role for r in self.rules if r.role and r.role != "self")


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

    def uses(self, category: str) -> bool:
        return any(c.category == category for c in self.components)

    def build_order(self) -> List[ComponentSpec]:
        """Components ordered so that a role comes after the roles its rules refer to."""
        done: Dict[str, ComponentSpec] = {}
        pending = list(self.components)
        while pending:
            ready = [c for c in pending if all(d in done for d in c.depends_on)]
            if not ready:
                raise KnowledgeError(f"job {self.key}: rules refer to each other in a circle")
            for component in ready:
                done[component.role] = component
                pending.remove(component)
        return list(done.values())


@dataclass(frozen=True)
class CategorySpec:
    key: str
    label: str
    department: str
    synonyms: Tuple[str, ...] = ()
    purpose_question: Optional[str] = None


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

    @cached_property
    def version(self) -> str:
        """A digest of the knowledge: changes whenever any of it changes.

        Computed once: the knowledge is immutable, and every action call asks for it
        (it keys the interpreter and the engine); digesting it each time was a third of
        the action server's time per turn."""
        return hashlib.sha256(json.dumps(to_yaml_dict(self), sort_keys=True).encode()).hexdigest()[:16]

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
        found = self.question(question).option(option)
        return found.label if found else option


def from_yaml_dict(data: Mapping[str, Any]) -> Knowledge:
    """Validate needs data (as read from needs.yml) and build the knowledge."""
    try:
        return _Builder(data).build()
    except RuleError as error:
        raise KnowledgeError(str(error)) from error
    except (KeyError, TypeError, AttributeError) as error:
        raise KnowledgeError(f"needs data is malformed: {error!r}") from error


class _Builder:
    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def build(self) -> Knowledge:
        departments = {k: (v or {}).get("label", k) for k, v in self.data["departments"].items()}
        attributes = self._attributes()
        categories = self._categories(departments)
        values = {
            attr: {val: tuple(_words(syns)) for val, syns in (vals or {}).items()}
            for attr, vals in (self.data.get("values") or {}).items()
        }
        for attr in values:
            _need(attr in attributes, f"values: unknown attribute {attr}")
        questions = self._questions()
        jobs = self._jobs(departments, categories, attributes, questions)
        defects = {
            cat: {feature: tuple(_words(w)) for feature, w in (features or {}).items()}
            for cat, features in (self.data.get("defects") or {}).items()
        }
        for cat, features in defects.items():
            _need(cat in categories, f"defects: unknown category {cat}")
            for feature in features:
                _need(feature in attributes, f"defects of {cat}: unknown attribute {feature}")
        conditions = {k: tuple(_words(w)) for k, w in (self.data.get("conditions") or {}).items()}
        return Knowledge(departments, attributes, categories, values, questions, jobs,
                         defects, conditions, self._gifts(questions))

    def _gifts(self, questions: Mapping[str, Question]) -> GiftSpec:
        data = self.data.get("gifts") or {}
        recipients = {key: Recipient(key, str(spec["label"]), tuple(_words(spec.get("synonyms"))))
                      for key, spec in (data.get("recipients") or {}).items()}
        texts = {str(k): str(v) for k, v in (data.get("questions") or {}).items()}
        for key in texts:
            _need(key in questions, f"gifts: unknown question {key}")
        defaults = GiftSpec()
        gifts = GiftSpec(tuple(_words(data.get("words"))), recipients,
                         str(data.get("someone") or defaults.someone),
                         str(data.get("job_question") or defaults.job_question),
                         str(data.get("owned_question") or defaults.owned_question), texts)
        for text in (gifts.job_question, gifts.owned_question, *texts.values()):
            try:
                text.format(who="x")
            except (KeyError, IndexError, ValueError):
                raise KnowledgeError(f"gifts: {text!r} may use only {{who}}") from None
        return gifts

    def _attributes(self) -> Dict[str, AttributeSpec]:
        result = {}
        for name, spec in self.data["attributes"].items():
            kind = (spec or {}).get("kind")
            _need(kind in ATTRIBUTE_KINDS, f"attribute {name}: kind must be one of {ATTRIBUTE_KINDS}")
            result[name] = AttributeSpec(name, str(kind), (spec or {}).get("unit"))
        return result

    def _categories(self, departments: Mapping[str, str]) -> Dict[str, CategorySpec]:
        result = {}
        for key, spec in self.data["categories"].items():
            _need(spec.get("department") in departments, f"category {key}: unknown department")
            result[key] = CategorySpec(key, spec.get("label", key), spec["department"],
                                       tuple(_words(spec.get("synonyms"))),
                                       spec.get("purpose_question"))
        return result

    def _questions(self) -> Dict[str, Question]:
        result = {}
        for position, (key, spec) in enumerate(self.data["questions"].items()):
            _need(key != JOB_QUESTION, f"question {key}: the name is reserved for the job itself")
            options = tuple(_option(key, k, v or {}) for k, v in spec["options"].items())
            _need(len(options) >= 2, f"question {key}: needs at least two options")
            safe = spec.get("safe_option")
            _need(safe is None or any(o.key == safe for o in options),
                  f"question {key}: safe_option {safe} is not one of its options")
            result[key] = Question(key, spec["text"], options, spec.get("help"), safe,
                                   spec.get("unit"), position)
        return result

    def _jobs(self, departments: Mapping[str, str], categories: Mapping[str, CategorySpec],
              attributes: Mapping[str, AttributeSpec],
              questions: Mapping[str, Question]) -> Dict[str, JobSpec]:
        result = {}
        for key, spec in self.data["jobs"].items():
            _need(spec.get("department") in departments, f"job {key}: unknown department")
            asked = tuple(spec.get("questions") or ())
            for q in asked:
                _need(q in questions, f"job {key}: unknown question {q}")
            components = tuple(
                _component(key, c, categories, attributes, questions, asked)
                for c in spec["components"]
            )
            roles = [c.role for c in components]
            _need(len(set(roles)) == len(roles), f"job {key}: two components share a role")
            for c in components:
                for dep in c.depends_on:
                    _need(dep in roles, f"job {key}, role {c.role}: refers to unknown role {dep}")
            job = JobSpec(key, spec["label"], spec.get("name", spec["label"]), spec["department"],
                          asked, components, tuple(_words(spec.get("synonyms"))))
            job.build_order()
            result[key] = job
        return result


def _option(question: str, key: str, spec: Mapping[str, Any]) -> Option:
    bounds = spec.get("range")
    if bounds is not None:
        _need(len(bounds) == 2 and float(bounds[0]) <= float(bounds[1]),
              f"question {question}, option {key}: range is [low, high]")
        bounds = (float(bounds[0]), float(bounds[1]))
    return Option(key, str(spec.get("label", key)), float(spec.get("weight", 1.0)), bounds,
                  dict(spec.get("values") or {}), tuple(_words(spec.get("synonyms"))))


def _component(job: str, spec: Mapping[str, Any], categories: Mapping[str, CategorySpec],
               attributes: Mapping[str, AttributeSpec], questions: Mapping[str, Question],
               asked: Sequence[str]) -> ComponentSpec:
    role = spec["role"]
    where = f"job {job}, role {role}"
    _need(spec["category"] in categories, f"{where}: unknown category {spec['category']}")
    rules = tuple(parse_rule(r) for r in spec.get("require") or ())
    for rule in rules:
        _need(rule.attribute in attributes, f"{where}: unknown attribute {rule.attribute}")
    when = {q: tuple(str(o) for o in opts) for q, opts in (spec.get("when") or {}).items()}
    for q, opts in when.items():
        _need(q in asked, f"{where}: 'when' names {q}, which the job does not ask")
        for o in opts:
            _need(questions[q].option(o) is not None, f"{where}: {q} has no option {o}")
    return ComponentSpec(role, spec["category"], rules, Quantity(str(spec.get("quantity", 1))),
                         str(spec.get("reason", "")), when)


def _words(items: Optional[Sequence[Any]]) -> List[str]:
    return [str(i).strip().lower() for i in (items or []) if str(i).strip()]


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise KnowledgeError(message)


def to_yaml_dict(knowledge: Knowledge) -> Dict[str, Any]:
    """The knowledge back in the shape of needs.yml (used for the version digest)."""
    return {
        "departments": {k: {"label": v} for k, v in knowledge.departments.items()},
        "attributes": {k: {"kind": a.kind, "unit": a.unit} for k, a in knowledge.attributes.items()},
        "categories": {k: {"label": c.label, "department": c.department,
                           "synonyms": list(c.synonyms), "purpose_question": c.purpose_question}
                       for k, c in knowledge.categories.items()},
        "values": {a: {v: list(s) for v, s in vals.items()} for a, vals in knowledge.values.items()},
        "questions": {k: {"text": q.text, "help": q.help, "safe_option": q.safe_option,
                          "unit": q.unit,
                          "options": {o.key: {"label": o.label, "weight": o.weight,
                                              "range": list(o.range) if o.range else None,
                                              "values": dict(o.values),
                                              "synonyms": list(o.synonyms)}
                                      for o in q.options}}
                      for k, q in knowledge.questions.items()},
        "jobs": {k: {"label": j.label, "name": j.name, "department": j.department,
                     "synonyms": list(j.synonyms), "questions": list(j.questions),
                     "components": [{"role": c.role, "category": c.category,
                                     "when": {q: list(o) for q, o in c.when.items()},
                                     "require": [{"rule": f"{r.attribute} {r.op} {r.operand}",
                                                  "why": r.why} for r in c.rules],
                                     "quantity": c.quantity.expression, "reason": c.reason}
                                    for c in j.components]}
                 for k, j in knowledge.jobs.items()},
        "defects": {c: {f: list(w) for f, w in fs.items()} for c, fs in knowledge.defects.items()},
        "conditions": {k: list(w) for k, w in knowledge.conditions.items()},
        "gifts": _gifts_dict(knowledge.gifts),
    }


def _gifts_dict(gifts: GiftSpec) -> Dict[str, Any]:
    return {"words": list(gifts.words), "someone": gifts.someone,
            "job_question": gifts.job_question, "owned_question": gifts.owned_question,
            "recipients": {k: {"label": r.label, "synonyms": list(r.synonyms)}
                           for k, r in sorted(gifts.recipients.items())},
            "questions": dict(sorted(gifts.questions.items()))}
