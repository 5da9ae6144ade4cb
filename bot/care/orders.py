"""Import past orders from CSV into the care tables: every row is checked first, and
nothing is written unless the whole file is valid.

One row per order line: ``number,placed,sku,quantity,unit_price``, and optionally ``email``
(the address the order was placed with, so a shopper without the number can be found;
kept in ``order_contacts``, the shop's own order records). ``placed`` is a date
(``2026-07-26``) or ``N days ago``, counted from the day of the import: the demo orders
use the second form, so that "bought four months ago" stays four months ago whenever the
demo database is made. An order already in the database is left as it is (its returns
included), so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Dict, List, Optional, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.care.models import Order, OrderContact, OrderLine
from bot.catalogue.importer import ImportRejected, RowError
from bot.catalogue.models import Product
from bot.products import parse_price

COLUMNS = ("number", "placed", "sku", "quantity", "unit_price")
WITH_EMAIL = (*COLUMNS, "email")
EMAIL = re.compile(r"^[^@\s,;]{1,64}@[^@\s,;]{1,190}\.[a-z]{2,}$", re.I)
ORDER_NUMBER = re.compile(r"^[A-Z]{1,3}\d{3,8}$")
DAYS_AGO = re.compile(r"^(\d{1,5}) days? ago$")
MAX_QUANTITY = 1000


@dataclass
class OrderRow:
    number: str
    placed_on: date
    lines: List[Tuple[str, int, int]] = field(default_factory=list)  # sku, quantity, cents
    email: Optional[str] = None


@dataclass(frozen=True)
class OrdersReport:
    added: int
    kept: int


def import_orders(session: Session, text: str, *, today: date) -> OrdersReport:
    """Check and write the orders in ``text`` in the caller's transaction."""
    names = {sku: name for sku, name in session.execute(select(Product.sku, Product.name))}
    orders = parse_orders(text, names, today)
    existing = set(session.scalars(select(Order.number).where(
        Order.number.in_([o.number for o in orders]))))
    for row in orders:
        if row.number in existing:
            continue
        order = Order(number=row.number, placed_on=row.placed_on)
        for sku, quantity, cents in row.lines:
            order.lines.append(OrderLine(sku=sku, name=names[sku], quantity=quantity,
                                         unit_price_cents=cents))
        session.add(order)
        if row.email:
            session.flush()
            session.add(OrderContact(order_id=order.id, email=row.email))
    session.flush()
    return OrdersReport(added=len(orders) - len(existing), kept=len(existing))


def parse_orders(text: str, skus: Dict[str, str], today: date) -> List[OrderRow]:
    """Every order in ``text``, or ImportRejected listing each bad line."""
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower().lstrip("\ufeff") for h in next(reader, [])]
    if tuple(header) not in (COLUMNS, WITH_EMAIL):
        raise ImportRejected([RowError(1, f"the header must be {','.join(COLUMNS)} "
                                          "(and optionally ,email)")])
    width = len(header)
    orders: Dict[str, OrderRow] = {}
    errors: List[RowError] = []
    for record in reader:
        if not any(cell.strip() for cell in record):
            continue
        try:
            number, placed, line = _parse_line(record[:len(COLUMNS)], skus, today, width,
                                               len(record))
            email = _email(record[len(COLUMNS)]) if width > len(COLUMNS) else None
        except ValueError as error:
            errors.append(RowError(reader.line_num, str(error)))
            continue
        order = orders.setdefault(number, OrderRow(number, placed, email=email))
        if order.placed_on != placed:
            errors.append(RowError(reader.line_num, f"order {number} was placed on "
                                                    f"{order.placed_on}, not {placed}"))
        order.lines.append(line)
    if errors:
        raise ImportRejected(errors)
    if not orders:
        raise ImportRejected([RowError(2, "the file has no orders")])
    return list(orders.values())


def _email(text: str) -> Optional[str]:
    email = text.strip().lower()
    if email and not EMAIL.match(email):
        raise ValueError(f"email {text!r} is not an e-mail address")
    return email or None


def _parse_line(record: List[str], skus: Dict[str, str], today: date, width: int,
                found: int) -> Tuple[str, date, Tuple[str, int, int]]:
    if found != width:
        raise ValueError(f"expected {width} fields, found {found}")
    number, placed, sku, quantity, price = (c.strip() for c in record)
    number = number.upper()
    if not ORDER_NUMBER.match(number):
        raise ValueError(f"order number {number!r} must be 1-3 letters and 3-8 digits")
    if sku not in skus:
        raise ValueError(f"sku {sku!r} is not in the catalogue")
    if not quantity.isdigit() or not 1 <= int(quantity) <= MAX_QUANTITY:
        raise ValueError(f"quantity {quantity!r} must be a whole number from 1 to {MAX_QUANTITY}")
    return number, _placed(placed, today), (sku, int(quantity), parse_price(price))


def _placed(text: str, today: date) -> date:
    relative = DAYS_AGO.match(text.lower())
    if relative:
        return today - timedelta(days=int(relative.group(1)))
    try:
        placed = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"placed {text!r} must be a date (2026-07-26) or 'N days ago'") from None
    if placed > today:
        raise ValueError(f"placed {text!r} is in the future")
    return placed
