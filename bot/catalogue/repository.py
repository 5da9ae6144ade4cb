"""The catalogue over SQL: every rule becomes a parameterised EXISTS on the attribute
table, so the database does the filtering with its indexes (category+price on products,
name+value on attributes) and only the few products returned are loaded.

Answers to ``matching`` are cached per process, keyed by the catalogue version that every
import bumps (products change only through the importer), so a cached offer is never
stale and every server process agrees. The cache matters at scale: a selective rule on a
large category ("hooks rated 30 kg" among 30,000 cheaper hooks) walks many rows in price
order, while a shop's bundles repeat the same few hundred requirements.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Hashable, List, Optional, Sequence, Tuple

from sqlalchemy import and_, exists, not_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from bot.catalogue.models import Meta, Product, ProductAttribute
from bot.products import ProductInfo
from bot.rules import ResolvedRule


CATALOGUE_VERSION = "catalogue_version"
CACHE_SIZE = 4096


class _OfferCache:
    """A bounded, thread-safe LRU of ``matching`` answers."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: "OrderedDict[Hashable, Tuple[ProductInfo, ...]]" = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Optional[Tuple[ProductInfo, ...]]:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: Hashable, value: Tuple[ProductInfo, ...]) -> None:
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


offers = _OfferCache(CACHE_SIZE)


class SqlCatalogue:
    """The ``Catalogue`` interface over a SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._version: Optional[str] = None

    @property
    def version(self) -> str:
        """The catalogue version (read once per unit of work)."""
        if self._version is None:
            found = self.session.scalar(select(Meta.value).where(Meta.key == CATALOGUE_VERSION))
            self._version = f"{self.session.get_bind().url}|{found}"
        return self._version

    def matching(self, category: str, rules: Sequence[ResolvedRule], *,
                 in_stock: Optional[int] = None, limit: int = 1) -> List[ProductInfo]:
        key = (self.version, category, tuple(rules), in_stock, limit)
        found = offers.get(key)
        if found is None:
            found = tuple(self._query(category, rules, in_stock, limit))
            offers.put(key, found)
        return list(found)

    def _query(self, category: str, rules: Sequence[ResolvedRule],
               in_stock: Optional[int], limit: int) -> List[ProductInfo]:
        query = select(Product).where(Product.category == category)
        for rule in rules:
            query = query.where(_condition(rule))
        if in_stock is not None:
            query = query.where(Product.stock >= in_stock)
        query = query.order_by(Product.price_cents, Product.sku).limit(limit)
        return [to_info(p) for p in self.session.scalars(query)]

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        product = self.session.scalar(select(Product).where(Product.sku == sku))
        return to_info(product) if product else None


def _condition(rule: ResolvedRule) -> ColumnElement:
    attribute = ProductAttribute
    same_product = and_(attribute.product_id == Product.id, attribute.name == rule.attribute)
    if rule.op == "in":
        return exists().where(same_product, attribute.text.in_(list(rule.value)))
    if isinstance(rule.value, float):
        column, value = attribute.number, rule.value
    else:
        column, value = attribute.text, str(rule.value)
    if rule.op == "!=":
        return not_(exists().where(same_product, column == value))
    compare = {
        "=": column == value, ">=": column >= value, "<=": column <= value,
        ">": column > value, "<": column < value,
    }[rule.op]
    return exists().where(same_product, compare)


def to_info(product: Product) -> ProductInfo:
    """The domain's view of a product row."""
    return ProductInfo(product.sku, product.name, product.brand, product.category,
                       product.price_cents, product.stock, product.aisle,
                       product.attribute_map())
