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
