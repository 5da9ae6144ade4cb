"""Item patterns, as invariants and discovery scenarios write them."""

from __future__ import annotations

import pytest

from bot.patterns import Item, match_in_order, parse_pattern, unknown_names
from bot.rules import RuleError

PLUG = Item("wall_plug", {"diameter_mm": 6.0, "load_kg": 10.0}, 2)
BIT = Item("drill_bit", {"diameter_mm": 6.0, "material": "masonry"})


@pytest.mark.parametrize("entry", ["wall_plug: load_kg >= 10; quantity >= 2",
                                   {"wall_plug": ["load_kg >= 10", "quantity >= 2"]},
                                   {"wall_plug": "load_kg >= $load"}])
def test_three_ways_to_write_a_pattern(entry) -> None:
    pattern = parse_pattern(entry)
    assert pattern.category == "wall_plug"
    assert pattern.matches(PLUG, {"load": 10})
    assert not pattern.matches(BIT, {"load": 10})


def test_later_patterns_refer_to_what_earlier_ones_matched() -> None:
    patterns = [parse_pattern("wall_plug"),
                parse_pattern("drill_bit: diameter_mm = @wall_plug.diameter_mm")]
    chosen, unmatched = match_in_order(patterns, [BIT, PLUG])
    assert not unmatched and chosen["wall_plug"]["quantity"] == 2
    wide = Item("drill_bit", {"diameter_mm": 8.0})
    assert match_in_order(patterns, [wide, PLUG])[1] == [patterns[1]]


def test_what_a_pattern_names_must_exist() -> None:
    pattern = parse_pattern({"sofa": ["colour = red", "width_mm = @bed.width_mm"]})
    assert unknown_names(pattern, ["wall_plug"], ["width_mm"]) == [
        "unknown category sofa", "unknown attribute colour", "@bed names no earlier item"]
    with pytest.raises(RuleError):
        parse_pattern({"a": "x", "b": "y"})
