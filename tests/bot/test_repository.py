"""The SQL catalogue: products of one spec share it, and ``matching`` answers what the
in-memory catalogue answers (the cheapest products meeting every rule, in stock if asked)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pytest
from sqlalchemy import func, select, text

from bot.bundles import build_bundle
from bot.catalogue.importer import import_products
from bot.catalogue.models import Spec
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue, forget_cached_answers
from bot.db import DatabaseUnavailable, session_scope
from bot.discovery import DiscoveryEngine
from bot.products import MemoryCatalogue
from bot.rules import ResolvedRule
from bot.settings import demo_dir
from bot.store import ensure_schema, init_database

HEADER = "sku,name,brand,department,category,price,stock,aisle,attributes\n"
MASONRY_6 = "material=masonry;diameter_mm=6"


def bits(rows: List[str]) -> str:
    return HEADER + "".join(f"{sku},{sku} bit,Acme,hardware,drill_bit,{price},{stock},12,{attrs}\n"
                            for sku, price, stock, attrs in (r.split("|") for r in rows))


def specs(url: str) -> int:
    with session_scope(url) as session:
        return session.scalar(select(func.count()).select_from(Spec))


def cheapest(url: str, rules, **kwargs) -> Optional[str]:
    forget_cached_answers()
    with session_scope(url) as session:
        found = SqlCatalogue(session).cheapest("drill_bit", rules, **kwargs)
        return found.sku if found else None


def test_products_with_the_same_attributes_share_one_spec(small_db: str) -> None:
    before = specs(small_db)
    with session_scope(small_db) as session:
        import_products(session, bits([f"SAME-1|9.00|1|{MASONRY_6}",
                                       "SAME-2|8.00|1|diameter_mm=6;material=masonry"]))
    assert specs(small_db) == before  # the fixture already has a 6 mm masonry bit


def test_a_replaced_product_moves_to_its_new_spec_and_unused_specs_go(small_db: str) -> None:
    with session_scope(small_db) as session:
        import_products(session, bits(["ODD-1|9.00|1|material=wood;diameter_mm=33"]))
    before = specs(small_db)
    with session_scope(small_db) as session:
        import_products(session, bits(["ODD-1|9.00|1|material=wood;diameter_mm=34"]))
    assert specs(small_db) == before
    with session_scope(small_db) as session:
        found = SqlCatalogue(session).by_sku("ODD-1")
    assert found is not None and found.attributes == {"material": "wood", "diameter_mm": 34.0}


SIX_MM_MASONRY = [ResolvedRule("material", "=", "masonry"), ResolvedRule("diameter_mm", "=", 6.0)]


def test_the_cheapest_match_with_enough_in_stock_among_several_of_one_spec(small_db: str) -> None:
    with session_scope(small_db) as session:
        import_products(session, bits([f"C-1|0.50|0|{MASONRY_6}", f"C-2|0.60|5|{MASONRY_6}",
                                       f"C-3|0.70|5|{MASONRY_6}", f"C-4|0.80|9|{MASONRY_6}"]))
    assert cheapest(small_db, SIX_MM_MASONRY) == "C-1"
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=1) == "C-2"
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=6) == "C-4"
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=1000) is None


def test_a_new_price_or_stock_changes_the_answer_at_once(small_db: str) -> None:
    with session_scope(small_db) as session:
        import_products(session, bits([f"D-1|0.01|0|{MASONRY_6}", f"D-2|0.02|5|{MASONRY_6}"]))
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=1) == "D-2"
    with session_scope(small_db) as session:  # D-1 restocked, D-2 moved to another spec
        import_products(session, bits([f"D-1|0.01|3|{MASONRY_6}", "D-2|0.02|5|material=wood"]))
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=1) == "D-1"
    assert cheapest(small_db, SIX_MM_MASONRY, in_stock=4) != "D-2"  # its old offer is gone


def test_not_equal_is_met_by_a_spec_without_the_attribute(small_db: str) -> None:
    with session_scope(small_db) as session:
        import_products(session, bits(["PLAIN-1|0.10|5|", "WOOD-1|0.20|5|material=wood"]))
    assert cheapest(small_db, [ResolvedRule("material", "!=", "masonry")]) == "PLAIN-1"
    assert cheapest(small_db, [ResolvedRule("material", "in", ("wood", "metal"))]) == "WOOD-1"


def test_every_demo_bundle_is_the_one_the_memory_catalogue_builds(empty_db: str) -> None:
    """On SQLite and on PostgreSQL (whose text order is not Python's unless told)."""
    url = empty_db
    init_database(url, products=demo_dir() / "products.csv")
    forget_cached_answers()
    with session_scope(url) as session:
        knowledge = current_knowledge(session)
        rows = session.execute(text("SELECT sku FROM products")).scalars().all()
        sql = SqlCatalogue(session)
        memory = MemoryCatalogue([p for p in (sql.by_sku(s) for s in rows) if p is not None])
        for scenario in DiscoveryEngine(knowledge).scenarios:
            assert (build_bundle(knowledge, sql, scenario.answers)
                    == build_bundle(knowledge, memory, scenario.answers)), scenario.answers
    assert len(memory.products) == len(rows) > 300


def test_a_bundle_reads_the_products_it_can_choose_at_once_together(tmp_path: Path) -> None:
    # Each statement is a round trip (about 0.5 ms on PostgreSQL): a TV on the wall has
    # ten products, several of them chosen by the answers alone.
    from sqlalchemy import event

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    forget_cached_answers()
    with session_scope(url) as session:
        knowledge = current_knowledge(session)
        scenario = max((s for s in DiscoveryEngine(knowledge).scenarios
                        if s.answers["job"] == "mount_tv"),
                       key=lambda s: len(build_bundle(knowledge, SqlCatalogue(session),
                                                      s.answers).items))
        forget_cached_answers()
        statements: List[str] = []
        event.listen(session.get_bind(), "before_cursor_execute",
                     lambda *args: statements.append(args[2]))
        bundle = build_bundle(knowledge, SqlCatalogue(session), scenario.answers)
    assert len(bundle.items) >= 8
    # One statement a product, and the version, had been 11; now the version and one a
    # layer of the build (the bracket's fixings and bit wait for the bracket), and at most
    # one for a line priced by the product's size.
    layers = knowledge.jobs["mount_tv"].build_layers
    assert len(statements) <= 1 + len(layers) + 1 < len(bundle.items), statements


def test_a_database_from_before_specs_is_refused_with_what_to_do(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with session_scope(url) as session:
        session.execute(text("CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT)"))
    with pytest.raises(DatabaseUnavailable, match="older version.*bot db init --demo"):
        ensure_schema(url)


def test_a_catalogue_from_before_offers_gets_them_when_opened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'before-offers.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    with session_scope(url) as session:
        session.execute(text("DELETE FROM offers"))
    assert cheapest(url, SIX_MM_MASONRY) is None
    ensure_schema(url)
    assert cheapest(url, SIX_MM_MASONRY) is not None
