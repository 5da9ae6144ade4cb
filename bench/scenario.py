"""Discovery scenarios: a shopper's opening line, their hidden need, and what a right
bundle must and must not hold. The format is documented in docs/evaluation.md; the files
live in bench/scenarios/ (not under data/, which Rasa reads as training data).

What a bundle must hold is written by hand, in the catalogue's attribute terms, apart from
the rules in needs.yml: "a masonry bit, plugs rated for 22 kg, the bit as wide as the
plugs". Rules use the syntax of needs.yml rules, with ``@category.attribute`` naming an
attribute of the item matched by an earlier ``must`` entry, and ``quantity`` the number
of that item in the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Set, Tuple

import yaml

from bot.bundles import Bundle
from bot.knowledge import JOB_QUESTION, Knowledge, Question
from bot.patterns import Item, ItemPattern, match_in_order, parse_pattern, unknown_names
from bot.rules import RuleError
from bot.training_examples import normalise

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class ScenarioError(ValueError):
    """A scenario file is malformed or does not fit the knowledge; the message says where."""


Expectation = ItemPattern
"""An item the bundle must (or must not) hold: a category and rules on its attributes."""


def _item(entry: Mapping[str, Any]) -> Item:
    """A bundle payload's item, as patterns see it."""
    return Item(str(entry.get("category")), entry.get("attributes") or {},
                entry.get("quantity", 1))


@dataclass(frozen=True)
class Scenario:
    """One shopper: what they say first, what they really need, and the right bundle."""

    id: str
    job: str
    opening: str
    need: Mapping[str, str]
    must: Tuple[Expectation, ...]
    must_not: Tuple[Expectation, ...] = ()
    amounts: Mapping[str, float] = field(default_factory=dict)
    unsure: Tuple[str, ...] = ()
    source: str = ""

    assumed: Mapping[str, str] = field(default_factory=dict)

    @property
    def answers(self) -> Dict[str, str]:
        """The true answer to every question of the job, with the job itself (questions
        never asked, left out of the need, hold their assumed option)."""
        return {JOB_QUESTION: self.job, **self.assumed, **self.need}


@dataclass(frozen=True)
class Verdict:
    success: bool
    problems: Tuple[str, ...] = ()
    covered: float = 0.0  # the share of the ``must`` items the bundle holds


def check_bundle(scenario: Scenario, bundle: Optional[Mapping[str, Any]]) -> Verdict:
    """Whether a bundle payload (docs/payloads.md) is right for the scenario: every
    ``must`` item present and compatible with the others, no ``must_not`` item, nothing
    missing."""
    if not bundle:
        return Verdict(False, ("no bundle",))
    items = [_item(i) for i in bundle.get("items") or []]
    chosen, lacking = match_in_order(scenario.must, items)
    problems = [f"lacks {expected}" for expected in lacking]
    for forbidden in scenario.must_not:
        if any(forbidden.matches(i, {}, chosen) for i in items):
            problems.append(f"holds {forbidden}")
    problems += [f"missing component: {m}" for m in bundle.get("missing") or []]
    # Two ``must`` items of one category ("a smoke alarm and a heat alarm") count twice.
    return Verdict(not problems, tuple(problems), 1 - len(lacking) / len(scenario.must))


def as_checked(bundle: Bundle) -> Dict[str, Any]:
    """A bundle in the shape ``check_bundle`` reads (that of the wire payload)."""
    return {"items": [{"category": i.product.category, "quantity": i.quantity,
                       "attributes": dict(i.product.attributes)} for i in bundle.items],
            "missing": list(bundle.missing)}


def load_scenarios(knowledge: Knowledge, folder: Path = SCENARIOS_DIR) -> List[Scenario]:
    """Every scenario in ``folder`` (one YAML file per job), checked against the knowledge."""
    scenarios: List[Scenario] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text()) or {}
        job = data.get("job")
        if job not in knowledge.jobs:
            raise ScenarioError(f"{path.name}: unknown job {job!r}")
        for number, entry in enumerate(data.get("scenarios") or [], 1):
            where = f"{path.name}, scenario {entry.get('id') or number}"
            try:
                scenarios.append(_scenario(knowledge, job, entry, path.name))
            except (RuleError, KeyError, TypeError, ValueError) as error:
                raise ScenarioError(f"{where}: {error}") from error
    ids = [s.id for s in scenarios]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ScenarioError(f"scenario ids used twice: {', '.join(duplicated)}")
    return scenarios


def _scenario(knowledge: Knowledge, job: str, entry: Mapping[str, Any], source: str) -> Scenario:
    need = {str(q): str(o) for q, o in (entry.get("need") or {}).items()}
    asked = knowledge.jobs[job].questions
    assumed = {q: knowledge.questions[q].assume for q in asked
               if knowledge.questions[q].assume is not None}
    if not set(asked) - set(assumed) <= set(need) <= set(asked):
        raise ValueError(f"need must answer the job's questions {list(asked)} (those never "
                         f"asked, {sorted(assumed)}, may be left out), got {sorted(need)}")
    for key, option in need.items():
        if knowledge.questions[key].option(option) is None:
            raise ValueError(f"question {key} has no option {option!r}")
    amounts = {str(q): float(v) for q, v in (entry.get("amounts") or {}).items()}
    for key, amount in amounts.items():
        question = knowledge.questions.get(key)
        if question is None or key not in need or not _holds(question, need[key], amount):
            raise ValueError(f"amount {key}={amount:g} is not within the need's option")
    unsure = tuple(entry.get("unsure") or ())
    if not set(unsure) <= set(need):
        raise ValueError(f"unsure names questions outside the need: {unsure}")
    must = tuple(parse_pattern(e) for e in entry["must"])
    must_not = tuple(parse_pattern(e) for e in entry.get("must_not") or ())
    seen: List[str] = []
    for expectation in must + must_not:
        problems = unknown_names(expectation, list(knowledge.categories),
                                 list(knowledge.attributes), seen)
        if problems:
            raise ValueError(f"{expectation}: {'; '.join(problems)}")
        if expectation in must:
            seen.append(expectation.category)
    if not must or not str(entry.get("opening") or "").strip():
        raise ValueError("needs an opening line and at least one 'must' item")
    return Scenario(str(entry["id"]), job, str(entry["opening"]).strip(), need, must, must_not,
                    amounts, unsure, source,
                    {q: o for q, o in assumed.items() if q not in need})  # type: ignore[misc]


def _holds(question: Question, option: str, amount: float) -> bool:
    # The option the assistant would read the amount as (the first, where ranges touch).
    found = question.option_for_number(amount)
    return found is not None and found.key == option


def training_utterances(folder: Path = DATA_DIR) -> Set[str]:
    """Every example and user line in Rasa's training data (every YAML file in data/)."""
    found: Set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key == "examples" and isinstance(value, str):
                    found.update(normalise(line.strip()[2:]) for line in value.splitlines()
                                 if line.strip().startswith("- "))
                elif key == "user" and isinstance(value, str):
                    found.add(normalise(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted(folder.rglob("*.yml")) + sorted(folder.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found
