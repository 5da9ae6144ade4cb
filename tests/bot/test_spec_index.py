"""The spec index answers what a look at every product answers (``MemoryCatalogue``): the
cheapest product meeting every rule, with enough in stock, ties broken by sku."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.catalogue.spec_index import CategoryIndex, OfferRow
from bot.products import MemoryCatalogue, ProductInfo
from bot.rules import Quantity, ResolvedRule

Product = Tuple[int, int, int]  # spec, price in cents, stock

SPECS: Dict[int, Dict[str, object]] = {
    1: {"material": "masonry", "diameter_mm": 6.0, "pieces": 1.0},
    2: {"material": "masonry", "diameter_mm": 8.0, "pieces": 5.0},
    3: {"material": "wood", "diameter_mm": 8.0},
    4: {"material": "wood", "diameter_mm": 10.0, "pieces": 2.0},
    5: {},
}

rules = st.one_of(
    st.builds(ResolvedRule, st.just("material"), st.sampled_from(["=", "!="]),
              st.sampled_from(["masonry", "wood", "metal"])),
    st.builds(ResolvedRule, st.just("material"), st.just("in"),
              st.sampled_from([("wood",), ("wood", "metal"), ("masonry", "wood")])),
    st.builds(ResolvedRule, st.sampled_from(["diameter_mm", "pieces"]),
              st.sampled_from(["=", "!=", ">=", ">", "<=", "<"]),
              st.sampled_from([1.0, 2.0, 6.0, 8.0, 9.5, 10.0])),
)
products = st.lists(st.tuples(st.sampled_from(sorted(SPECS)), st.integers(1, 40), st.integers(0, 6)),
                    max_size=25)


def index_of(items: List[Product]) -> CategoryIndex:
    """The index as the importer leaves it: the offers of each spec (``bot.catalogue.models.Offer``);
    item i is the product with id i and sku S00i."""
    offers: List[OfferRow] = []
    for spec_id in SPECS:
        most = -1
        for price, sku, stock, pid in sorted((p, f"S{i:03d}", s, i) for i, (sp, p, s) in enumerate(items)
                                             if sp == spec_id):
            if stock > most:
                offers.append((price, sku, stock, spec_id, pid))
                most = stock
    return CategoryIndex.of({k: dict(v) for k, v in SPECS.items()}, offers)


def memory_of(items: List[Product]) -> MemoryCatalogue:
    return MemoryCatalogue([ProductInfo(f"S{i:03d}", "", "", "drill_bit", price, stock, "", SPECS[sp])
                            for i, (sp, price, stock) in enumerate(items)])


@settings(max_examples=400, deadline=None)
@given(products, st.lists(rules, max_size=3), st.sampled_from([None, 1, 3, 6]))
def test_the_index_finds_what_a_look_at_every_product_finds(
        items: List[Product], wanted: List[ResolvedRule], in_stock: Optional[int]) -> None:
    offer = index_of(items).cheapest(wanted, in_stock)
    product = memory_of(items).cheapest("drill_bit", wanted, in_stock=in_stock)
    assert (f"S{offer.product_id:03d}" if offer else None) == (product.sku if product else None)


@settings(max_examples=200, deadline=None)
@given(products, st.lists(rules, max_size=3), st.integers(1, 4))
def test_the_few_cheapest_kinds_are_those_a_look_at_every_product_finds(
        items: List[Product], wanted: List[ResolvedRule], limit: int) -> None:
    offers = index_of(items).cheapest_each(wanted, limit)
    products = memory_of(items).distinct("drill_bit", wanted, limit)
    assert [f"S{o.product_id:03d}" for o in offers] == [p.sku for p in products]


def _best_lines(found: List[Tuple[str, int, int, int]]) -> Tuple[object, object]:
    """(sku, price, stock, needed) -> the cheapest line, and the cheapest line in stock."""
    def line(p: Tuple[str, int, int, int]) -> Tuple[int, str]:
        return p[1] * p[3], p[0]
    stocked = [p for p in found if p[2] >= p[3]]
    return (min(found, key=line)[0] if found else None,
            min(stocked, key=line)[0] if stocked else None)


@settings(max_examples=300, deadline=None)
@given(products, st.lists(rules, max_size=2), st.integers(1, 12))
def test_the_cheapest_line_is_among_the_few_the_index_picks(
        items: List[Product], wanted: List[ResolvedRule], holes: int) -> None:
    # Boxes of screws: how many boxes depends on the box; the cheapest line may be a dearer
    # box. The index works every line out at once and hands back only the best.
    quantity, facts = Quantity("ceil($holes / @self.pieces)"), {"holes": holes}
    wanted = [ResolvedRule("pieces", ">=", 1.0), *wanted]
    every = memory_of(items).choices("drill_bit", wanted, quantity, facts)
    picked = {f"S{o.product_id:03d}" for o in index_of(items).cheapest_lines(wanted, quantity, facts)}
    rows = [(p.sku, p.price_cents, p.stock, quantity.evaluate(facts, p.attributes)) for p in every]
    assert _best_lines([r for r in rows if r[0] in picked]) == _best_lines(rows)


def test_a_number_needed_is_the_same_worked_out_at_once_or_one_by_one() -> None:
    quantity = Quantity("ceil(max($area * 2, 3) / @self.coverage_m2 / @self.volume_l)")
    columns = {"coverage_m2": np.array([10.0, 12.0, np.nan, 0.0]),
               "volume_l": np.array([2.5, 5.0, 5.0, 5.0])}
    each = quantity.each({"area": 20}, columns)
    assert each[:2].tolist() == [quantity.evaluate({"area": 20}, {"coverage_m2": c, "volume_l": v})
                                 for c, v in [(10.0, 2.5), (12.0, 5.0)]] == [2, 1]
    assert np.isnan(each[2:]).all(), "a product without the attribute, or none of it"


def test_the_cheapest_eight_mm_bit_with_three_in_stock() -> None:
    items = [(2, 300, 0), (3, 250, 1), (3, 400, 3), (2, 350, 9), (1, 100, 9)]
    eight_mm = [ResolvedRule("diameter_mm", "=", 8.0)]
    index = index_of(items)
    assert index.cheapest(eight_mm, None).price_cents == 250
    assert index.cheapest(eight_mm, 3).price_cents == 350
    assert index.cheapest(eight_mm + [ResolvedRule("material", "=", "metal")], None) is None


def test_a_strict_bound_leaves_out_the_value_itself() -> None:
    index = index_of([(2, 100, 5), (4, 200, 5), (1, 50, 5)])  # 8 mm, 10 mm, 6 mm
    assert index.cheapest([ResolvedRule("diameter_mm", ">", 8.0)], None).price_cents == 200
    assert index.cheapest([ResolvedRule("diameter_mm", ">=", 8.0)], None).price_cents == 100
    assert index.cheapest([ResolvedRule("diameter_mm", "<", 8.0)], None).price_cents == 50
    assert index.cheapest([ResolvedRule("diameter_mm", "<=", 6.0)], None).price_cents == 50
    assert index.cheapest([ResolvedRule("diameter_mm", "<", 6.0)], None) is None
