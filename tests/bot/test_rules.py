"""The rule and quantity language of the catalogue data."""

from __future__ import annotations

import pytest

from bot.rules import Quantity, RuleError, parse_rule


@pytest.mark.parametrize("text, attrs, holds", [
    ("material = masonry", {"material": "masonry"}, True),
    ("material = masonry", {"material": "wood"}, False),
    ("material = masonry", {}, False),
    ("lock != twist", {}, True),
    ("lock != twist", {"lock": "twist"}, False),
    ("load_kg >= 10", {"load_kg": 12.0}, True),
    ("load_kg >= 10", {"load_kg": 8.0}, False),
    ("lock in lever|push", {"lock": "push"}, True),
    ("lock in lever|push", {"lock": "twist"}, False),
])
def test_literal_rules(text: str, attrs: dict, holds: bool) -> None:
    assert parse_rule(text).resolve({}, {}).holds(attrs) is holds


def test_facts_and_roles_are_resolved() -> None:
    rule = parse_rule({"rule": "load_kg >= $load_kg", "why": "must carry it"})
    assert rule.resolve({}, {}) is None  # unknown until the answer is given
    assert rule.resolve({"load_kg": 15}, {}).value == 15.0
    assert rule.why == "must carry it"
    bit = parse_rule("diameter_mm = @plug.diameter_mm")
    assert bit.role == "plug"
    assert bit.resolve({}, {"plug": {"diameter_mm": 6.0}}).holds({"diameter_mm": 6})


@pytest.mark.parametrize("bad", ["", "material", "= masonry", "diameter_mm = @plug",
                                 "x ~ 3"])
def test_malformed_rules_are_rejected(bad: str) -> None:
    with pytest.raises(RuleError):
        parse_rule(bad)


def test_quantities() -> None:
    assert Quantity("4").evaluate({}, {}) == 4
    assert Quantity("$people").evaluate({"people": 3}, {}) == 3
    paint = Quantity("ceil($litres / @self.volume_l)")
    assert paint.evaluate({"litres": 7}, {"volume_l": 2.5}) == 3
    assert paint.partial({"litres": 7}) == "ceil(7 / @self.volume_l)"


@pytest.mark.parametrize("bad", ["__import__('os')", "open('x')", "$a.b", "[1]", "lambda: 1"])
def test_quantities_cannot_run_code(bad: str) -> None:
    with pytest.raises((RuleError, SyntaxError)):
        Quantity(bad)
