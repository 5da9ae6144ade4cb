"""Bundles: compatible, in stock or substituted, priced, explained."""

from __future__ import annotations

import itertools

import pytest

from bot.bundles import build_bundle, lines_of, rebuild_bundle
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope
from bot.rules import holds_all


def scenarios(knowledge):
    for job in knowledge.jobs.values():
        questions = [knowledge.questions[q] for q in job.questions]
        for combo in itertools.product(*(q.options for q in questions)):
            yield {"job": job.key, **{q.key: o.key for q, o in zip(questions, combo)}}


def test_every_bundle_holds_every_rule_of_its_job(small_db, small_knowledge) -> None:
    with session_scope(small_db) as session:
        catalogue = SqlCatalogue(session)
        for answers in scenarios(small_knowledge):
            bundle = build_bundle(small_knowledge, catalogue, answers)
            job = small_knowledge.jobs[answers["job"]]
            facts = small_knowledge.facts(answers)
            chosen = {i.role: i.product.attributes for i in bundle.items}
            assert not bundle.missing, answers
            for item in bundle.items:
                component = next(c for c in job.components if c.role == item.role)
                rules = [r.resolve(facts, chosen) for r in component.rules]
                assert holds_all(rules, item.product.attributes), (answers, item.role)
                assert item.product.stock >= item.quantity


def test_drill_bundle_for_a_light_picture_on_brick(small_db, small_knowledge) -> None:
    with session_scope(small_db) as session:
        bundle = build_bundle(small_knowledge, SqlCatalogue(session),
                              {"job": "hang_picture", "wall": "brick", "weight": "light",
                               "permanence": "permanent"})
    by_role = {i.role: i for i in bundle.items}
    assert set(by_role) == {"plug", "bit", "screw", "hook"}
    assert by_role["bit"].product.sku == "BIT-M6"  # as wide as the 6 mm plug, masonry
    assert by_role["plug"].quantity == 4
    assert "a wood bit would not cut brick" in by_role["bit"].reason
    assert bundle.total_cents == 4 * 20 + 349 + 4 * 10 + 2 * 80


def test_out_of_stock_item_is_replaced_and_named(shop) -> None:
    bundle = shop.services.shelves.build({"job": "hang_picture", "wall": "plasterboard",
                                          "weight": "light", "permanence": "temporary"})
    hook = next(i for i in bundle.items if i.role == "hook")
    assert hook.product.sku == "HOOK-10" and hook.substitute_for.sku == "HOOK-5"
    text = shop.dialogue.consultant.lists.text(bundle)
    assert "Instead of Picture hook 5 kg, which is out of stock" in text


def test_a_bundle_kept_as_lines_is_rebuilt_the_same(small_db, small_knowledge) -> None:
    answers = {"job": "hang_picture", "wall": "plasterboard", "weight": "light",
               "permanence": "temporary"}
    with session_scope(small_db) as session:
        catalogue = SqlCatalogue(session)
        bundle = build_bundle(small_knowledge, catalogue, answers)
        again = rebuild_bundle(small_knowledge, catalogue, answers, list(bundle.facts),
                               lines_of(bundle), bundle.missing)
    assert again == bundle
    assert bundle.total_cents == sum(i.product.price_cents * i.quantity for i in bundle.items)


@pytest.mark.parametrize("terrain, sku", [("dusty", "POLE-L"), ("rocky", "POLE-T")])
def test_dust_rules_out_twist_locks(small_db, small_knowledge, terrain, sku) -> None:
    with session_scope(small_db) as session:
        bundle = build_bundle(small_knowledge, SqlCatalogue(session),
                              {"job": "day_hike", "terrain": terrain})
    assert [i.product.sku for i in bundle.items] == [sku]


# -- what the knowledge can say beyond one product per rule --------------------------------

from bot.knowledge import from_yaml_dict  # noqa: E402
from bot.products import MemoryCatalogue, ProductInfo  # noqa: E402

MINI = {
    "departments": {"hardware": {"label": "Hardware"}},
    "attributes": {"volume_l": {"kind": "number"}, "hole_mm": {"kind": "number"},
                   "material": {"kind": "text"}, "diameter_mm": {"kind": "number"}},
    "categories": {k: {"department": "hardware"} for k in
                   ("paint", "wall_plug", "cavity_fixing", "drill_bit", "voltage_tester")},
    "questions": {
        "wall": {"text": "What is the wall made of?", "options": {"brick": {}, "plasterboard": {}}},
        "room": {"text": "How big?", "options": {"small": {"values": {"litres": 4}},
                                                 "large": {"values": {"litres": 12}}}},
        "circuit": {"text": "Which?", "options": {"data": {}, "mains": {}}}},
    "jobs": {
        "paint_room": {"label": "paint", "department": "hardware", "questions": ["room"],
                       "components": [{"role": "paint", "category": "paint",
                                       "quantity": "ceil($litres / @self.volume_l)"}]},
        "fix": {"label": "fix", "department": "hardware", "questions": ["wall"],
                "components": [
                    {"role": "fixing", "category": "wall_plug", "when": {"wall": ["brick"]}},
                    {"role": "fixing", "category": "cavity_fixing",
                     "when": {"wall": ["plasterboard"]}},
                    {"role": "bit", "category": "drill_bit",
                     "require": ["diameter_mm = @fixing.hole_mm"]}]},
        "wire": {"label": "wire", "department": "hardware", "questions": ["circuit"],
                 "refer": [{"to": "a registered electrician", "why": "mains work is notifiable",
                            "when": {"circuit": ["mains"]}}],
                 "components": [
                     {"role": "bit", "category": "drill_bit", "when": {"circuit": ["data"]}},
                     {"role": "tester", "category": "voltage_tester",
                      "when": {"circuit": ["mains"]}}]}},
}


def product(sku: str, category: str, price: float, stock: int = 10, **attributes) -> ProductInfo:
    return ProductInfo(sku, sku, "", category, round(price * 100), stock, "1", attributes)


def test_tins_are_chosen_for_the_cheapest_line_not_the_cheapest_tin() -> None:
    knowledge = from_yaml_dict(MINI)
    tins = [product("P25", "paint", 17, volume_l=2.5), product("P5", "paint", 28, volume_l=5.0),
            product("P10", "paint", 45, volume_l=10.0)]
    bundle = build_bundle(knowledge, MemoryCatalogue(tins), {"job": "paint_room", "room": "large"})
    [item] = bundle.items
    assert (item.product.sku, item.quantity) == ("P5", 3)  # £84, against £85 and £90
    short = [tins[0], product("P5", "paint", 28, stock=2, volume_l=5.0), tins[2]]
    [item] = build_bundle(knowledge, MemoryCatalogue(short),
                          {"job": "paint_room", "room": "large"}).items
    assert (item.product.sku, item.quantity, item.substitute_for.sku) == ("P25", 5, "P5")


def test_a_role_held_by_components_that_never_apply_together() -> None:
    knowledge = from_yaml_dict(MINI)
    catalogue = MemoryCatalogue([product("PLUG", "wall_plug", 1, hole_mm=6.0),
                                 product("TOGGLE", "cavity_fixing", 3, hole_mm=10.0),
                                 product("B6", "drill_bit", 3, diameter_mm=6.0),
                                 product("B10", "drill_bit", 4, diameter_mm=10.0)])
    for wall, skus in (("brick", ["PLUG", "B6"]), ("plasterboard", ["TOGGLE", "B10"])):
        bundle = build_bundle(knowledge, catalogue, {"job": "fix", "wall": wall})
        assert [i.product.sku for i in bundle.items] == skus


def test_a_referred_job_says_who_does_it_and_sells_only_the_safe_items() -> None:
    knowledge = from_yaml_dict(MINI)
    catalogue = MemoryCatalogue([product("TESTER", "voltage_tester", 12),
                                 product("B6", "drill_bit", 3, diameter_mm=6.0)])
    bundle = build_bundle(knowledge, catalogue, {"job": "wire", "circuit": "mains"})
    assert [i.product.sku for i in bundle.items] == ["TESTER"]
    assert bundle.referral == ("This is a job for a registered electrician: mains work is "
                               "notifiable")
    assert build_bundle(knowledge, catalogue, {"job": "wire", "circuit": "data"}).referral is None


@pytest.mark.parametrize("interlink, said", [("linked", True), ("separate", False)])
def test_a_why_is_said_only_where_its_rule_asks_something(demo_db, interlink, said) -> None:
    """Alarms the shopper wants separate are not "alarms that set each other off"."""
    from bot.catalogue.needs import current_knowledge

    with session_scope(demo_db) as session:
        knowledge = current_knowledge(session)
        answers = {"job": "smoke_alarm", "storeys": "two", "fuel": "no_fuel",
                   "interlink": interlink, "alarm_power": "battery"}
        bundle = build_bundle(knowledge, SqlCatalogue(session), answers)
    smoke = next(i for i in bundle.items if i.role == "smoke")
    assert ("set each other off" in smoke.reason) is said
    assert (smoke.product.attributes["interlinked"] == "yes") is said
