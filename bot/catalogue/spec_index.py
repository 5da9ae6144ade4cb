"""Which specs of a category meet a set of rules, and the cheapest offer among them, held in
memory per catalogue version as a few flat arrays.

What a query needs is small: for each spec of the category, its attribute values; for each
offer (``bot.catalogue.models.Offer``: a spec's cheapest product, then each dearer one with
more in stock), its price, stock, spec and product. Held as numpy arrays, that is 8 bytes
per number attribute and 4 per text attribute of a spec, and 21 bytes per offer: at a
million products that all differ (556,393 specs) 32 MB of arrays, 61 MB of a fresh
process's memory once built, where a Python object per spec and per value had taken 772 MB
(``results/catalogue_scale_distinct*.md``). A rule is one comparison over a column (a
text column compares small integer codes; every distinct text is judged once by
``bot.rules.compare``, so the answers are exactly those of a look at every product); the
rules' masks are combined, carried over to the offers, and the first offer in price order
that passes, with enough in stock, is the answer. That is a few hundred microseconds for a
category of 50,000 specs, whatever the rules.

Why not let the database answer: the cheapest spec meeting several rules is not what an
index on one attribute finds. Walking a category's offers in price order until one meets
the rules passes every cheaper spec that does not (whole families of thousands of cheaper
bits of another size); intersecting the specs each rule names reads tens of thousands of
index entries. Tried by hand on the SQLite catalogue of a million distinct products, with
an index for each (offers by category, price and sku; attributes by name, value and spec):
the walk took 0.9 s for a 5 mm masonry bit and 1.1 s for an 8 mm one, the intersection
0.1-0.2 s for those and 0.8 s for a plug for 3 kg; a whole bundle may take 20 ms. The
database's indexes read each category once per catalogue version, in price order.

Numbers are compared as numbers: the importer stores a number attribute in the number column
(``bot.catalogue.importer``). Offers come in the catalogue's order (price, then sku: sku
order as Python compares text, so ``COLLATE "C"`` on PostgreSQL).

An index is built from the database once per catalogue version and category (the importer
bumps the version), so it is never stale; ``SqlCatalogue`` reads the chosen product.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from bot.catalogue.models import SKU_ORDER
from bot.knowledge import LatestOnly
from bot.rules import Quantity, ResolvedRule, compare

Mask = npt.NDArray[np.bool_]
OfferRow = Tuple[int, str, int, int, int]
"""An offer as read: price in cents, sku, stock, spec id, product id."""
_NUMBER_OPS: Dict[str, Callable[..., Mask]] = {
    "=": np.equal, "!=": np.not_equal, ">=": np.greater_equal, ">": np.greater,
    "<=": np.less_equal, "<": np.less}


@dataclass(frozen=True)
class IndexedOffer:
    """An offer the index chose: what it costs, how many there are, whose it is."""

    price_cents: int
    stock: int
    spec_id: int
    product_id: int


class _Numbers:
    """A number attribute of every spec (NaN: the spec does not have it)."""

    def __init__(self, values: npt.NDArray[np.float64]) -> None:
        self.values = values

    def meeting(self, rule: ResolvedRule) -> Mask:
        present = ~np.isnan(self.values)
        if isinstance(rule.value, float) and rule.op in _NUMBER_OPS:
            with np.errstate(invalid="ignore"):
                met: Mask = _NUMBER_OPS[rule.op](self.values, rule.value)
            # A spec without the attribute meets only "!=" (``ResolvedRule.holds``).
            return np.where(present, met, rule.op == "!=")
        # Anything else ("in", a text value): judged once per distinct value.
        distinct, which = np.unique(self.values[present], return_inverse=True)
        judged = np.array([compare(float(v), rule.op, rule.value) for v in distinct], dtype=bool)
        found = np.full(len(self.values), rule.op == "!=", dtype=bool)
        found[present] = judged[which] if len(distinct) else False
        return found


class _Texts:
    """A text attribute of every spec, as codes into its distinct values (-1: absent)."""

    def __init__(self, codes: npt.NDArray[np.int32], values: List[str]) -> None:
        self.codes = codes
        self.values = values

    def meeting(self, rule: ResolvedRule) -> Mask:
        judged = np.array([compare(v, rule.op, rule.value) for v in self.values]
                          + [rule.op == "!="], dtype=bool)  # the last: absent (code -1)
        met: Mask = judged[self.codes]
        return met


class CategoryIndex:
    """The specs of one category (their attributes, as columns) and their offers, in the
    catalogue's order."""

    def __init__(self, spec_ids: npt.NDArray[np.int64], columns: Mapping[str, Any],
                 offers: npt.NDArray[np.int64]) -> None:
        """Args:
            spec_ids: the category's spec ids, sorted; row i of every column is spec_ids[i].
            columns: by attribute name, a ``_Numbers`` or ``_Texts`` over those rows.
            offers: every offer of the category in the catalogue's order (price, then sku),
                one row each: price in cents, stock, spec id, product id.
        """
        self.spec_ids = spec_ids
        self.columns = dict(columns)
        offers = offers.reshape(-1, 4)
        self.price = offers[:, 0].astype(np.int32)
        self.stock = offers[:, 1].astype(np.int32)
        self.product = offers[:, 3].copy()
        spec_of = offers[:, 2]
        count = len(offers)
        self.row = np.searchsorted(spec_ids, spec_of).astype(np.int32)
        if count and (not len(spec_ids) or not np.array_equal(
                spec_ids[np.minimum(self.row, len(spec_ids) - 1)], spec_of)):
            raise ValueError("an offer names a spec the category does not have")
        # A spec's first offer in price order is its cheapest: whoever wants one of
        # several specs is offered the cheapest of each (``cheapest_each``).
        first = np.zeros(count, dtype=bool)
        first[np.unique(self.row, return_index=True)[1]] = True
        self.first = first

    @classmethod
    def of(cls, attributes: Mapping[int, Mapping[str, Any]],
           offers: Iterable[OfferRow]) -> "CategoryIndex":
        """An index from specs' attributes by spec id (numbers as floats) and offers in
        any order (sorted here by price, then sku)."""
        spec_ids = np.array(sorted(attributes), dtype=np.int64)
        rows = {spec_id: i for i, spec_id in enumerate(spec_ids.tolist())}
        by_name: Dict[str, List[Tuple[int, Any]]] = {}
        for spec_id, values in attributes.items():
            for name, value in values.items():
                by_name.setdefault(name, []).append((rows[spec_id], value))
        columns = {name: _column(len(spec_ids), pairs) for name, pairs in by_name.items()}
        ordered = [(o[0], o[2], o[3], o[4]) for o in sorted(offers, key=lambda o: (o[0], o[1]))]
        return cls(spec_ids, columns, np.array(ordered, dtype=np.int64))

    def memory_bytes(self) -> int:
        """What the arrays hold (texts' distinct values aside)."""
        arrays: List[npt.NDArray[Any]] = [self.spec_ids, self.price, self.stock, self.product,
                                          self.row, self.first]
        arrays += [c.values if isinstance(c, _Numbers) else c.codes for c in self.columns.values()]
        return sum(a.nbytes for a in arrays)

    def _specs_meeting(self, rules: Sequence[ResolvedRule]) -> Mask:
        met = np.ones(len(self.spec_ids), dtype=bool)
        for rule in rules:
            column = self.columns.get(rule.attribute)
            if column is None:  # no spec has it: only "!=" is met
                if rule.op != "!=":
                    return np.zeros(len(self.spec_ids), dtype=bool)
                continue
            met &= column.meeting(rule)
        return met

    def _offer(self, at: int) -> IndexedOffer:
        return IndexedOffer(int(self.price[at]), int(self.stock[at]),
                            int(self.spec_ids[self.row[at]]), int(self.product[at]))

    def cheapest(self, rules: Sequence[ResolvedRule], in_stock: Optional[int]) -> Optional[IndexedOffer]:
        """The cheapest offer with at least ``in_stock`` in stock whose spec meets every rule."""
        passing = self._specs_meeting(rules)[self.row]
        if in_stock:
            passing &= self.stock >= in_stock
        at = int(np.argmax(passing)) if len(passing) else 0
        return self._offer(at) if len(passing) and passing[at] else None

    def cheapest_each(self, rules: Sequence[ResolvedRule], limit: int) -> List[IndexedOffer]:
        """The cheapest offer of each of the ``limit`` cheapest specs meeting every rule: the
        few different products a shopper may mean ("the masonry bit": which size?)."""
        passing = self._specs_meeting(rules)[self.row] & self.first
        return [self._offer(int(at)) for at in np.flatnonzero(passing)[:limit]]

    def cheapest_lines(self, rules: Sequence[ResolvedRule], quantity: Quantity,
                       facts: Mapping[str, Any]) -> List[IndexedOffer]:
        """When the number needed depends on the product (two 5 L tins or five 2.5 L), the
        offers meeting the rules whose line (price times the number needed) costs least,
        and those costing least among the ones with that many in stock; every tie kept.
        The lines are worked out over the columns at once: at a million distinct products
        a category may have thousands of offers meeting the rules."""
        at = np.flatnonzero(self._specs_meeting(rules)[self.row])
        if not len(at):
            return []
        rows = self.row[at]
        needed = quantity.each(facts, {name: self._numbers(name, rows)
                                       for name in quantity.product_attributes})
        line = self.price[at] * needed
        known = np.isfinite(line)
        picks = [at[mask & (line == line[mask].min())]
                 for mask in (known, known & (self.stock[at] >= needed)) if mask.any()]
        return [self._offer(int(i)) for i in np.unique(np.concatenate(picks))] if picks else []

    def _numbers(self, name: str, rows: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
        """A number attribute at these spec rows (NaN where a spec has none or a text)."""
        column = self.columns.get(name)
        if isinstance(column, _Numbers):
            found: npt.NDArray[np.float64] = column.values[rows]
            return found
        return np.full(len(rows), np.nan)


def _column(size: int, pairs: List[Tuple[int, Any]]) -> Any:
    """The column of one attribute from (row, value) pairs: numbers if every value is one."""
    rows = np.fromiter((r for r, _ in pairs), dtype=np.int64, count=len(pairs))
    if all(isinstance(v, float) for _, v in pairs):
        numbers = np.full(size, np.nan)
        numbers[rows] = np.fromiter((v for _, v in pairs), dtype=np.float64, count=len(pairs))
        return _Numbers(numbers)
    values = sorted({str(v) for _, v in pairs})
    code = {v: i for i, v in enumerate(values)}
    codes = np.full(size, -1, dtype=np.int32)
    codes[rows] = np.fromiter((code[str(v)] for _, v in pairs), dtype=np.int32, count=len(pairs))
    return _Texts(codes, values)


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

    def memory_bytes(self) -> int:
        with self._lock:
            return sum(index.memory_bytes() for index in self._categories.values())


def load_category(session: Session, category: str) -> CategoryIndex:
    """The index of a category, read from the database: its specs' attributes, then its
    offers in the catalogue's order. Rows are read through the driver's own cursor and
    turned into arrays a column at a time: at a million products, SQLAlchemy's row objects
    and a Python loop per row had made this several times slower."""
    spec_ids = np.array([r[0] for r in _rows(session, _SPECS, category)], dtype=np.int64)
    columns: Dict[str, Any] = {}
    found = _rows(session, _ATTRIBUTES, category)
    if found:
        of_spec, names, numbers, texts = zip(*found)
        del found
        rows = np.searchsorted(spec_ids, np.array(of_spec, dtype=np.int64))
        name_of = np.array(names, dtype=object)
        number_of = np.array(numbers, dtype=np.float64)  # NULL: NaN
        for name in sorted(set(names)):
            at = np.flatnonzero(name_of == name)
            if not np.isnan(number_of[at]).any():
                column = np.full(len(spec_ids), np.nan)
                column[rows[at]] = number_of[at]
                columns[name] = _Numbers(column)
            else:
                columns[name] = _column(len(spec_ids), [
                    (int(r), number if number == number else text_) for r, number, text_ in
                    zip(rows[at], number_of[at].tolist(), (texts[k] for k in at.tolist()))])
    collate = SKU_ORDER.get(session.get_bind().dialect.name, "")
    offers = np.array(_rows(session, _OFFERS.format(collate=collate), category), dtype=np.int64)
    return CategoryIndex(spec_ids, columns, offers)


def _rows(session: Session, sql: str, category: str) -> List[Tuple[Any, ...]]:
    """Every row of ``sql`` (one parameter, ``:category``) as plain tuples, through the
    database driver's cursor (qmark for SQLite, pyformat for psycopg2)."""
    connection = session.connection()
    style = connection.dialect.paramstyle
    statement = sql.replace(":category", "?" if style == "qmark" else "%(category)s")
    cursor = connection.connection.cursor()
    try:
        cursor.execute(statement, (category,) if style == "qmark" else {"category": category})
        return list(cursor.fetchall())
    finally:
        cursor.close()


_SPECS = "SELECT id FROM specs WHERE category = :category ORDER BY id"
_ATTRIBUTES = ("SELECT a.spec_id, a.name, a.number, a.text FROM spec_attributes a "
               "JOIN specs s ON s.id = a.spec_id WHERE s.category = :category")
_OFFERS = ("SELECT price_cents, stock, spec_id, product_id FROM offers "
           "WHERE category = :category ORDER BY price_cents, sku{collate}")

_indexes: LatestOnly[SpecIndex] = LatestOnly()


def spec_index(version: str) -> SpecIndex:
    """The index of this catalogue version (``SqlCatalogue.version``), kept for that version."""
    return _indexes.get(version, SpecIndex)


def forget_spec_indexes() -> None:
    """Drop the index (benchmarks of building it, tests)."""
    _indexes.clear()
