"""The catalogue over SQL. Rules are checked against specs (``bot.catalogue.models.Spec``):
every rule becomes a parameterised EXISTS on a spec's attributes, over the specs of one
category; then, for each matching spec, its cheapest products come straight from the
(spec, price) index. The cost follows the number of specs in the category, not of
products: at a million products a bundle is built as fast as at a thousand. Walking the
products of a category in price order and testing each (the first shape) took 0.3 s per
query at 100,000 products when the cheapest match was an expensive one.

Answers to ``matching`` are cached per process, keyed by the catalogue version that every
import bumps (products change only through the importer), so a cached offer is never
stale and every server process agrees: a shop's bundles repeat the same few hundred
requirements, and a cached answer costs no query at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Dict, Hashable, List, Optional, Sequence, Tuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

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
            found = self.session.execute(_VERSION, {"key": CATALOGUE_VERSION}).scalar()
            self._version = f"{_database(self.session.get_bind())}|{found}"
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
        params: Dict[str, Any] = {"category": category, "limit": limit, "in_stock": in_stock}
        shape = []
        for index, rule in enumerate(rules):
            column, value = _column_and_value(rule)
            shape.append((rule.op, column))
            params[f"name{index}"] = rule.attribute
            params[f"value{index}"] = value
        statement = _matching_statement(tuple(shape), in_stock is not None)
        return self._infos(self.session.execute(statement, params).all())

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        found = self._infos(self.session.execute(_BY_SKU, {"sku": sku}).all())
        return found[0] if found else None

    def _infos(self, rows: Sequence[Row]) -> List[ProductInfo]:
        """Products from rows of ``PRODUCT_COLUMNS`` + ``ATTRIBUTE_COLUMNS``: one row per
        attribute of a product's spec (a spec without attributes gives one row of NULLs)."""
        products: Dict[str, ProductInfo] = {}
        for r in rows:
            product = products.get(r.sku)
            if product is None:
                product = products[r.sku] = ProductInfo(
                    r.sku, r.name, r.brand, r.category, r.price_cents, r.stock, r.aisle, {})
            if r.attribute is not None:
                product.attributes[r.attribute] = r.number if r.number is not None else r.text
        return list(products.values())


# The statements are plain parameterised SQL, made once per shape of rules: built as
# SQLAlchemy expressions, each query cost some 3 ms of Python (construction and cache
# keys) for 0.1 ms in SQLite. Each statement also brings the products' attributes (one
# row per attribute): a second statement per query was half of a bundle's time, nearly
# all of it SQLAlchemy's per-statement overhead. Only fixed fragments enter the SQL text;
# every value from a rule or a shopper is a bound parameter.
PRODUCT_COLUMNS = "p.sku, p.name, p.brand, p.category, p.price_cents, p.stock, p.aisle, p.spec_id"
_VERSION = text("SELECT value FROM meta WHERE key = :key")
_OPERATORS = {"=": "=", ">=": ">=", "<=": "<=", ">": ">", "<": "<"}


def _with_attributes(products_sql: str) -> str:
    """The products that ``products_sql`` selects (in its order), a row per attribute."""
    return ("SELECT m.*, a.name AS attribute, a.number, a.text FROM (" + products_sql + ") m "
            "LEFT JOIN spec_attributes a ON a.spec_id = m.spec_id "
            "ORDER BY m.price_cents, m.sku, a.name")


_BY_SKU = text(_with_attributes(f"SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.sku = :sku"))


@lru_cache(maxsize=16)
def _database(bind: Any) -> str:
    """The database a connection or engine is bound to, as text (rendering a URL is slow)."""
    return str(bind.url)


def _column_and_value(rule: ResolvedRule) -> Tuple[str, Any]:
    if rule.op == "in":
        return "text", [str(v) for v in rule.value]  # type: ignore[union-attr]
    if isinstance(rule.value, float):
        return "number", rule.value
    return "text", str(rule.value)


@lru_cache(maxsize=512)
def _matching_statement(shape: Tuple[Tuple[str, str], ...], stocked: bool) -> TextClause:
    """For each spec of the category that meets every rule, its ``limit`` cheapest (in
    stock) products, read in order from the (spec, price) index; the cheapest of those."""
    conditions, expanding = [], []
    for index, (op, column) in enumerate(shape):
        same_spec = f"a.spec_id = s.id AND a.name = :name{index}"
        if op == "in":
            conditions.append(f"EXISTS (SELECT 1 FROM spec_attributes a WHERE {same_spec} "
                              f"AND a.text IN :value{index})")
            expanding.append(bindparam(f"value{index}", expanding=True))
        elif op == "!=":  # also met by a spec without the attribute
            conditions.append(f"NOT EXISTS (SELECT 1 FROM spec_attributes a WHERE {same_spec} "
                              f"AND a.{column} = :value{index})")
        else:
            conditions.append(f"EXISTS (SELECT 1 FROM spec_attributes a WHERE {same_spec} "
                              f"AND a.{column} {_OPERATORS[op]} :value{index})")
    stock = "AND c.stock >= :in_stock " if stocked else ""
    sql = (f"SELECT {PRODUCT_COLUMNS} FROM specs s JOIN products p ON p.id IN ("
           f"SELECT c.id FROM products c WHERE c.spec_id = s.id {stock}"
           "ORDER BY c.price_cents, c.sku LIMIT :limit) "
           "WHERE " + " AND ".join(["s.category = :category", *conditions]) +
           " ORDER BY p.price_cents, p.sku LIMIT :limit")
    return text(_with_attributes(sql)).bindparams(*expanding)
