"""Products as the domain sees them, and the catalogue interface the bundle builder uses.

``SqlCatalogue`` (``bot.catalogue.repository``) implements it over the database; tests
may use ``MemoryCatalogue``, which applies the same rules in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, List, Mapping, Optional, Protocol, Sequence, Tuple

from bot.rules import Quantity, ResolvedRule, holds_all


@dataclass(frozen=True)
class ProductInfo:
    """A product on sale: what a shopper sees and what rules are checked against."""

    sku: str
    name: str
    brand: str
    category: str
    price_cents: int
    stock: int
    aisle: str
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @property
    def price(self) -> Decimal:
        return Decimal(self.price_cents) / 100

    def as_dict(self) -> Dict[str, Any]:
        return {"sku": self.sku, "name": self.name, "brand": self.brand,
                "category": self.category, "unit_price": float(self.price),
                "stock": self.stock, "aisle": self.aisle, "attributes": dict(self.attributes)}


class Catalogue(Protocol):
    """What the domain needs from a product store."""

    def cheapest(self, category: str, rules: Sequence[ResolvedRule], *,
                 in_stock: Optional[int] = None) -> Optional[ProductInfo]:
        """The cheapest product of ``category`` meeting every rule (ties: by sku); with
        ``in_stock``, of those with at least that many in stock. None: there is none."""

    def prefetch(self, wanted: Sequence[Tuple[str, Sequence[ResolvedRule], int]]) -> None:
        """A hint: ``cheapest`` is about to be asked each (category, rules) of ``wanted``,
        and again with ``in_stock`` (its third) where the cheapest has fewer than that in
        stock; a store that can answer them together should."""

    def choices(self, category: str, rules: Sequence[ResolvedRule], quantity: Quantity,
                facts: Mapping[str, Any]) -> List[ProductInfo]:
        """Products of ``category`` meeting every rule among which, when the number needed
        depends on the product (``quantity`` over ``facts`` and its attributes: two 5 L
        tins or five 2.5 L), are the cheapest line and the cheapest line in stock, with any
        tie: perhaps all of them, perhaps only those."""

    def distinct(self, category: str, rules: Sequence[ResolvedRule],
                limit: int) -> List[ProductInfo]:
        """Up to ``limit`` different products of ``category`` meeting every rule: the
        cheapest of each of the cheapest specs (attribute sets)."""

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        """The product with this sku, if any."""


class MemoryCatalogue:
    """A catalogue held in a list: the same contract as the SQL one, for tests."""

    def __init__(self, products: Sequence[ProductInfo]) -> None:
        self.products = sorted(products, key=lambda p: (p.price_cents, p.sku))

    def cheapest(self, category: str, rules: Sequence[ResolvedRule], *,
                 in_stock: Optional[int] = None) -> Optional[ProductInfo]:
        return next((p for p in self.products if p.category == category
                     and holds_all(rules, p.attributes)
                     and (in_stock is None or p.stock >= in_stock)), None)

    def prefetch(self, wanted: Sequence[Tuple[str, Sequence[ResolvedRule], int]]) -> None:
        """Nothing to gain: the products are in memory."""

    def choices(self, category: str, rules: Sequence[ResolvedRule], quantity: Quantity,
                facts: Mapping[str, Any]) -> List[ProductInfo]:
        return [p for p in self.products if p.category == category and holds_all(rules, p.attributes)]

    def distinct(self, category: str, rules: Sequence[ResolvedRule],
                limit: int) -> List[ProductInfo]:
        seen: Dict[str, ProductInfo] = {}
        for p in self.products:
            spec = repr(sorted(p.attributes.items()))
            if p.category == category and holds_all(rules, p.attributes) and spec not in seen:
                seen[spec] = p
        return list(seen.values())[:limit]

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        return next((p for p in self.products if p.sku == sku), None)


MAX_PRICE = Decimal("1000000")


def parse_price(text: str) -> int:
    """A price as written in a file ("3.49") in whole pence; ValueError says what is wrong."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"price {text!r} is not a number") from None
    if not value.is_finite() or value < 0 or value >= MAX_PRICE:
        raise ValueError(f"price {text!r} must be between 0 and {MAX_PRICE}")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"price {text!r} has more than 2 decimal places")
    return int(value * 100)


def format_price(cents: int) -> str:
    """A price as shoppers read it: £3.49."""
    return f"£{Decimal(cents) / 100:.2f}"
