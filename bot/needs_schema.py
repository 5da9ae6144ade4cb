"""The schema of ``needs.yml``, written once: pydantic models of the document, from which
reading (with errors that name the file and line), checking that names refer to what
exists, and saving (the validated document as JSON) all follow. ``bot.knowledge`` turns
a validated document into the objects the engine reasons over.

Every mapping refuses keys it does not know (``extra = forbid``): a misspelt key is an
error, not a silently ignored line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

import yaml
from pydantic import BaseModel, Extra, ValidationError, constr, root_validator, validator
from yaml.nodes import MappingNode, Node, SequenceNode

from bot.patterns import parse_pattern, unknown_names
from bot.rules import Quantity, RuleError, parse_rule, parse_total

JOB_QUESTION = "job"
ATTRIBUTE_KINDS = ("number", "text", "flag")

Loc = Tuple[Union[str, int], ...]
Problem = Tuple[Loc, str]

if TYPE_CHECKING:  # to mypy, constrained strings are strings
    Name = str
    Key = str
    Word = str
else:
    # Names used inside rules, quantities and reasons ($fact, @role.attribute, {question}).
    Name = constr(strict=True, regex=r"^[a-z_][a-z0-9_]*$")
    # Keys of options, values, jobs, categories: written as text (``"yes"`` in quotes).
    Key = constr(strict=True, regex=r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
    Word = constr(strip_whitespace=True, to_lower=True)
Scalar = Union[float, str]


class KnowledgeError(ValueError):
    """The needs data is inconsistent; the message names the place."""


class Model(BaseModel):
    """A mapping of needs.yml: unknown keys are errors, values do not change once read."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False
        smart_union = True


def _words(items: Any) -> Any:
    """Synonyms as stored: lower case, trimmed, without blanks or repeats."""
    if not isinstance(items, list):
        return items
    return list(dict.fromkeys(str(i).strip().lower() for i in items if str(i).strip()))


def _empty_for_none(value: Any) -> Any:
    """``key:`` with nothing after it is an empty mapping."""
    if isinstance(value, dict):
        return {k: ({} if v is None else v) for k, v in value.items()}
    return value


class Department(Model):
    label: Optional[str] = None


class Attribute(Model):
    kind: str
    unit: Optional[str] = None

    @validator("kind")
    def _kind(cls, kind: str) -> str:
        if kind not in ATTRIBUTE_KINDS:
            raise ValueError(f"kind must be one of {', '.join(ATTRIBUTE_KINDS)}")
        return kind


class Category(Model):
    label: Optional[str] = None
    department: Key
    synonyms: List[Word] = []
    purpose_question: Optional[str] = None
    # The attribute a size said with the item means ("a 10 mm drill bit": its diameter).
    size: Optional[Name] = None

    _synonyms = validator("synonyms", pre=True, allow_reuse=True)(_words)


class Option(Model):
    label: Optional[str] = None
    weight: float = 1.0
    range: Optional[Tuple[float, float]] = None
    values: Dict[Name, Scalar] = {}
    synonyms: List[Word] = []

    _synonyms = validator("synonyms", pre=True, allow_reuse=True)(_words)

    @validator("range")
    def _range(cls, bounds: Optional[Tuple[float, float]]) -> Optional[Tuple[float, float]]:
        if bounds is not None and bounds[0] > bounds[1]:
            raise ValueError("range is [low, high], low first")
        return bounds

    @validator("weight")
    def _weight(cls, weight: float) -> float:
        if weight <= 0:
            raise ValueError("weight must be above 0")
        return weight


class Question(Model):
    text: str
    help: Optional[str] = None
    safe_option: Optional[Key] = None
    # Never asked: this option is taken unless the shopper says otherwise ("I've got a
    # detector"), so it costs no question but what is volunteered still counts.
    assume: Optional[Key] = None
    unit: Optional[str] = None
    options: Dict[Key, Option]

    _options = validator("options", pre=True, allow_reuse=True)(_empty_for_none)

    @root_validator(skip_on_failure=True)
    def _options_hold_the_safe_one(cls, values: Dict[str, Any]) -> Dict[str, Any]:
        options = values["options"]
        if len(options) < 2:
            raise ValueError("a question needs at least two options")
        for field in ("safe_option", "assume"):
            chosen = values.get(field)
            if chosen is not None and chosen not in options:
                raise ValueError(f"{field} {chosen} is not one of its options")
        return values


Condition = Dict[Name, List[Key]]
"""Answers that must hold: question -> the options any of which will do."""


def _alternatives(when: Any) -> Any:
    """``when`` is one set of answers (all must hold) or a list of them (any will do)."""
    if when is None:
        return []
    return [when] if isinstance(when, dict) else when


class Requirement(Model):
    """One constraint of a component: ``"<attribute> <op> <value>"`` and why it matters."""

    rule: str
    why: Optional[str] = None

    @validator("rule")
    def _parses(cls, rule: str) -> str:
        try:
            parse_rule(rule)
        except RuleError as error:
            raise ValueError(str(error)) from None
        return rule


class Component(Model):
    role: Name
    category: Key
    when: List[Condition] = []
    require: List[Requirement] = []
    quantity: str = "1"
    reason: str = ""

    _when = validator("when", pre=True, allow_reuse=True)(_alternatives)

    @validator("require", pre=True)
    def _plain_rules(cls, items: Any) -> Any:
        if not isinstance(items, list):
            return items
        return [{"rule": i} if isinstance(i, str) else i for i in items]

    @validator("quantity", pre=True)
    def _quantity(cls, quantity: Any) -> str:
        if isinstance(quantity, bool) or not isinstance(quantity, (int, str)):
            raise ValueError("a quantity is a whole number or an expression such as "
                             "\"ceil($litres / @self.volume_l)\"")
        try:
            Quantity(str(quantity))
        except (RuleError, SyntaxError) as error:
            raise ValueError(str(error)) from None
        return str(quantity)


class Referral(Model):
    """Work the shop does not sell as DIY: who to send the shopper to, and why. The job's
    components then hold only what is safe to sell (a voltage tester)."""

    to: str
    why: str
    when: List[Condition] = []

    _when = validator("when", pre=True, allow_reuse=True)(_alternatives)


class Job(Model):
    label: str
    name: Optional[str] = None
    department: Key
    synonyms: List[Word] = []
    questions: List[Name] = []
    refer: List[Referral] = []
    components: List[Component]

    _synonyms = validator("synonyms", pre=True, allow_reuse=True)(_words)


class Recipient(Model):
    label: str
    synonyms: List[Word] = []

    _synonyms = validator("synonyms", pre=True, allow_reuse=True)(_words)


class Gifts(Model):
    words: List[Word] = []
    someone: str = "they"
    job_question: str = "What will {who} use it for?"
    owned_question: str = "Might {who} already own any of these? I'll leave out what they have."
    recipients: Dict[Key, Recipient] = {}
    questions: Dict[Name, str] = {}

    _words = validator("words", pre=True, allow_reuse=True)(_words)

    @validator("someone", "job_question", "owned_question", pre=True)
    def _default_for_blank(cls, text: Any, field: Any) -> Any:
        return field.default if text in (None, "") else text

    @validator("job_question", "owned_question")
    def _only_who(cls, text: str) -> str:
        return _names_only_who(text)

    @validator("questions")
    def _each_only_who(cls, texts: Dict[str, str]) -> Dict[str, str]:
        for text in texts.values():
            _names_only_who(text)
        return texts


def _names_only_who(text: str) -> str:
    try:
        text.format(who="x")
    except (KeyError, IndexError, ValueError):
        raise ValueError(f"{text!r} may use only {{who}}") from None
    return text


def _pattern(entry: Any) -> Any:
    try:
        parse_pattern(entry)
    except RuleError as error:
        raise ValueError(str(error)) from None
    return entry


def _total(text: Any) -> Any:
    try:
        parse_total(str(text))
    except RuleError as error:
        raise ValueError(str(error)) from None
    return str(text)


class Situation(Model):
    """When an invariant applies: answers given, items the bundle holds, questions the job
    asks. Everything named must hold."""

    answers: Condition = {}
    holds: List[Any] = []
    asks: List[Name] = []

    _holds = validator("holds", each_item=True, allow_reuse=True)(_pattern)


class Invariant(Model):
    """A rule no bundle may break, checked over every combination of every job's answers
    by `bot knowledge check`."""

    says: str
    when: List[Situation] = []        # any of these (none: every bundle)
    unless: List[Situation] = []      # none of these
    must_hold: List[Any] = []         # every pattern matched, in order (for @category)
    must_hold_one_of: List[Any] = []  # at least one pattern matched
    must_not_hold: List[Any] = []     # no pattern matched
    must_refer: Optional[bool] = None  # the job is referred (true) or sold (false)
    totals: List[str] = []            # "sum(hydration.volume_l) >= $hours * 0.75"

    _when = validator("when", "unless", pre=True, allow_reuse=True)(_alternatives)
    _patterns = validator("must_hold", "must_hold_one_of", "must_not_hold", each_item=True,
                          allow_reuse=True)(_pattern)
    _totals = validator("totals", each_item=True, allow_reuse=True)(_total)


class NeedsDocument(Model):
    """The whole of needs.yml."""

    departments: Dict[Key, Department]
    attributes: Dict[Name, Attribute]
    categories: Dict[Key, Category]
    values: Dict[Name, Dict[Key, List[Word]]] = {}
    questions: Dict[Name, Question]
    jobs: Dict[Key, Job]
    defects: Dict[Key, Dict[Name, List[Word]]] = {}
    conditions: Dict[Key, List[Word]] = {}
    gifts: Gifts = Gifts()
    invariants: Dict[Name, Invariant] = {}

    _departments = validator("departments", pre=True, allow_reuse=True)(_empty_for_none)

    @validator("values", "defects", pre=True)
    def _word_lists(cls, groups: Any) -> Any:
        if not isinstance(groups, dict):
            return groups
        return {k: (_empty_for_none({w: _words(v) for w, v in (words or {}).items()})
                    if isinstance(words, dict) or words is None else words)
                for k, words in groups.items()}

    @validator("conditions", pre=True)
    def _condition_words(cls, groups: Any) -> Any:
        return {k: _words(v) for k, v in groups.items()} if isinstance(groups, dict) else groups

    def problems(self) -> List[Problem]:
        """Names that refer to nothing, and other faults across sections."""
        return list(_references(self))

    def to_json(self) -> str:
        """The document as stored in the database (and digested for its version). Keys
        keep their order: the order of questions and jobs means something."""
        return json.dumps(self.dict(), separators=(",", ":"))


def _references(doc: NeedsDocument) -> Iterator[Problem]:
    for key, spec in doc.categories.items():
        if spec.department not in doc.departments:
            yield ("categories", key, "department"), f"unknown department {spec.department}"
        if spec.size is not None and spec.size not in doc.attributes:
            yield ("categories", key, "size"), f"unknown attribute {spec.size}"
    for attribute in doc.values:
        if attribute not in doc.attributes:
            yield ("values", attribute), f"unknown attribute {attribute}"
    if JOB_QUESTION in doc.questions:
        yield (("questions", JOB_QUESTION),
               f"the name {JOB_QUESTION} is kept for the question of what the job is")
    for key, job in doc.jobs.items():
        yield from _job_references(doc, key, job)
    for category, features in doc.defects.items():
        if category not in doc.categories:
            yield ("defects", category), f"unknown category {category}"
        for feature in features:
            if feature not in doc.attributes:
                yield ("defects", category, feature), f"unknown attribute {feature}"
    for key in doc.gifts.questions:
        if key not in doc.questions:
            yield ("gifts", "questions", key), f"unknown question {key}"
    for key, invariant in doc.invariants.items():
        yield from _invariant_references(doc, ("invariants", key), invariant)


def _invariant_references(doc: NeedsDocument, where: Loc,
                          invariant: Invariant) -> Iterator[Problem]:
    categories, attributes = list(doc.categories), list(doc.attributes)
    for field in ("when", "unless"):
        for number, situation in enumerate(getattr(invariant, field)):
            at = where + (field, number)
            for question, options in situation.answers.items():
                known = (list(doc.jobs) if question == JOB_QUESTION else
                         list(doc.questions[question].options) if question in doc.questions
                         else None)
                if known is None:
                    yield at + ("answers", question), f"unknown question {question}"
                for option in options if known is not None else ():
                    if known is not None and option not in known:
                        yield at + ("answers", question), f"{question} has no option {option}"
            for question in situation.asks:
                if question not in doc.questions:
                    yield at + ("asks",), f"unknown question {question}"
            yield from _pattern_references(at + ("holds",), situation.holds, categories,
                                           attributes, ordered=False)
    yield from _pattern_references(where + ("must_hold",), invariant.must_hold, categories,
                                   attributes, ordered=True)
    for field in ("must_hold_one_of", "must_not_hold"):
        held = [parse_pattern(p).category for p in invariant.must_hold]
        yield from _pattern_references(where + (field,), getattr(invariant, field), categories,
                                       attributes, ordered=False, earlier=held)
    for number, text in enumerate(invariant.totals):
        for _, category, attribute in parse_total(text).totals:
            if category not in doc.categories:
                yield where + ("totals", number), f"unknown category {category}"
            elif attribute and attribute not in doc.attributes:
                yield where + ("totals", number), f"unknown attribute {attribute}"


def _pattern_references(at: Loc, entries: Sequence[Any], categories: List[str],
                        attributes: List[str], *, ordered: bool,
                        earlier: Sequence[str] = ()) -> Iterator[Problem]:
    seen = list(earlier)
    for number, entry in enumerate(entries):
        pattern = parse_pattern(entry)
        for problem in unknown_names(pattern, categories, attributes, seen):
            yield at + (number,), problem
        if ordered:
            seen.append(pattern.category)


def _job_references(doc: NeedsDocument, key: str, job: Job) -> Iterator[Problem]:
    where: Loc = ("jobs", key)
    if job.department not in doc.departments:
        yield where + ("department",), f"unknown department {job.department}"
    for index, question in enumerate(job.questions):
        if question not in doc.questions:
            yield where + ("questions", index), f"unknown question {question}"
    roles = [c.role for c in job.components]
    for index, component in enumerate(job.components):
        at = where + ("components", index)
        twin = next((other for other in job.components[:index] if other.role == component.role
                     and _overlap(other.when, component.when)), None)
        if twin is not None:
            yield at + ("role",), (f"two components share the role {component.role} for the "
                                   "same answers (a role may repeat only where their 'when' "
                                   "never both hold)")
        if component.category not in doc.categories:
            yield at + ("category",), f"unknown category {component.category}"
        for number, requirement in enumerate(component.require):
            rule = parse_rule(requirement.rule)
            if rule.attribute not in doc.attributes:
                yield at + ("require", number), f"unknown attribute {rule.attribute}"
            for role in rule.roles:
                if role != "self" and role not in roles:
                    yield at + ("require", number), f"refers to the unknown role {role}"
        yield from _condition_references(doc, job, at + ("when",), component.when)
    for index, referral in enumerate(job.refer):
        yield from _condition_references(doc, job, where + ("refer", index, "when"),
                                         referral.when)
    if _circular(job):
        yield where + ("components",), "rules refer to each other in a circle"


def _condition_references(doc: NeedsDocument, job: Job, at: Loc,
                          alternatives: Sequence[Condition]) -> Iterator[Problem]:
    for number, condition in enumerate(alternatives):
        place = at + (number,) if len(alternatives) > 1 else at
        for question, options in condition.items():
            if question != JOB_QUESTION and question not in job.questions:
                yield place + (question,), f"names {question}, which the job does not ask"
                continue
            known = doc.questions.get(question)
            for option in options:
                if known is not None and option not in known.options:
                    yield place + (question,), f"{question} has no option {option}"


def _overlap(first: Sequence[Condition], second: Sequence[Condition]) -> bool:
    """Whether some answers meet both conditions (an empty list: any answers)."""
    for a in first or [{}]:
        for b in second or [{}]:
            if all(set(a[q]) & set(b[q]) for q in set(a) & set(b)):
                return True
    return False


def _circular(job: Job) -> bool:
    roles = {c.role for c in job.components}
    depends: Dict[str, Set[str]] = {}
    for c in job.components:
        needs = {role for r in c.require for role in parse_rule(r.rule).roles}
        depends[c.role] = depends.get(c.role, set()) | (needs & roles)
    done: Set[str] = set()
    while len(done) < len(depends):
        ready = {role for role, needs in depends.items() if role not in done and needs <= done}
        if not ready:
            return True
        done |= ready
    return False


# -- reading, with the line of every problem --------------------------------------------------


def parse_document(data: Any, source: str = "needs data",
                   root: Optional[Node] = None) -> NeedsDocument:
    """Validate needs data (as loaded from YAML or JSON) into a document.

    Raises:
        KnowledgeError: naming ``source``, the line (when ``root``, the YAML node tree, is
            given), the place in the document and the problem, for every problem found.
    """
    if not isinstance(data, dict):
        raise KnowledgeError(f"{source}: expected a mapping at the top")
    try:
        document = NeedsDocument.parse_obj(data)
    except ValidationError as error:
        problems: List[Problem] = [(tuple(e["loc"]), _plain(e)) for e in error.errors()]
    else:
        problems = document.problems()
    if problems:
        raise KnowledgeError("\n".join(_describe(source, root, loc, message)
                                       for loc, message in problems))
    return document


def read_document(path: Path) -> NeedsDocument:
    """Read and validate a needs.yml file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(f"{path}: {error}") from error
    return parse_document(data, str(path), root)


def _plain(error: Mapping[str, Any]) -> str:
    kind, message = str(error["type"]), str(error["msg"])
    if kind == "value_error.extra":
        return f"unknown key {error['loc'][-1]!r}"
    if kind == "value_error.missing":
        return f"{error['loc'][-1]!r} is missing"
    if error["loc"] and error["loc"][-1] == "__key__":
        return "a key must be a name in lower case (put yes, no and numbers in quotes)"
    if kind == "value_error.str.regex":
        return "a name is letters, digits and _ (lower case, not starting with a digit)"
    return message


def _describe(source: str, root: Optional[Node], loc: Loc, message: str) -> str:
    place = ".".join(str(part) for part in loc if part != "__key__")
    line = _line_of(root, loc) if root is not None else None
    at = f"{source}, line {line}" if line else source
    return f"{at}: {place}: {message}" if place else f"{at}: {message}"


def _line_of(node: Node, loc: Sequence[Union[str, int]]) -> int:
    """The line (from 1) of the YAML node at ``loc``, or of the nearest one above it."""
    line = node.start_mark.line + 1
    for part in loc:
        found: Optional[Node] = None
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    # An unknown key is reported at the key itself.
                    found, line = value, key.start_mark.line + 1
                    break
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
            line = found.start_mark.line + 1
        if found is None:
            break
        node = found
    return line
