"""Item patterns: "an item of this category whose attributes meet these rules", as the
knowledge's invariants and the discovery scenarios write them.

A pattern is written as a category (``detector``), a category with one rule or a list of
rules (``{tv_bracket: mount_type = full_motion}``), or all in one string, rules after a
colon; several rules in one string are apart by semicolons
(``"tent: capacity >= $people; seasons >= $seasons"``). Rules use the syntax of component
rules (``bot.rules``) on the item's attributes, plus ``quantity`` (how many the bundle
sells); ``$fact`` is a fact of the answers and ``@category.attribute`` an attribute of the
item an earlier pattern of the same list matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.rules import Rule, RuleError, parse_rule

QUANTITY = "quantity"


@dataclass(frozen=True)
class Item:
    """What a pattern looks at: an item's category, attributes and quantity."""

    category: str
    attributes: Mapping[str, Any]
    quantity: int = 1


@dataclass(frozen=True)
class ItemPattern:
    """An item of ``category`` meeting every rule."""

    category: str
    rules: Tuple[Rule, ...] = ()

    def matches(self, item: Item, facts: Mapping[str, Any] = {},
                chosen: Mapping[str, Mapping[str, Any]] = {}) -> bool:
        if item.category != self.category:
            return False
        attributes = {**item.attributes, QUANTITY: item.quantity}
        for rule in self.rules:
            resolved = rule.resolve(facts, chosen)
            if resolved is None or not resolved.holds(attributes):
                return False
        return True

    def __str__(self) -> str:
        rules = ", ".join(f"{r.attribute} {r.op} {r.operand}" for r in self.rules)
        return f"{self.category} ({rules})" if rules else self.category


def parse_pattern(entry: Any) -> ItemPattern:
    """``category`` or ``{category: rule}`` or ``{category: [rule, ...]}``.

    Raises:
        RuleError: the entry is not a pattern, or a rule cannot be read.
    """
    if isinstance(entry, str):
        category, _, written = entry.partition(":")
        return ItemPattern(category.strip(), tuple(parse_rule(r) for r in written.split(";")
                                                   if r.strip()))
    if not isinstance(entry, Mapping) or len(entry) != 1:
        raise RuleError(f"{entry!r}: a pattern is a category, or one category with its rules")
    [(category, given)] = entry.items()
    rules = given.split(";") if isinstance(given, str) else list(given or [])
    return ItemPattern(str(category), tuple(parse_rule(r) for r in rules if str(r).strip()))


def unknown_names(pattern: ItemPattern, categories: Sequence[str],
                  attributes: Sequence[str], earlier: Sequence[str] = ()) -> List[str]:
    """What a pattern names that does not exist: its category, an attribute, or an
    ``@category`` that no earlier pattern of its list matched."""
    problems = [] if pattern.category in categories else [f"unknown category {pattern.category}"]
    for rule in pattern.rules:
        if rule.attribute != QUANTITY and rule.attribute not in attributes:
            problems.append(f"unknown attribute {rule.attribute}")
        problems += [f"@{role} names no earlier item" for role in rule.roles
                     if role not in earlier]
    return problems


def match_in_order(patterns: Sequence[ItemPattern], items: Sequence[Item],
                   facts: Mapping[str, Any] = {}) -> Tuple[Dict[str, Mapping[str, Any]],
                                                           List[ItemPattern]]:
    """Match each pattern to an item, in order (a pattern may refer to the item an earlier
    one matched, by category). Returns what was matched, by category, and the patterns
    that matched nothing."""
    chosen: Dict[str, Mapping[str, Any]] = {}
    unmatched: List[ItemPattern] = []
    for pattern in patterns:
        found: Optional[Item] = next((i for i in items if pattern.matches(i, facts, chosen)), None)
        if found is None:
            unmatched.append(pattern)
        else:
            chosen[pattern.category] = {**found.attributes, QUANTITY: found.quantity}
    return chosen, unmatched
