"""The shelves: every product look-up the dialogue makes, in one catalogue-facing service.

The dialogue asks in the shop's terms ("the item they asked for, as the job needs it",
"the product they mean", "one that does the same job"); this module turns those into the
catalogue's rules and queries, so the dialogue never builds a rule itself.
"""

from __future__ import annotations

from typing import Any, Collection, List, Mapping, Optional, Sequence

from bot.bundles import Bundle, BundleItem, Line, build_bundle, rebuild_bundle
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.products import Catalogue, ProductInfo
from bot.rules import ResolvedRule, holds_all

Values = Mapping[str, Collection[str]]
"""Attribute values the shopper named: attribute -> values ("material": ["masonry"])."""

EXACT_MM = 0.05
NEAR_MM = 0.5


class Shelves:
    """Product look-ups over one knowledge version and one catalogue."""

    def __init__(self, knowledge: Knowledge, catalogue: Catalogue) -> None:
        self.knowledge = knowledge
        self.catalogue = catalogue

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        return self.catalogue.by_sku(sku)

    def stocked(self, category: str) -> bool:
        """Whether anything of this kind is in stock."""
        return self.catalogue.cheapest(category, [], in_stock=1) is not None

    def beyond_every_size(self, category: str, size_mm: float) -> bool:
        """A size no product of the kind reaches in any dimension ("a 5 m bit", "-10 mm"):
        "a 500 mm bit" may mean its length, so every dimension in mm counts."""
        dimensions = [a for a, spec in self.knowledge.attributes.items() if spec.unit == "mm"]
        if size_mm <= 0:
            return True
        return bool(dimensions) and not any(
            self.catalogue.cheapest(category, [ResolvedRule(a, ">=", size_mm - NEAR_MM)])
            for a in dimensions)

    def find_item(self, category: str, values: Values, size_mm: Optional[float],
                  fitting: Sequence[ResolvedRule]) -> Optional[ProductInfo]:
        """The item asked for, in stock: its stated attributes and size first, then what
        suits the job (``fitting``): the size said wins over the size the job would choose,
        but not over what the job needs of its kind (a masonry bit for brick); the size is
        loosened before it is given up."""
        wanted = value_rules(values)
        exact = self._size_rules(category, size_mm, EXACT_MM)
        near = self._size_rules(category, size_mm, NEAR_MM)
        spec = self.knowledge.categories.get(category)
        sized = {spec.size} if spec and spec.size and size_mm is not None else set()
        fitting = list(fitting)
        kind_fit = [r for r in fitting if r.attribute not in sized]
        for rules in (wanted + exact + fitting, wanted + exact + kind_fit,
                      wanted + near + fitting, wanted + near + kind_fit, wanted + exact,
                      wanted + near, wanted + fitting, wanted):
            found = self.catalogue.cheapest(category, rules, in_stock=1)
            if found:
                return found
        return None

    def job_rules(self, answers: Mapping[str, str], chosen: Mapping[str, Mapping[str, Any]],
                  category: str) -> List[ResolvedRule]:
        """The rules a job puts on a kind of item, as far as the answers settle them
        (``answers`` holds the job; ``chosen`` the attributes of the list's items by role)."""
        job = self.knowledge.jobs.get(answers.get(JOB_QUESTION, ""))
        if job is None:
            return []
        facts = self.knowledge.facts(answers)
        rules: List[ResolvedRule] = []
        for component in job.components:
            if component.category != category or not all(q in answers for q in component.when):
                continue
            if component.applies(answers):
                rules += [r for r in (x.resolve(facts, chosen) for x in component.rules) if r]
        return rules

    def mentioned(self, category: str, values: Values, size_mm: Optional[float],
                  bundle: Optional[Bundle]) -> Optional[ProductInfo]:
        """The product a question is about: the list's item of that kind when it fits what
        was said of it, else the best match in the catalogue."""
        wanted = value_rules(values)
        size = self._size_rules(category, size_mm, NEAR_MM)
        item = item_like(bundle, category, wanted + size) if bundle else None
        if item is not None:
            return item.product
        for rules in (wanted + size, wanted, []):
            found = self.catalogue.cheapest(category, rules)
            if found:
                return found
        return None

    def which(self, category: str, values: Values, size_mm: Optional[float],
              fitting: Sequence[ResolvedRule], limit: int) -> List[ProductInfo]:
        """The few different products a question may be about, as far as what was said
        (and the job, when it says something of this kind) narrows them."""
        wanted = value_rules(values) + self._size_rules(category, size_mm, NEAR_MM)
        for rules in (wanted + list(fitting), wanted, []):
            found = self.catalogue.distinct(category, rules, limit)
            if found:
                return found
        return []

    def same_job(self, product: ProductInfo) -> Optional[ProductInfo]:
        """An in-stock product with the same attributes (for one out of stock)."""
        rules = [ResolvedRule(a, "=", v if isinstance(v, str) else float(v))
                 for a, v in product.attributes.items()]
        return self.catalogue.cheapest(product.category, rules, in_stock=1)

    def build(self, answers: Mapping[str, str]) -> Bundle:
        return build_bundle(self.knowledge, self.catalogue, answers)

    def rebuild(self, answers: Mapping[str, str], said: Sequence[str], lines: Sequence[Line],
                missing: Sequence[str] = ()) -> Bundle:
        return rebuild_bundle(self.knowledge, self.catalogue, answers, said, lines, missing)

    def size_of(self, product: ProductInfo) -> Optional[float]:
        """The product's size as a shopper says it ("a 6 mm bit"), if its kind has one."""
        spec = self.knowledge.categories.get(product.category)
        size = product.attributes.get(spec.size) if spec and spec.size else None
        return None if size is None else float(size)

    def _size_rules(self, category: str, size_mm: Optional[float],
                    tolerance: float) -> List[ResolvedRule]:
        """A size said by the shopper ("10mm"), as the kind's size within ``tolerance``."""
        spec = self.knowledge.categories.get(category)
        if size_mm is None or spec is None or spec.size is None:
            return []
        return [ResolvedRule(spec.size, ">=", size_mm - tolerance),
                ResolvedRule(spec.size, "<=", size_mm + tolerance)]


def value_rules(values: Values) -> List[ResolvedRule]:
    """The attribute values a shopper named, as rules."""
    return [ResolvedRule(a, "in", tuple(sorted(v))) for a, v in values.items()]


def item_like(bundle: Bundle, category: str,
              rules: Sequence[ResolvedRule]) -> Optional[BundleItem]:
    """The list's item of this kind that meets these rules, if there is one."""
    return next((i for i in bundle.items if i.product.category == category
                 and holds_all(rules, i.product.attributes)), None)


def unfit_reasons(rules: Sequence[ResolvedRule], product: ProductInfo) -> List[str]:
    """Why a product would not do the job: the ``why`` of each job rule it breaks."""
    return [r.why for r in rules if r.why and not r.holds(product.attributes)]

