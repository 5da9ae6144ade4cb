"""Past orders from CSV: dated relative to the import, all or nothing, never twice."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.care.models import Order, OrderLine
from bot.care.orders import import_orders
from bot.care.returns import assess, purchases
from bot.catalogue.importer import ImportRejected
from bot.db import session_scope
from bot.settings import demo_dir
from bot.store import init_database

TODAY = date(2026, 11, 23)
HEADER = "number,placed,sku,quantity,unit_price\n"


def test_lines_of_one_order_are_grouped_and_named_from_the_catalogue(small_db: str) -> None:
    text = HEADER + "a1001,120 days ago,POLE-T,1,39.00\nA1001,120 days ago,BIT-M6,2,3.49\n"
    with session_scope(small_db) as session:
        report = import_orders(session, text, today=TODAY)
        assert (report.added, report.kept) == (1, 0)
        lines = purchases(session, order_number="A1001")
    assert [(p.sku, p.quantity, p.unit_price_cents) for p in lines] == [
        ("POLE-T", 1, 3900), ("BIT-M6", 2, 349)]
    assert lines[0].placed_on == TODAY - timedelta(days=120)
    assert lines[0].name == "Trail poles twist lock"


def test_importing_again_keeps_the_order_and_its_returns(small_db: str) -> None:
    text = HEADER + "A101,2026-10-01,POLE-T,1,39.00\n"
    with session_scope(small_db) as session:
        import_orders(session, text, today=TODAY)
        session.scalar(select(OrderLine)).returned = 1
    with session_scope(small_db) as session:
        report = import_orders(session, text, today=TODAY)
        assert (report.added, report.kept) == (0, 1)
        assert session.scalar(select(OrderLine.returned)) == 1


@pytest.mark.parametrize("row, reason", [
    ("A101,10 days ago,NOPE,1,1.00", "sku 'NOPE' is not in the catalogue"),
    ("12345,10 days ago,POLE-T,1,1.00", "order number '12345'"),
    ("A101,last week,POLE-T,1,1.00", "placed 'last week' must be a date"),
    ("A101,2027-01-01,POLE-T,1,1.00", "is in the future"),
    ("A101,10 days ago,POLE-T,0,1.00", "quantity '0'"),
    ("A101,10 days ago,POLE-T,1,-1", "price '-1'"),
])
def test_a_bad_line_rejects_the_whole_file(small_db: str, row: str, reason: str) -> None:
    text = HEADER + "A909,5 days ago,POLE-T,1,39.00\n" + row + "\n"
    with pytest.raises(ImportRejected) as rejected:
        with session_scope(small_db) as session:
            import_orders(session, text, today=TODAY)
    assert rejected.value.errors[0].line == 3 and reason in rejected.value.errors[0].reason
    with session_scope(small_db) as session:
        assert session.scalar(select(func.count()).select_from(Order)) == 0


def test_an_order_placed_on_two_dates_is_rejected(small_db: str) -> None:
    text = HEADER + "A101,5 days ago,POLE-T,1,39.00\nA101,6 days ago,BIT-M6,1,3.49\n"
    with pytest.raises(ImportRejected, match="line 3: order A101 was placed on"):
        with session_scope(small_db) as session:
            import_orders(session, text, today=TODAY)


def test_the_demo_orders(tmp_path: Path) -> None:
    """The demo database holds the story's poles, bought months ago and still within the
    promise for faulty goods, and orders too old to refund."""
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_database(url, products=demo_dir() / "products.csv", orders=demo_dir() / "orders.csv")
    today = date.today()
    with session_scope(url) as session:
        [poles] = [p for p in purchases(session, order_number="A1001") if p.sku == "KOMP-TWIST"]
        assert 60 <= (today - poles.placed_on).days <= 365
        assert assess(poles, today=today, faulty=True).accepted
        old = purchases(session, order_number="B0917")
        assert not assess(old[0], today=today, faulty=True).accepted
