"""The spec index answers what a look at every product answers (``MemoryCatalogue``): the
cheapest product meeting every rule, with enough in stock, ties broken by sku."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.catalogue.spec_index import CategoryIndex, OfferRow
from bot.products import MemoryCatalogue, ProductInfo
from bot.rules import ResolvedRule

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
