"""The catalogue over SQL. The cheapest product meeting some rules is found in
``bot.catalogue.spec_index`` (the specs and offers of a category, in memory per catalogue
version) and read from the database with its spec's attributes. Answers are cached per
process, keyed by the catalogue version that every import bumps (products change only
through the importer), so a cached answer is never stale and every server process agrees:
a shop's bundles repeat the same few hundred requirements, and a cached answer costs no
query at all.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any, Dict, Hashable, List, Mapping, Optional, Sequence, Tuple

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.catalogue.spec_index import CategoryIndex, IndexedOffer, spec_index
from bot.products import ProductInfo
from bot.rules import Quantity, ResolvedRule

CATALOGUE_VERSION = "catalogue_version"
CACHE_SIZE = 4096


class _AnswerCache:
    """A bounded, thread-safe LRU of ``cheapest`` (None: nothing matches) and ``choices``
    answers."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: "OrderedDict[Hashable, Any]" = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Tuple[bool, Any]:
        """(whether the key is cached, its answer)."""
        with self.lock:
            if key not in self.entries:
                return False, None
            self.entries.move_to_end(key)
            return True, self.entries[key]

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.entries[key] = value
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


_answers = _AnswerCache(CACHE_SIZE)


def forget_cached_answers() -> None:
    """Empty this process's cache of answers (benchmarks of cold queries, tests)."""
    with _answers.lock:
        _answers.entries.clear()


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

    def cheapest(self, category: str, rules: Sequence[ResolvedRule], *,
                 in_stock: Optional[int] = None) -> Optional[ProductInfo]:
        key = self._cheapest_key(category, rules, in_stock)
        cached, found = _answers.get(key)
        if not cached:
            found = self._query(category, rules, in_stock)
            _answers.put(key, found)
        answer: Optional[ProductInfo] = found
        return answer

    def _cheapest_key(self, category: str, rules: Sequence[ResolvedRule],
                      in_stock: Optional[int]) -> Tuple[Hashable, ...]:
        """Where ``cheapest`` keeps its answer (``prefetch`` fills the same places)."""
        return (self.version, category, tuple(rules), in_stock)

    def prefetch(self, wanted: Sequence[Tuple[str, Sequence[ResolvedRule], int]]) -> None:
        """Answer now, in one statement, the ``cheapest`` questions a bundle is about to
        ask one by one (and, where the cheapest has too few in stock, the cheapest with
        enough): each product read is a round trip (about 0.5 ms on PostgreSQL)."""
        chosen: Dict[Tuple[Hashable, ...], int] = {}
        for category, rules, needed in wanted:
            index = spec_index(self.version).category(self.session, category)
            cheapest = self._offer_to_read(index, category, rules, None, chosen)
            if cheapest is not None and cheapest.stock < needed:
                self._offer_to_read(index, category, rules, needed, chosen)
        if not chosen:
            return
        rows = self.session.execute(_BY_IDS, {"ids": sorted(set(chosen.values()))}).all()
        sku_of = {r.product_id: r.sku for r in rows}
        found = {p.sku: p for p in self._infos(rows)}
        for key, product_id in chosen.items():
            _answers.put(key, found[sku_of[product_id]])

    def _offer_to_read(self, index: CategoryIndex, category: str, rules: Sequence[ResolvedRule],
                       in_stock: Optional[int], chosen: Dict[Tuple[Hashable, ...], int]
                       ) -> Optional[IndexedOffer]:
        """The index's answer to a ``cheapest`` question not cached yet, noted in ``chosen``
        for reading (None, cached at once: nothing matches; None too when cached)."""
        key = self._cheapest_key(category, rules, in_stock)
        if key in chosen or _answers.get(key)[0]:
            return None
        offer = index.cheapest(rules, in_stock)
        if offer is None:
            _answers.put(key, None)
        else:
            chosen[key] = offer.product_id
        return offer

    def _query(self, category: str, rules: Sequence[ResolvedRule],
               in_stock: Optional[int]) -> Optional[ProductInfo]:
        index = spec_index(self.version).category(self.session, category)
        offer = index.cheapest(rules, in_stock)
        if offer is None:
            return None
        found = self._infos(self.session.execute(_BY_ID, {"id": offer.product_id}).all())
        return found[0] if found else None

    def distinct(self, category: str, rules: Sequence[ResolvedRule],
                 limit: int) -> List[ProductInfo]:
        index = spec_index(self.version).category(self.session, category)
        found: List[ProductInfo] = []
        for offer in index.cheapest_each(rules, limit):
            found += self._infos(self.session.execute(_BY_ID, {"id": offer.product_id}).all())
        return found

    def choices(self, category: str, rules: Sequence[ResolvedRule], quantity: Quantity,
                facts: Mapping[str, Any]) -> List[ProductInfo]:
        key = (self.version, category, tuple(rules), "lines", quantity.partial(facts))
        cached, found = _answers.get(key)
        if not cached:
            index = spec_index(self.version).category(self.session, category)
            ids = [o.product_id for o in index.cheapest_lines(rules, quantity, facts)]
            found = self._infos(self.session.execute(_BY_IDS, {"ids": ids}).all()) if ids else []
            _answers.put(key, found)
        return list(found)

    def by_sku(self, sku: str) -> Optional[ProductInfo]:
        found = self._infos(self.session.execute(_BY_SKU, {"sku": sku}).all())
        return found[0] if found else None

    def _infos(self, rows: Sequence[Row]) -> List[ProductInfo]:
        """Products from rows of ``_with_attributes``: one row per attribute of a product's
        spec (a spec without attributes gives one row of NULLs)."""
        first: Dict[str, Row] = {}
        attributes: Dict[str, Dict[str, Any]] = {}
        for r in rows:
            first.setdefault(r.sku, r)
            found = attributes.setdefault(r.sku, {})
            if r.attribute is not None:
                found[r.attribute] = r.number if r.number is not None else r.text
        return [ProductInfo(r.sku, r.name, r.brand, r.category, r.price_cents, r.stock, r.aisle,
                            attributes[sku]) for sku, r in first.items()]


# Plain parameterised SQL: built as SQLAlchemy expressions, each query cost some 3 ms of
# Python (construction and cache keys) for 0.1 ms in SQLite. Each statement also brings
# the products' attributes (one row per attribute): a second statement per product was
# half of a bundle's time, nearly all of it SQLAlchemy's per-statement overhead.
PRODUCT_COLUMNS = ("p.id AS product_id, p.sku, p.name, p.brand, p.category, p.price_cents, "
                   "p.stock, p.aisle, p.spec_id")
_VERSION = text("SELECT value FROM meta WHERE key = :key")


def _with_attributes(products_sql: str) -> str:
    """The products that ``products_sql`` selects (in its order), a row per attribute."""
    return ("SELECT m.*, a.name AS attribute, a.number, a.text FROM (" + products_sql + ") m "
            "LEFT JOIN spec_attributes a ON a.spec_id = m.spec_id "
            "ORDER BY m.price_cents, m.sku, a.name")


_BY_SKU = text(_with_attributes(f"SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.sku = :sku"))
_BY_ID = text(_with_attributes(f"SELECT {PRODUCT_COLUMNS} FROM products p WHERE p.id = :id"))
_BY_IDS = text(_with_attributes(f"SELECT {PRODUCT_COLUMNS} FROM products p "
                                "WHERE p.id IN :ids")).bindparams(bindparam("ids", expanding=True))


@lru_cache(maxsize=16)
def _database(bind: Any) -> str:
    """The database a connection or engine is bound to, as text (rendering a URL is slow)."""
    return str(bind.url)
