"""The catalogue import under any file and under database faults: all rows or none.

Hypothesis writes CSV files from near-valid rows (bad skus, prices, stock, attributes,
NUL bytes, quotes, other scripts); whatever the file, the import either writes every row
exactly or raises ImportRejected and leaves the catalogue as it was. A database that
fails half-way (a trigger, a lock, a read-only file) leaves no half-written rows and a
clear message from `bot catalogue import`."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue.importer import COLUMNS, ImportRejected, import_products
from bot.catalogue.models import Product, Spec
from bot.cli import main
from bot.db import session_scope

ROW = st.fixed_dictionaries({
    "sku": st.from_regex(r"[A-Z]{2,4}-[0-9]{1,4}", fullmatch=True) | st.text(max_size=45),
    "name": st.sampled_from(["Bosch bit", "Spit \"plug\", 8 mm", "مثقاب", "x" * 201]) | st.text(max_size=30),
    "brand": st.sampled_from(["Bosch", "Fischer", ""]),
    "department": st.sampled_from(["hardware", "outdoor", "HARDWARE"]),
    "category": st.sampled_from(["drill_bit", "wall_plug", "trekking_poles", "no_such"]),
    "price": st.sampled_from(["0", "3.49", "-1", "1e9", "NaN", "1,5", "999999.99", "1.234"])
    | st.decimals(0, 10000, places=2).map(str),
    "stock": st.sampled_from(["0", "3", "-3", "1e9", "10000000000", "٣"]) | st.integers(0, 99).map(str),
    "aisle": st.sampled_from(["12", "", "A" * 21]),
    "attributes": st.sampled_from(["", "material=masonry;diameter_mm=6", "diameter_mm=inf",
                                   "diameter_mm=500", "material=<b>x</b>", "nope=1",
                                   "diameter_mm=6;diameter_mm=7", "material=masonry\u202e"]),
})
SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def csv_text(rows: List[Dict[str, str]]) -> str:
    """Every field quoted, as spreadsheets write them; NUL bytes and all kept."""
    def line(fields: List[str]) -> str:
        return ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\r\n"
    return line(list(COLUMNS)) + "".join(line([row[c] for c in COLUMNS]) for row in rows)


def snapshot(url: str) -> List[Tuple]:
    with session_scope(url) as session:
        products = [(p.sku, p.name, p.price_cents, p.stock, sorted(p.attribute_map().items()))
                    for p in session.scalars(select(Product).order_by(Product.sku))]
        specs = session.scalar(select(func.count()).select_from(Spec))
        return products + [("specs", specs)]


@SETTINGS
@given(rows=st.lists(ROW, min_size=1, max_size=6))
def test_any_file_is_imported_whole_or_not_at_all(small_db: str, rows: List[Dict[str, str]]) -> None:
    before = snapshot(small_db)
    try:
        with session_scope(small_db) as session:
            import_products(session, csv_text(rows))
    except ImportRejected as rejected:
        assert rejected.errors and all(e.reason for e in rejected.errors)
        assert snapshot(small_db) == before
        return
    after = {row[0]: row[1] for row in snapshot(small_db)}
    for row in rows:
        assert after[row["sku"].strip()] == row["name"].strip()


def test_a_file_with_a_nul_byte_is_rejected_not_a_crash(small_db: str) -> None:
    text = ",".join(COLUMNS) + "\nNUL-1,bit\x00,b,hardware,drill_bit,1,1,1,\n"
    with pytest.raises(ImportRejected):
        with session_scope(small_db) as session:
            import_products(session, text)


GOOD = csv_text([
    {"sku": f"NEW-{n}", "name": f"Bosch {n} mm bit", "brand": "Bosch", "department": "hardware",
     "category": "drill_bit", "price": "2.50", "stock": "4", "aisle": "12",
     "attributes": f"material=masonry;diameter_mm={n}"} for n in (3, 4, 5)])


def path_of(url: str) -> str:
    return url.split("sqlite:///", 1)[1]


def test_a_database_failing_half_way_leaves_no_rows(small_db: str) -> None:
    before = snapshot(small_db)
    with sqlite3.connect(path_of(small_db)) as raw:
        # The third product fails, after its spec and two products were written.
        raw.execute("CREATE TRIGGER fail BEFORE INSERT ON products "
                    "WHEN NEW.sku = 'NEW-5' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(SQLAlchemyError, match="disk full"):
        with session_scope(small_db) as session:
            import_products(session, GOOD)
    assert snapshot(small_db) == before


def import_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str,
                capsys: pytest.CaptureFixture) -> Tuple[int, str]:
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    file = tmp_path / "products.csv"
    file.write_text(GOOD)
    code = main(["catalogue", "import", str(file)])
    return code, capsys.readouterr().err


def test_import_into_a_locked_database_says_so(small_db: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    before = snapshot(small_db)
    holder = sqlite3.connect(path_of(small_db), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err = import_file(tmp_path, monkeypatch, small_db, capsys)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "locked" in err and "Traceback" not in err
    assert snapshot(small_db) == before


def test_import_into_a_read_only_database_says_so(small_db: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    before = snapshot(small_db)
    read_only = f"sqlite:///file:{path_of(small_db)}?mode=ro&uri=true"
    code, err = import_file(tmp_path, monkeypatch, read_only, capsys)
    assert code == 1 and "readonly" in err.replace("read-only", "readonly")
    assert snapshot(small_db) == before


def test_import_into_a_missing_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture) -> None:
    code, err = import_file(tmp_path, monkeypatch, f"sqlite:///{tmp_path}/none/catalogue.db",
                            capsys)
    assert code == 1 and "not set up" in err and "Traceback" not in err
