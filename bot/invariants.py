"""The knowledge's invariants: rules no bundle may break ("a swing-arm TV bracket is never
held by cavity fixings alone"), written as data in the ``invariants:`` section of
needs.yml and checked against a built bundle.

An invariant applies when any of its ``when`` situations holds (or always, with none)
and none of its ``unless`` ones; a situation holds when the answers given, the items the
bundle holds and the questions the job asks are all as it says. Then every ``must_hold``
pattern must match an item (in order: a pattern may name an earlier one's attributes as
``@category.attribute``), at least one ``must_hold_one_of`` pattern must, no
``must_not_hold`` pattern may, the job must be referred (or not) as ``must_refer`` says,
and every ``totals`` comparison must hold (``sum(category.attribute)``: each item's
attribute times its quantity; ``count(category)``: the items by quantity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.knowledge import Knowledge
from bot.needs_schema import Invariant as InvariantSpec
from bot.needs_schema import Situation as SituationSpec
from bot.patterns import Item, ItemPattern, match_in_order, parse_pattern
from bot.rules import Total, parse_total


@dataclass(frozen=True)
class Case:
    """One combination of answers and the bundle built for it, as invariants see it."""

    job: str
    answers: Mapping[str, str]
    facts: Mapping[str, Any]
    items: Tuple[Item, ...]
    referred: bool
    asks: Tuple[str, ...]


@dataclass(frozen=True)
class Situation:
    answers: Mapping[str, Tuple[str, ...]]
    holds: Tuple[ItemPattern, ...]
    asks: Tuple[str, ...]

    def matches(self, case: Case) -> bool:
        return (all(case.answers.get(q) in options for q, options in self.answers.items())
                and all(any(p.matches(i, case.facts) for i in case.items) for p in self.holds)
                and (not self.asks or bool(set(self.asks) & set(case.asks))))


@dataclass(frozen=True)
class Invariant:
    """One rule no bundle may break."""

    key: str
    says: str
    when: Tuple[Situation, ...] = ()
    unless: Tuple[Situation, ...] = ()
    must_hold: Tuple[ItemPattern, ...] = ()
    must_hold_one_of: Tuple[ItemPattern, ...] = ()
    must_not_hold: Tuple[ItemPattern, ...] = ()
    must_refer: Optional[bool] = None
    totals: Tuple[Tuple[str, Total], ...] = ()

    def applies(self, case: Case) -> bool:
        return ((not self.when or any(s.matches(case) for s in self.when))
                and not any(s.matches(case) for s in self.unless))

    def broken(self, case: Case) -> List[str]:
        """How the case breaks this invariant (nothing: it holds, or does not apply)."""
        if not self.applies(case):
            return []
        chosen, lacking = match_in_order(self.must_hold, case.items, case.facts)
        problems = [f"lacks {p}" for p in lacking]
        if self.must_hold_one_of and not any(
                p.matches(i, case.facts, chosen) for p in self.must_hold_one_of
                for i in case.items):
            problems.append("holds none of " + ", ".join(map(str, self.must_hold_one_of)))
        problems += [f"holds {p}" for p in self.must_not_hold
                     if any(p.matches(i, case.facts, chosen) for i in case.items)]
        if self.must_refer is not None and self.must_refer != case.referred:
            problems.append("is not referred" if self.must_refer else "is referred")
        names = _names(case)
        for text, total in self.totals:
            verdict = total.holds(names)
            if verdict is None:
                problems.append(f"cannot work out {text}")
            elif not verdict:
                problems.append(f"fails {text} ({_sides(total, names)})")
        return problems


def invariants_of(knowledge: Knowledge) -> List[Invariant]:
    """The invariants of the knowledge, ready to check."""
    return [_invariant(key, spec) for key, spec in knowledge.document.invariants.items()]


def _invariant(key: str, spec: InvariantSpec) -> Invariant:
    return Invariant(
        key, spec.says, tuple(_situation(s) for s in spec.when),
        tuple(_situation(s) for s in spec.unless),
        tuple(parse_pattern(p) for p in spec.must_hold),
        tuple(parse_pattern(p) for p in spec.must_hold_one_of),
        tuple(parse_pattern(p) for p in spec.must_not_hold),
        spec.must_refer, tuple((t, parse_total(t)) for t in spec.totals))


def _situation(spec: SituationSpec) -> Situation:
    return Situation({q: tuple(o) for q, o in spec.answers.items()},
                     tuple(parse_pattern(p) for p in spec.holds), tuple(spec.asks))


def _names(case: Case) -> Dict[str, Any]:
    """The facts and totals of a case, named as expressions spell them."""
    names: Dict[str, Any] = {f"fact__{k}": v for k, v in case.facts.items()}
    for item in case.items:
        count = f"count__{item.category}__"
        names[count] = names.get(count, 0) + item.quantity
        for attribute, value in item.attributes.items():
            if isinstance(value, (int, float)):
                total = f"sum__{item.category}__{attribute}"
                names[total] = names.get(total, 0) + value * item.quantity
    return _Totals(names)


class _Totals(Dict[str, float]):
    """A total of no item (or of an attribute no item has) is 0."""

    def __missing__(self, key: str) -> Any:
        if key.startswith(("sum__", "count__")):
            return 0
        raise KeyError(key)


def _sides(total: Total, names: Mapping[str, Any]) -> str:
    return f"{total.left.value(names):g} against {total.right.value(names):g}"


def case_items(bundle_items: Sequence[Any]) -> Tuple[Item, ...]:
    """A bundle's items (``bot.bundles.BundleItem``) as patterns see them."""
    return tuple(Item(i.product.category, i.product.attributes, i.quantity) for i in bundle_items)
