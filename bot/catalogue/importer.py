"""Import a store's products from CSV: every row is checked first, and nothing is
written unless the whole file is valid. Rows whose sku exists replace that product."""

from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Set, Tuple, TypeVar

from sqlalchemy import bindparam, delete, exists, func, insert, select, text, update
from sqlalchemy.orm import Session

from bot.catalogue.models import (
    SKU_ORDER,
    AttributeDef,
    Category,
    Meta,
    Offer,
    Product,
    Spec,
    SpecAttribute,
)
from bot.catalogue.repository import CATALOGUE_VERSION
from bot.db import IMPORT_CACHE
from bot.products import parse_price

COLUMNS = ("sku", "name", "brand", "department", "category", "price", "stock", "aisle",
           "attributes")
_SKU = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_TEXT_VALUE = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,79}$")
MAX_STOCK = 10**9
T = TypeVar("T")
CHUNK = 500
FULL_SCAN_ABOVE = 20 * CHUNK
WHOLE_OFFERS_SHARE = 10
"""An import touching more than one spec in this many remakes every offer in one pass."""


Attributes = Dict[str, Tuple[Optional[float], Optional[str]]]
"""Attribute name -> (number, text), one of them set."""


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ImportRejected(ValueError):
    """The file has errors; nothing was written."""

    def __init__(self, errors: List[RowError]) -> None:
        self.errors = errors
        shown = "\n".join(str(e) for e in errors[:50])
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} problem(s), nothing imported:\n{shown}{more}")


@dataclass
class ProductRow:
    sku: str
    name: str
    brand: str
    department: str
    category: str
    price_cents: int
    stock: int
    aisle: str
    attributes: Attributes = field(default_factory=dict)
    spec: str = ""  # spec_key(category, attributes)


@dataclass(frozen=True)
class ImportReport:
    added: int
    replaced: int


@dataclass(frozen=True)
class Schema:
    """What rows are checked against: the categories and attribute types in the database."""

    categories: Mapping[str, str]  # category -> department
    attributes: Mapping[str, str]  # name -> kind

    @classmethod
    def from_session(cls, session: Session) -> "Schema":
        return cls({c.key: c.department for c in session.scalars(select(Category))},
                   {a.name: a.kind for a in session.scalars(select(AttributeDef))})


def parse_products(text: str, schema: Schema) -> List[ProductRow]:
    """Check every row; return them all, or raise ImportRejected listing each bad one."""
    reader = csv.reader(io.StringIO(text))
    records = _records(reader)
    header = next(records, None)
    if header is None:
        raise ImportRejected([RowError(1, "the file is empty")])
    header = [h.strip().lower().lstrip("\ufeff") for h in header]
    if tuple(header) != COLUMNS:
        raise ImportRejected([RowError(1, f"the header must be {','.join(COLUMNS)}")])
    rows: List[ProductRow] = []
    errors: List[RowError] = []
    seen: Dict[str, int] = {}
    # Many rows share an attribute text (one spec, many products): each is read once.
    specs: Dict[Tuple[str, str], Tuple[Attributes, str]] = {}
    for record in records:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        try:
            row = _parse_row(record, schema, specs)
        except ValueError as error:
            errors.append(RowError(line, str(error)))
            continue
        if row.sku in seen:
            errors.append(RowError(line, f"sku {row.sku} already on line {seen[row.sku]}"))
            continue
        seen[row.sku] = line
        rows.append(row)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(2, "the file has no products")])
    return rows


def _records(reader: Any) -> Iterator[List[str]]:
    """The reader's records; a file csv cannot read (a NUL byte, a field over csv's size
    limit) is rejected like any bad file, not left to fail as a crash."""
    try:
        yield from reader
    except csv.Error as error:
        raise ImportRejected([RowError(reader.line_num, f"not readable as CSV ({error})")]) from None


def _parse_row(record: List[str], schema: Schema,
               specs: Dict[Tuple[str, str], Tuple[Attributes, str]]) -> ProductRow:
    if len(record) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} fields, found {len(record)}")
    sku, name, brand, department, category, price, stock, aisle, attributes = map(str.strip,
                                                                                  record)
    if not _SKU.match(sku):
        raise ValueError(f"sku {sku!r} must be 1-40 letters, digits, '-' or '_'")
    for label, value, limit in (("name", name, 200), ("brand", brand, 80), ("aisle", aisle, 20)):
        if not value or len(value) > limit:
            raise ValueError(f"{label} must be 1 to {limit} characters")
    if category not in schema.categories:
        raise ValueError(f"unknown category {category!r}")
    if schema.categories[category] != department:
        raise ValueError(f"category {category} belongs to department "
                         f"{schema.categories[category]}, not {department!r}")
    spec = specs.get((category, attributes))
    if spec is None:
        parsed = _attributes(attributes, schema)
        spec = specs[(category, attributes)] = (parsed, spec_key(category, parsed))
    return ProductRow(sku, name, brand, department, category, parse_price(price), _stock(stock),
                      aisle, *spec)


def _stock(text: str) -> int:
    if not text.isdigit() or int(text) > MAX_STOCK:
        raise ValueError(f"stock {text!r} must be a whole number from 0 to {MAX_STOCK}")
    return int(text)


def _attributes(text: str, schema: Schema) -> Attributes:
    result: Attributes = {}
    for pair in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = (s.strip() for s in pair.partition("="))
        if not sep or not value:
            raise ValueError(f"attribute {pair!r} must be name=value")
        kind = schema.attributes.get(name)
        if kind is None:
            raise ValueError(f"unknown attribute {name!r}")
        if name in result:
            raise ValueError(f"attribute {name} given twice")
        result[name] = _attribute_value(name, kind, value)
    return result


def _attribute_value(name: str, kind: str, value: str) -> Tuple[Optional[float], Optional[str]]:
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"attribute {name} must be a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"attribute {name} must be a finite number")
        return number, None
    if kind == "flag":
        if value not in ("yes", "no"):
            raise ValueError(f"attribute {name} must be yes or no, got {value!r}")
        return None, value
    if not _TEXT_VALUE.match(value):
        raise ValueError(f"attribute {name}: {value!r} must be lower-case words")
    return None, value


def read_file(path: Path) -> str:
    """The file's text, or ImportRejected when it cannot be read as UTF-8."""
    try:
        return Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRejected([RowError(1, f"the file is not UTF-8 text ({error.reason} "
                                          f"at byte {error.start})")]) from None
    except OSError as error:
        raise ImportRejected([RowError(0, f"cannot read {path}: {error.strerror}")]) from None


ANALYZE_FROM_ROWS = 10_000


def import_products(session: Session, text: str) -> ImportReport:
    """Check and write the products in ``text`` in the caller's transaction."""
    rows = parse_products(text, Schema.from_session(session))
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql(IMPORT_CACHE)
    specs = _spec_ids(session, rows)
    existing = _existing_ids(session, [r.sku for r in rows])
    replaced = [r for r in rows if r.sku in existing]
    added = [r for r in rows if r.sku not in existing]
    table = Product.__table__
    touched = set(specs.values()) | _spec_ids_of(session, [existing[r.sku] for r in replaced])
    if replaced:
        session.execute(
            update(table).where(table.c.id == bindparam("pid")).values(
                name=bindparam("name"), brand=bindparam("brand"),
                department=bindparam("department"), category=bindparam("category"),
                price_cents=bindparam("price_cents"), stock=bindparam("stock"),
                aisle=bindparam("aisle"), spec_id=bindparam("spec")),
            [dict(_product_values(r, specs), pid=existing[r.sku]) for r in replaced])
    if added:
        session.execute(insert(table).values(spec_id=bindparam("spec")),
                        [dict(_product_values(r, specs), sku=r.sku) for r in added])
    # Offers of the specs the file touched; of every spec when it touched many of them: one
    # pass over the products beats hundreds of chunks (at a million products that all
    # differ, 1,113 chunks had taken minutes on PostgreSQL).
    every = session.scalar(select(func.count()).select_from(Spec)) or 0
    refresh_offers(session, None if len(touched) * WHOLE_OFFERS_SHARE > every else touched)
    if replaced:
        _drop_unused_specs(session)
    if session.get_bind().dialect.name == "postgresql" and len(rows) >= ANALYZE_FROM_ROWS:
        # Fresh planner statistics now, not when autovacuum comes round: after a large
        # import the first bundles otherwise run on plans made for the old tables.
        session.connection().exec_driver_sql("ANALYZE products, specs, spec_attributes, offers")
    new_catalogue_version(session)
    return ImportReport(len(added), len(replaced))


def new_catalogue_version(session: Session) -> None:
    """Mark the products as changed: what every process cached (answers, spec indexes) is
    keyed by this version, and a new one retires it all."""
    session.merge(Meta(key=CATALOGUE_VERSION, value=uuid.uuid4().hex))


def spec_key(category: str, attributes: Attributes) -> str:
    """A digest of a category and attributes: equal for products of one spec."""
    parts = [category] + [f"{name}={number!r}|{text}"
                          for name, (number, text) in sorted(attributes.items())]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()


def _spec_ids(session: Session, rows: List[ProductRow]) -> Dict[str, int]:
    """The spec id of every row, keyed by ``spec_key``; specs not yet stored are added."""
    wanted: Dict[str, ProductRow] = {}
    for row in rows:
        wanted.setdefault(row.spec, row)
    known = _ids(session, Spec.key, Spec.id, list(wanted))
    new = [(key, row) for key, row in wanted.items() if key not in known]
    if new:
        session.execute(insert(Spec.__table__), [{"category": r.category, "key": k}
                                                 for k, r in new])
        known.update(_ids(session, Spec.key, Spec.id, [k for k, _ in new]))
        attributes = [{"spec_id": known[k], "name": n, "number": num, "text": txt}
                      for k, r in new for n, (num, txt) in r.attributes.items()]
        if attributes:
            session.execute(insert(SpecAttribute.__table__), attributes)
    return known


def refresh_offers(session: Session, spec_ids: Optional[Iterable[int]] = None) -> None:
    """Make the offers (``bot.catalogue.models.Offer``) of these specs, or of every spec,
    from their products as they are now."""
    collate = SKU_ORDER.get(session.get_bind().dialect.name, "")
    if spec_ids is None:
        session.execute(delete(Offer))
        session.execute(text(_OFFERS.format(where="", collate=collate)))
        return
    of_specs = text(_OFFERS.format(where="WHERE spec_id IN :ids", collate=collate)).bindparams(
        bindparam("ids", expanding=True))
    for chunk in _chunks(sorted(spec_ids)):
        session.execute(delete(Offer).where(Offer.spec_id.in_(chunk)))
        session.execute(of_specs, {"ids": chunk})


# A product is an offer when it has more in stock than every cheaper product of its spec
# (the cheapest has no cheaper one). One statement: at a million products, doing this in
# Python took longer than the rest of the import.
_OFFERS = ("INSERT INTO offers (product_id, spec_id, category, price_cents, sku, stock) "
           "SELECT id, spec_id, category, price_cents, sku, stock FROM ("
           "SELECT id, spec_id, category, price_cents, sku, stock, MAX(stock) OVER ("
           "PARTITION BY spec_id ORDER BY price_cents, sku{collate} "
           "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS cheaper_stock "
           "FROM products {where}) AS ranked "
           "WHERE cheaper_stock IS NULL OR stock > cheaper_stock")


def _spec_ids_of(session: Session, product_ids: List[int]) -> Set[int]:
    """The specs these products have now (before an import moves them)."""
    found: Set[int] = set()
    for chunk in _chunks(product_ids):
        found.update(session.execute(select(Product.spec_id).where(Product.id.in_(chunk))).scalars())
    return found


def _drop_unused_specs(session: Session) -> None:
    """Specs no product has any more (their products were replaced), and their attributes."""
    unused = select(Spec.id).where(~exists().where(Product.spec_id == Spec.id))
    for model, column in ((SpecAttribute, SpecAttribute.spec_id), (Spec, Spec.id)):
        session.execute(delete(model).where(column.in_(unused))
                        .execution_options(synchronize_session=False))


def _product_values(row: ProductRow, specs: Mapping[str, int]) -> Dict[str, object]:
    return {"name": row.name, "brand": row.brand, "department": row.department,
            "category": row.category, "price_cents": row.price_cents, "stock": row.stock,
            "aisle": row.aisle, "spec": specs[row.spec]}


def _existing_ids(session: Session, skus: List[str]) -> Dict[str, int]:
    """Ids of the products with these skus, those that exist."""
    if session.scalar(select(Product.id).limit(1)) is None:
        return {}
    if len(skus) > FULL_SCAN_ABOVE:
        # Many skus: one pass over the table beats hundreds of IN queries.
        wanted = set(skus)
        return {sku: pid for sku, pid in session.execute(select(Product.sku, Product.id))
                if sku in wanted}
    return _ids(session, Product.sku, Product.id, skus)


def _ids(session: Session, key: Any, id_: Any, values: List[str]) -> Dict[str, int]:
    found: Dict[str, int] = {}
    for chunk in _chunks(values):
        found.update(session.execute(select(key, id_).where(key.in_(chunk))).all())
    return found


def _chunks(items: List[T], size: int = CHUNK) -> Iterable[List[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
