"""Which specs of a category meet a set of rules, and the cheapest offer among them, held in
memory per catalogue version.

In SQL, every rule is a lookup per spec: walking a category's offers in price order until one
met the rules cost 20-70 ms at a million products (57,000 specs), because the cheapest 8 mm
masonry bit comes after thousands of cheaper bits of other sizes. Here every rule can name the
specs that meet it without looking at the others: an equality from a set per (attribute,
value), a bound on a number from a sorted list of that attribute's values. The named sets
are intersected, smallest first; the specs left are tried in order of their
cheapest offer, and the search stops as soon as no remaining one can be cheaper than the
best found. Queries with no such rule (only "!=", or none) walk the offers in price order.

Numbers are compared as numbers: the importer stores a number attribute in the number column
(``bot.catalogue.importer``), so a bound on a number only has to look at numbers.

An index is built from the database once per catalogue version and category (the importer
bumps the version), so it is never stale; it holds spec ids, attributes and offers, not
products (``SqlCatalogue`` reads the chosen product).
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Optional, Sequence, Set, Tuple

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.knowledge import LatestOnly
from bot.rules import ResolvedRule, holds_all


@dataclass(frozen=True, order=True)
class IndexedOffer:
    """An offer as the index keeps it; ordered by price, then sku (the catalogue's order)."""

    price_cents: int
    sku: str
    stock: int
    spec_id: int
    product_id: int


class CategoryIndex:
    """The specs of one category: their attributes, who has each value, and their offers."""

    def __init__(self, attributes: Dict[int, Dict[str, Any]], offers: Sequence[IndexedOffer]) -> None:
        self.attributes = attributes
        self.walk = sorted(offers)
        self.offers_of: Dict[int, List[IndexedOffer]] = {}
        for offer in self.walk:
            self.offers_of.setdefault(offer.spec_id, []).append(offer)
        # The cheapest offer of a spec bounds what any of its offers costs.
        self.floor = {spec_id: (o[0].price_cents, o[0].sku) for spec_id, o in self.offers_of.items()}
        self.having: Dict[Tuple[str, Any], Set[int]] = {}
        numbers: Dict[str, List[Tuple[float, int]]] = {}
        for spec_id, values in attributes.items():
            if spec_id not in self.floor:
                continue  # a spec with no products has nothing to offer
            for name, value in values.items():
                self.having.setdefault((name, _key(value)), set()).add(spec_id)
                if isinstance(value, float):
                    numbers.setdefault(name, []).append((value, spec_id))
        self.numbers = {name: _SortedNumbers(pairs) for name, pairs in numbers.items()}

    def cheapest(self, rules: Sequence[ResolvedRule], in_stock: Optional[int]) -> Optional[IndexedOffer]:
        """The cheapest offer with at least ``in_stock`` in stock whose spec meets every rule."""
        needed = in_stock or 0
        candidates, exact = self._candidates(rules)
        if candidates is None:
            return self._first_on_walk(rules, needed)
        if exact and candidates:  # most often the cheapest candidate's cheapest offer will do
            first = self.offers_of[min(candidates, key=self.floor.__getitem__)][0]
            if first.stock >= needed:
                return first
        by_floor = [(self.floor[spec_id], spec_id) for spec_id in candidates]
        heapq.heapify(by_floor)
        best: Optional[IndexedOffer] = None
        while by_floor:
            floor, spec_id = heapq.heappop(by_floor)
            if best is not None and floor >= (best.price_cents, best.sku):
                break  # every remaining candidate costs at least as much
            if exact or holds_all(rules, self.attributes[spec_id]):
                offer = next((o for o in self.offers_of[spec_id] if o.stock >= needed), None)
                if offer is not None and (best is None or offer < best):
                    best = offer
        return best

    def cheapest_each(self, rules: Sequence[ResolvedRule], limit: int) -> List[IndexedOffer]:
        """The cheapest offer of each of the ``limit`` cheapest specs meeting every rule: the
        few different products a shopper may mean ("the masonry bit": which size?)."""
        candidates, exact = self._candidates(rules)
        specs = candidates if candidates is not None else self.floor.keys()
        meeting = (s for s in specs if exact or holds_all(rules, self.attributes[s]))
        return [self.offers_of[s][0]
                for s in heapq.nsmallest(limit, meeting, key=self.floor.__getitem__)]

    def offers(self, rules: Sequence[ResolvedRule]) -> List[IndexedOffer]:
        """Every offer of every spec meeting the rules, cheapest first."""
        candidates, exact = self._candidates(rules)
        specs = self.offers_of if candidates is None else candidates
        return sorted(o for spec_id in specs
                      if exact or holds_all(rules, self.attributes[spec_id])
                      for o in self.offers_of.get(spec_id, ()))

    def _candidates(self, rules: Sequence[ResolvedRule]) -> Tuple[Optional[Set[int]], bool]:
        """The specs that meet every rule that can name its specs (None: no rule can), and
        whether every rule could. Intersecting from the smallest keeps each step as cheap
        as the fewest specs."""
        found = [self._meeting(rule) for rule in rules]
        named = sorted((f for f in found if f is not None), key=len)
        if not named:
            return None, False
        candidates = set(named[0])
        for specs in named[1:]:
            if not candidates:
                break
            candidates.intersection_update(specs)
        return candidates, len(named) == len(found)

    def _meeting(self, rule: ResolvedRule) -> Optional[Collection[int]]:
        """Every spec that meets this rule, or None when the rule cannot say cheaply."""
        if rule.op == "=":
            return self.having.get((rule.attribute, _key(rule.value)), frozenset())
        if rule.op == "in":
            return frozenset().union(*(self.having.get((rule.attribute, _key(v)), ())
                                       for v in rule.value))  # type: ignore[union-attr]
        if rule.op in _BOUNDS and isinstance(rule.value, float):
            numbers = self.numbers.get(rule.attribute)
            return numbers.meeting(rule.op, rule.value) if numbers else frozenset()
        return None  # "!=" is met by nearly everything, and by specs without the attribute

    def _first_on_walk(self, rules: Sequence[ResolvedRule], needed: int) -> Optional[IndexedOffer]:
        meets: Dict[int, bool] = {}
        for offer in self.walk:
            if offer.stock < needed:
                continue
            ok = meets.get(offer.spec_id)
            if ok is None:
                ok = meets[offer.spec_id] = holds_all(rules, self.attributes[offer.spec_id])
            if ok:
                return offer
        return None


_BOUNDS = (">=", ">", "<=", "<")


class _SortedNumbers:
    """One number attribute's values in a category, sorted: a bound is a slice."""

    def __init__(self, pairs: List[Tuple[float, int]]) -> None:
        pairs.sort()
        self.values = [v for v, _ in pairs]
        self.spec_ids = [s for _, s in pairs]

    def meeting(self, op: str, bound: float) -> Sequence[int]:
        if op == ">=":
            return self.spec_ids[bisect_left(self.values, bound):]
        if op == ">":
            return self.spec_ids[bisect_right(self.values, bound):]
        if op == "<=":
            return self.spec_ids[:bisect_right(self.values, bound)]
        return self.spec_ids[:bisect_left(self.values, bound)]


def _key(value: Any) -> Any:
    """How a value is held in ``CategoryIndex.having``: numbers as floats, the rest as text."""
    return value if isinstance(value, float) else str(value)


class SpecIndex:
    """The category indexes of one catalogue version, each built when first asked for."""

    def __init__(self) -> None:
        self._categories: Dict[str, CategoryIndex] = {}
        self._lock = threading.Lock()

    def category(self, session: Session, category: str) -> CategoryIndex:
        with self._lock:
            found = self._categories.get(category)
            if found is None:
                found = self._categories[category] = load_category(session, category)
            return found


def load_category(session: Session, category: str) -> CategoryIndex:
    """The index of a category, read from the database."""
    attributes: Dict[int, Dict[str, Any]] = {}
    for spec_id, name, number, text_ in session.execute(_ATTRIBUTES, {"category": category}):
        values = attributes.setdefault(spec_id, {})  # a spec may have no attributes at all
        if name is not None:
            values[name] = number if number is not None else text_
    offers = [IndexedOffer(*row) for row in session.execute(_OFFERS, {"category": category})]
    return CategoryIndex(attributes, offers)


_ATTRIBUTES = text("SELECT s.id, a.name, a.number, a.text FROM specs s "
                   "LEFT JOIN spec_attributes a ON a.spec_id = s.id WHERE s.category = :category")
_OFFERS = text("SELECT price_cents, sku, stock, spec_id, product_id FROM offers "
               "WHERE category = :category")

_indexes: LatestOnly[SpecIndex] = LatestOnly()


def spec_index(version: str) -> SpecIndex:
    """The index of this catalogue version (``SqlCatalogue.version``), kept for that version."""
    return _indexes.get(version, SpecIndex)


def forget_spec_indexes() -> None:
    """Drop the index (benchmarks of building it, tests)."""
    _indexes.clear()
