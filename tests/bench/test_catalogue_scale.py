"""The catalogue scale benchmark runs end to end on a tiny catalogue (no timing checked)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import bench.common
from bench import catalogue_scale


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_tiny_run_writes_its_figures_and_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   database: str) -> None:
    monkeypatch.setattr(bench.common, "RESULTS", tmp_path)
    monkeypatch.setattr(sys, "argv", ["catalogue_scale", "--sizes", "700", "--samples", "20",
                                      "--name", "tiny", "--database", database])
    catalogue_scale.main()
    found = json.loads((tmp_path / "tiny.json").read_text())
    size = found["results"]["sizes"][0]
    assert size["products"] == 700 and size["import_rows_per_s"] > 0
    assert size["bundle_cold"]["n"] == 20 and size["lookup_by_sku"]["n"] == 20
    assert size["database"] == database
    alone = size["spec_index_own_process"]
    assert alone["rss_mb_after"] >= alone["rss_mb_before"] > 0 and alone["arrays_mb"] >= 0
    assert "| 700 |" in (tmp_path / "tiny.md").read_text()


def test_generated_products_are_new_skus_over_the_template_rows() -> None:
    text, skus = catalogue_scale.generate(catalogue_scale.demo_dir() / "products.csv", 1000)
    assert len(set(skus)) == 1000 and text.count("\n") == 1001
