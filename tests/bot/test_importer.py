"""Importing a store's catalogue: every bad row reported, nothing half-imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.catalogue.importer import ANALYZE_FROM_ROWS, ImportRejected, import_products, read_file
from bot.catalogue.models import Product
from bot.cli import main
from bot.db import session_scope
from bot.store import init_database
from tests.conftest import FIXTURES

HEADER = "sku,name,brand,department,category,price,stock,aisle,attributes\n"
GOOD = "NEW-1,Bosch 12 mm masonry bit,Bosch,hardware,drill_bit,6.99,3,12,material=masonry;diameter_mm=12\n"


def count(url: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(Product))


@pytest.mark.parametrize("row, reason", [
    ("X 1,n,b,hardware,drill_bit,1,1,1,", "sku"),
    ("X1,n,b,hardware,no_such,1,1,1,", "unknown category"),
    ("X1,n,b,outdoor,drill_bit,1,1,1,", "belongs to department hardware"),
    ("X1,n,b,hardware,drill_bit,-1,1,1,", "price"),
    ("X1,n,b,hardware,drill_bit,1.234,1,1,", "2 decimal places"),
    ("X1,n,b,hardware,drill_bit,abc,1,1,", "not a number"),
    ("X1,n,b,hardware,drill_bit,1,-3,1,", "stock"),
    ("X1,n,b,hardware,drill_bit,1,1e9,1,", "stock"),
    ("X1,n,b,hardware,drill_bit,1,1,1,diameter_mm=wide", "must be a number"),
    ("X1,n,b,hardware,drill_bit,1,1,1,colour=red", "unknown attribute"),
    ("X1,n,b,hardware,drill_bit,1,1,1,material=<b>Wood</b>", "lower-case"),
    ("X1,n,b,hardware,drill_bit,1,1", "expected 9 fields"),
    ("X1,,b,hardware,drill_bit,1,1,1,", "name"),
])
def test_each_bad_row_is_reported_and_nothing_written(small_db, row, reason) -> None:
    before = count(small_db)
    with pytest.raises(ImportRejected) as caught:
        with session_scope(small_db) as session:
            import_products(session, HEADER + GOOD + row + "\n")
    assert [e.line for e in caught.value.errors] == [3]
    assert reason in caught.value.errors[0].reason
    assert count(small_db) == before


def test_valid_file_adds_and_replaces(small_db) -> None:
    before = count(small_db)
    replaced = "BIT-M6,Bosch 6 mm masonry drill bit,Bosch,hardware,drill_bit,2.99,8,12,material=masonry;diameter_mm=6\n"
    with session_scope(small_db) as session:
        report = import_products(session, HEADER + GOOD + replaced)
    assert (report.added, report.replaced) == (1, 1)
    assert count(small_db) == before + 1
    with session_scope(small_db) as session:
        bit = session.scalar(select(Product).where(Product.sku == "BIT-M6"))
        assert bit.price_cents == 299 and bit.attribute_map() == {"material": "masonry",
                                                                  "diameter_mm": 6.0}


def test_duplicate_skus_and_bad_header(small_db) -> None:
    with pytest.raises(ImportRejected, match="already on line 2"):
        with session_scope(small_db) as session:
            import_products(session, HEADER + GOOD + GOOD)
    with pytest.raises(ImportRejected, match="header"):
        with session_scope(small_db) as session:
            import_products(session, "sku,name\n" + GOOD)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(HEADER.encode() + b"X1,caf\xe9,b,hardware,drill_bit,1,1,1,\n")
    with pytest.raises(ImportRejected, match="not UTF-8"):
        read_file(path)


def test_cli_import_reports_lines_and_exits_non_zero(small_db, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BOT_DATABASE_URL", small_db)
    path = tmp_path / "store.csv"
    path.write_text(HEADER + GOOD + "BAD SKU,n,b,hardware,drill_bit,1,1,1,\n" +
                    "X2,n,b,hardware,drill_bit,1,1,1,colour=red\n")
    before = count(small_db)
    assert main(["catalogue", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 3:" in err and "line 4:" in err
    assert count(small_db) == before
    path.write_text(HEADER + GOOD)
    assert main(["catalogue", "import", str(path)]) == 0
    assert count(small_db) == before + 1


def test_an_import_is_seen_at_once_by_cached_answers(small_db) -> None:
    from bot.catalogue.repository import SqlCatalogue
    from bot.rules import ResolvedRule

    rules = [ResolvedRule("material", "=", "masonry"), ResolvedRule("diameter_mm", "=", 6.0)]
    with session_scope(small_db) as session:
        assert SqlCatalogue(session).cheapest("drill_bit", rules).price_cents == 349
    cheaper = "BIT-M6,Bosch 6 mm masonry drill bit,Bosch,hardware,drill_bit,1.99,8,12,material=masonry;diameter_mm=6\n"
    with session_scope(small_db) as session:
        import_products(session, HEADER + cheaper)
    with session_scope(small_db) as session:
        assert SqlCatalogue(session).cheapest("drill_bit", rules).price_cents == 199


# -- the same promises on PostgreSQL (tests/services.py starts one of the tests' own) ------

def catalogue_version(url: str) -> str:
    from bot.catalogue.models import Meta
    from bot.catalogue.repository import CATALOGUE_VERSION

    with session_scope(url) as session:
        return session.get(Meta, CATALOGUE_VERSION).value


def many_rows(count_: int, price: str = "4.99") -> str:
    return HEADER + "".join(f"MANY-{i},Bit {i},Bosch,hardware,drill_bit,{price},{i % 7},12,"
                            f"material=masonry;diameter_mm={4 + i % 9}\n" for i in range(count_))


def test_an_import_adds_and_replaces_on_either_database(small_any_db: str) -> None:
    before = count(small_any_db)
    replaced = ("BIT-M6,Bosch 6 mm masonry drill bit,Bosch,hardware,drill_bit,2.99,8,12,"
                "material=masonry;diameter_mm=6\n")
    with session_scope(small_any_db) as session:
        report = import_products(session, many_rows(1200) + GOOD.replace("NEW-1", "NEW-2") + replaced)
    assert (report.added, report.replaced) == (1201, 1)
    assert count(small_any_db) == before + 1201


def test_a_large_import_on_postgresql_leaves_the_planner_knowing_the_new_tables(
        postgres, pg_url: str) -> None:
    # Without fresh statistics the first bundles after a big import ran on plans made for
    # the empty tables (cold bundle p95 at 1M products: 45 ms, 21 ms with them).
    from sqlalchemy import text

    init_database(pg_url, needs=FIXTURES / "needs_small.yml")
    with session_scope(pg_url) as session:
        import_products(session, many_rows(ANALYZE_FROM_ROWS))
    with session_scope(pg_url) as session:
        planned = session.execute(text(
            "SELECT reltuples FROM pg_class WHERE relname = 'products'")).scalar()
    assert planned == ANALYZE_FROM_ROWS


def test_an_import_that_fails_while_writing_leaves_nothing(
        small_any_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the products are written (here: the offers step) takes the whole
    import back: not a product, not a new catalogue version."""
    from bot.catalogue import importer

    before, version = count(small_any_db), catalogue_version(small_any_db)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk filled up")

    monkeypatch.setattr(importer, "refresh_offers", broken)
    with pytest.raises(RuntimeError):
        with session_scope(small_any_db) as session:
            import_products(session, many_rows(3000))
    assert count(small_any_db) == before
    assert catalogue_version(small_any_db) == version


def test_a_reader_sees_the_catalogue_before_or_after_an_import_never_between(
        small_any_db: str) -> None:
    """Another process reading while a big import is written sees all of it or none."""
    import threading

    before = count(small_any_db)
    seen = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(count(small_any_db))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        with session_scope(small_any_db) as session:
            import_products(session, many_rows(20_000))
    finally:
        done.set()
        reader.join()
    seen.add(count(small_any_db))
    assert seen <= {before, before + 20_000} and before + 20_000 in seen
