"""The discovery scenarios (bench/scenarios/) and the shopper's words: well formed, every
job covered, written apart from the training data, and right by the demo catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

from bench.scenario import (
    Scenario,
    ScenarioError,
    as_checked,
    check_bundle,
    load_scenarios,
    normalise,
    training_utterances,
)
from bench.shopper import ShopperWords
from bot.bundles import build_bundle
from bot.catalogue.needs import read_needs_file
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope
from bot.settings import demo_dir
from bot.store import init_database

DEMO = read_needs_file(demo_dir() / "needs.yml")
SCENARIOS = load_scenarios(DEMO)


def item(category: str, quantity: int = 1, **attributes: Any) -> Dict[str, Any]:
    return {"category": category, "quantity": quantity, "attributes": attributes}


def scenario_from(tmp_path: Path, text: str) -> Scenario:
    (tmp_path / "hang_picture.yml").write_text(text)
    return load_scenarios(DEMO, tmp_path)[0]


PLUGS_AND_BIT = """
job: hang_picture
scenarios:
  - id: one
    opening: a mirror for the hall
    need: {wall: brick, weight: heavy, board: single, drill: hammer}
    amounts: {weight: 20}
    must:
      - drill_bit: material = masonry
      - wall_plug: [diameter_mm = @drill_bit.diameter_mm, load_kg >= 20]
      - picture_hook: quantity >= 2
    must_not:
      - cavity_fixing
"""


def test_at_least_sixty_scenarios_cover_every_job() -> None:
    assert len(SCENARIOS) >= 60
    assert {s.job for s in SCENARIOS} == set(DEMO.jobs)
    assert min(sum(s.job == job for s in SCENARIOS) for job in DEMO.jobs) >= 6


def test_no_scenario_or_shopper_line_is_a_training_example() -> None:
    trained = training_utterances()
    lines = [s.opening for s in SCENARIOS] + ShopperWords.load().utterances()
    copied = sorted({line for line in lines if normalise(line) in trained})
    assert not copied, f"written word for word in data/: {copied}"


def test_the_check_against_training_data_sees_a_copied_line(tmp_path: Path) -> None:
    (tmp_path / "nlu.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: inform\n    examples: |\n'
        "      - it's [brick](wall)\n      - About 3 kilos\n")
    trained = training_utterances(tmp_path)
    assert normalise("It's brick.") in trained and normalise("about 3  kilos") in trained
    assert normalise("it's brick, honestly") not in trained


def test_every_scenario_is_right_with_the_true_answers(tmp_path: Path) -> None:
    """A form asking everything gets each hidden need's bundle right from the demo
    catalogue: the scenarios ask for what the shop can sell."""
    url = f"sqlite:///{tmp_path / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    with session_scope(url) as session:
        catalogue = SqlCatalogue(session)
        wrong = {s.id: check_bundle(s, as_checked(build_bundle(DEMO, catalogue, s.answers)))
                 for s in SCENARIOS}
    assert {k: v.problems for k, v in wrong.items() if not v.success} == {}


def test_a_right_bundle_passes_and_each_fault_is_named(tmp_path: Path) -> None:
    scenario = scenario_from(tmp_path, PLUGS_AND_BIT)
    right: List[Dict[str, Any]] = [item("drill_bit", material="masonry", diameter_mm=7.0),
                                   item("wall_plug", diameter_mm=7.0, load_kg=25.0),
                                   item("picture_hook", 2, load_kg=25.0)]
    assert check_bundle(scenario, {"items": right, "missing": []}).success
    assert check_bundle(scenario, {"items": right[:1]}).covered == pytest.approx(1 / 3)
    wide_bit = [item("drill_bit", material="masonry", diameter_mm=8.0)] + right[1:]
    assert check_bundle(scenario, {"items": wide_bit}).problems == (
        "lacks wall_plug (diameter_mm = @drill_bit.diameter_mm, load_kg >= 20)",)
    one_hook = right[:2] + [item("picture_hook", 1)]
    assert not check_bundle(scenario, {"items": one_hook}).success
    toggles = right + [item("cavity_fixing")]
    assert check_bundle(scenario, {"items": toggles}).problems == ("holds cavity_fixing",)
    assert check_bundle(scenario, {"items": right, "missing": ["screw"]}).problems == (
        "missing component: screw",)
    assert not check_bundle(scenario, None).success


def test_two_must_items_of_one_category_are_each_counted_as_held(tmp_path: Path) -> None:
    scenario = scenario_from(tmp_path, PLUGS_AND_BIT.replace(
        "      - picture_hook: quantity >= 2\n",
        "      - picture_hook: quantity >= 2\n      - picture_hook: load_kg >= 20\n"))
    hooks = [item("drill_bit", material="masonry", diameter_mm=7.0),
             item("wall_plug", diameter_mm=7.0, load_kg=25.0),
             item("picture_hook", 2, load_kg=25.0)]
    assert check_bundle(scenario, {"items": hooks}).covered == 1.0


@pytest.mark.parametrize("change, message", [
    ("need: {wall: brick, weight: heavy, board: single, drill: hammer}", "need: {wall: brick}"),
    ("need: {wall: brick, weight: heavy, board: single, drill: hammer}",
     "need: {wall: glass, weight: heavy, board: single, drill: hammer}"),
    ("amounts: {weight: 20}", "amounts: {weight: 3}"),
    ("- picture_hook: quantity >= 2", "- picture_hook: colour = red"),
    ("- cavity_fixing", "- sofa"),
    ("- drill_bit: material = masonry", "- drill_bit: diameter_mm = @wall_plug.diameter_mm"),
])
def test_a_scenario_that_does_not_fit_the_knowledge_is_refused(
        tmp_path: Path, change: str, message: str) -> None:
    with pytest.raises(ScenarioError, match="hang_picture.yml, scenario one"):
        scenario_from(tmp_path, PLUGS_AND_BIT.replace(change, message))
