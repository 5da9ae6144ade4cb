"""`bot knowledge check`: every combination of every job's answers, built and held against
the knowledge's invariants, and the merchandiser's report. Run on the small test
catalogue, with invariants and faults added as a shop editing its data would."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

from bot.cli import main
from bot.knowledge import KnowledgeError, from_yaml_dict
from bot.knowledge_check import CheckResult, check_knowledge, format_result, reason_problems
from bot.products import MemoryCatalogue, ProductInfo

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SMALL: Dict[str, Any] = yaml.safe_load((FIXTURES / "needs_small.yml").read_text())


def products() -> List[ProductInfo]:
    rows = (FIXTURES / "products_small.csv").read_text().splitlines()[1:]
    found = []
    for row in rows:
        sku, name, brand, department, category, price, stock, aisle, attrs = row.split(",")
        attributes = {k: (float(v) if v.replace(".", "").isdigit() else v)
                      for k, v in (pair.split("=") for pair in attrs.split(";"))}
        found.append(ProductInfo(sku, name, brand, category, round(float(price) * 100),
                                 int(stock), aisle, attributes))
    return found


def run(data: Dict[str, Any], catalogue: List[ProductInfo] = None) -> CheckResult:
    catalogue = products() if catalogue is None else catalogue
    return check_knowledge(from_yaml_dict(data), MemoryCatalogue(catalogue),
                           [(p.sku, p.category) for p in catalogue])


def with_invariants(**invariants: Any) -> Dict[str, Any]:
    return {**SMALL, "invariants": invariants}


def kinds(result: CheckResult) -> List[Tuple[str, str, str]]:
    return sorted({(f.kind, f.job, f.detail) for f in result.failures})


def test_every_combination_of_every_job_is_built_once_per_signature() -> None:
    result = run(SMALL)
    # hang_picture 3 x 2 x 2, put_up_shelf 3 x 2, day_hike 2
    assert result.combinations == 12 + 6 + 2
    assert result.signatures < result.combinations  # permanence changes nothing
    assert result.jobs == 3


def test_a_broken_invariant_names_the_job_the_answers_and_the_rule() -> None:
    data = with_invariants(no_twist_locks_in_dust={
        "says": "poles for dust never twist-lock",
        "when": {"answers": {"terrain": ["dusty", "rocky"]}},
        "must_not_hold": ["trekking_poles: lock = twist"]})
    result = run(data)
    [failure] = result.failures
    assert (failure.kind, failure.job) == ("invariant", "day_hike")
    assert failure.answers["terrain"] == "rocky"
    assert failure.detail == ("no_twist_locks_in_dust (poles for dust never twist-lock): "
                              "holds trekking_poles (lock = twist)")
    text = format_result(result)
    assert "FAILED" in text and "e.g. terrain=rocky" in text


def test_invariants_that_hold_pass_and_refer_to_answers_and_earlier_items() -> None:
    data = with_invariants(
        bit_as_wide_as_the_plugs={
            "says": "the bit is as wide as the plugs",
            "when": {"holds": ["wall_plug"]},
            "must_hold": ["wall_plug", {"drill_bit": "diameter_mm = @wall_plug.diameter_mm"}]},
        plugs_carry_the_weight={
            "says": "the plugs carry what hangs on them",
            "when": {"holds": ["wall_plug"], "answers": {"job": ["hang_picture"]}},
            "must_hold": ["wall_plug: load_kg >= $load_kg"],
            "totals": ["count(wall_plug) >= 4"]})
    result = run(data)
    assert result.passed, format_result(result)
    assert result.invariants == 2


def test_a_total_short_of_what_it_must_be_fails_with_both_sides() -> None:
    data = with_invariants(enough_hooks={
        "says": "five hooks at least", "when": {"answers": {"job": ["hang_picture"]}},
        "totals": ["count(picture_hook) >= 5"]})
    details = {f.detail for f in run(data).failures}
    assert details == {"enough_hooks (five hooks at least): fails count(picture_hook) >= 5 "
                       "(2 against 5)"}


def test_out_of_stock_without_a_substitute_and_no_bundle_are_failures() -> None:
    catalogue = [p for p in products() if p.sku not in ("HOOK-10", "HOOK-30", "BRK-40")]
    found = kinds(run(SMALL, catalogue))
    assert ("out of stock", "hang_picture",
            "HOOK-5 (hook): 0 in stock, 2 needed, and no substitute") in found
    assert ("no bundle", "put_up_shelf", "nothing in the catalogue for shelf bracket") in found


def test_a_reason_that_repeats_itself_or_names_another_jobs_thing_fails() -> None:
    knowledge = from_yaml_dict(SMALL)
    assert reason_problems(knowledge, "put_up_shelf", "so the shelf is level") == []
    [problem] = reason_problems(knowledge, "put_up_shelf", "so the picture is straight")
    assert "names 'picture', a word of the job hang_picture" in problem
    [problem] = reason_problems(knowledge, "hang_picture",
                                "won't bridge a big hole (won't bridge a hole)")
    assert "repeats itself" in problem
    data = yaml.safe_load(yaml.safe_dump(SMALL))
    data["jobs"]["put_up_shelf"]["components"][2]["reason"] = "to hang the picture"
    assert ("reason", "put_up_shelf") in {(f.kind, f.job) for f in run(data).failures}


def test_the_report_names_idle_questions_unreached_products_and_short_stock() -> None:
    report = run(SMALL).report
    assert ("hang_picture", "permanence", False) in report.idle_questions
    assert "SCR-4" not in report.unreachable.get("screw", [])  # fits the red plugs
    assert "BIT-W10" in report.unreachable["drill_bit"]  # no job drills wood here
    assert report.products == len(products())
    # The most likely picture (brick, light) wants 5 kg hooks, out of stock today.
    assert any(job == "hang_picture" and "Picture hook 5 kg (out of stock" in detail
               for job, _, detail in report.short_today)


def test_an_invariant_naming_what_does_not_exist_is_refused_with_its_place() -> None:
    data = with_invariants(bad={"says": "x", "must_hold": ["sofa"],
                                "when": {"answers": {"wall": ["glass"]}}})
    with pytest.raises(KnowledgeError) as raised:
        from_yaml_dict(data)
    assert "invariants.bad.must_hold.0: unknown category sofa" in str(raised.value)
    assert "invariants.bad.when.0.answers.wall: wall has no option glass" in str(raised.value)


def test_the_command_checks_files_and_says_how_it_went(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture) -> None:
    code = main(["knowledge", "check", "--needs", str(FIXTURES / "needs_small.yml"),
                 "--products", str(FIXTURES / "products_small.csv")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("3 jobs, 20 combinations of answers")
    assert "Merchandiser's report" in out and "Products no bundle can reach" in out

    broken = tmp_path / "needs.yml"
    broken.write_text(yaml.safe_dump(with_invariants(always_poles={
        "says": "every bundle holds poles", "must_hold": ["trekking_poles"]})))
    code = main(["knowledge", "check", "--needs", str(broken),
                 "--products", str(FIXTURES / "products_small.csv")])
    out = capsys.readouterr().out
    assert code == 1
    assert "- invariant, hang_picture: always_poles (every bundle holds poles): lacks trekking_poles" in out
