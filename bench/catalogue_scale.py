"""Catalogue at scale: import time, bundle building and product lookup at 10k-1M products.

    python -m bench.catalogue_scale --sizes 10000 100000 1000000

Products are generated from the demo catalogue's rows (same categories and attributes,
new skus, prices within +-20%, random stock), so every bundle still resolves; each size
gets a fresh SQLite database in a temporary folder.

Rules are checked against specs, so the number of distinct specs is what could make a
big catalogue slow. Copies of the demo rows alone share its ~200 specs at any size; so
rows are also given pack-size variants (``pieces`` grows: every rule on it is a
minimum, and no quantity depends on it), about one spec per ``--products-per-spec``
products: 100,000 specs at a million products.
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Tuple

from sqlalchemy import text as text_sql

from bench.common import progress, rss_mb, summary_ms, write_results
from bot.bundles import build_bundle
from bot.catalogue.importer import COLUMNS, import_products
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue, forget_cached_answers
from bot.catalogue.spec_index import forget_spec_indexes, spec_index
from bot.db import session_scope
from bot.discovery import DiscoveryEngine
from bot.settings import demo_dir
from bot.store import init_database


def generate(template_csv: Path, size: int, products_per_spec: int = 10,
             seed: int = 7) -> Tuple[str, List[str]]:
    """A products CSV of ``size`` rows made from the template rows, and its skus."""
    rng = random.Random(seed)
    with open(template_csv, newline="", encoding="utf-8") as handle:
        templates = list(csv.DictReader(handle))
    variants = max(1, size // (products_per_spec * len(templates)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    skus = []
    for i in range(size):
        row = dict(templates[i % len(templates)])
        row["sku"] = f"G{i:07d}-{row['sku']}"[:40]
        row["price"] = f"{float(row['price']) * rng.uniform(0.8, 1.2):.2f}"
        row["stock"] = str(rng.choice([0, 0, 1, 3, 5, 12, 40]))
        row["attributes"] = _pack_variant(row["attributes"], i // len(templates) % variants)
        writer.writerow([row[c] for c in COLUMNS])
        skus.append(row["sku"])
    return out.getvalue(), skus


def _pack_variant(attributes: str, variant: int) -> str:
    """The attributes with ``variant`` more pieces in the pack (none: as they are)."""
    if not variant:
        return attributes
    pairs = dict(p.split("=", 1) for p in attributes.split(";") if p)
    pairs["pieces"] = str(int(float(pairs.get("pieces", "1"))) + variant)
    return ";".join(f"{k}={v}" for k, v in pairs.items())


def measure(size: int, samples: int, folder: Path, template: Path, needs: Path,
            products_per_spec: int) -> Dict[str, Any]:
    url = f"sqlite:///{folder / f'catalogue-{size}.db'}"
    progress(f"{size:,} products: generating")
    text, all_skus = generate(template, size, products_per_spec)
    init_database(url, needs=needs)
    progress(f"{size:,} products: importing")
    started = time.perf_counter()
    with session_scope(url) as session:
        import_products(session, text)
    import_s = time.perf_counter() - started
    with session_scope(url) as session:
        specs = session.execute(text_sql("SELECT count(*) FROM specs")).scalar()
        progress(f"{size:,} products ({specs:,} specs): imported in {import_s:.1f} s; "
                 "building bundles")
        knowledge = current_knowledge(session)
        scenarios = DiscoveryEngine(knowledge).scenarios
        rng = random.Random(size)
        catalogue = SqlCatalogue(session)
        forget_spec_indexes()
        gc.collect()
        started, before_mb = time.perf_counter(), rss_mb(os.getpid())
        for category in knowledge.categories:
            spec_index(catalogue.version).category(session, category)
        index_s, index_mb = time.perf_counter() - started, rss_mb(os.getpid()) - before_mb
        bundle_s: List[float] = []
        for scenario in (rng.choice(scenarios) for _ in range(samples)):
            started = time.perf_counter()
            build_bundle(knowledge, catalogue, scenario.answers)
            bundle_s.append(time.perf_counter() - started)
        cold_s: List[float] = []
        cold_cpu_s: List[float] = []  # this process's CPU time: what other work cannot inflate
        for scenario in (rng.choice(scenarios) for _ in range(samples)):
            forget_cached_answers()
            started, cpu = time.perf_counter(), time.process_time()
            build_bundle(knowledge, SqlCatalogue(session), scenario.answers)
            cold_s.append(time.perf_counter() - started)
            cold_cpu_s.append(time.process_time() - cpu)
        lookup_s: List[float] = []
        for sku in (rng.choice(all_skus) for _ in range(samples)):
            started = time.perf_counter()
            catalogue.by_sku(sku)
            lookup_s.append(time.perf_counter() - started)
    return {"products": size, "specs": specs, "import_s": round(import_s, 2),
            "spec_index_s": round(index_s, 2), "spec_index_mb": round(index_mb, 1),
            "import_rows_per_s": round(size / import_s), "bundle": summary_ms(bundle_s),
            "bundle_cold": summary_ms(cold_s), "bundle_cold_cpu": summary_ms(cold_cpu_s),
            "lookup_by_sku": summary_ms(lookup_s)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--products-per-spec", type=int, default=10,
                        help="about how many products share a spec (pack-size variants)")
    parser.add_argument("--template", type=Path, default=demo_dir() / "products.csv")
    parser.add_argument("--needs", type=Path, default=demo_dir() / "needs.yml")
    parser.add_argument("--name", default="catalogue_scale", help="results/<name>.json and .md")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            results.append(measure(size, args.samples, Path(folder), args.template, args.needs,
                                   args.products_per_spec))
    table = [[f"{r['products']:,}", f"{r['specs']:,}", r["import_s"], r["import_rows_per_s"],
              r["spec_index_s"], r["spec_index_mb"],
              r["bundle"]["p50_ms"], r["bundle"]["p95_ms"],
              r["bundle_cold"]["p50_ms"], r["bundle_cold"]["p95_ms"],
              r["bundle_cold_cpu"]["p50_ms"], r["bundle_cold_cpu"]["p95_ms"],
              r["lookup_by_sku"]["p50_ms"], r["lookup_by_sku"]["p95_ms"]] for r in results]
    found = targets(results)
    write_results(args.name,
                  "python -m bench.catalogue_scale --sizes " + " ".join(map(str, args.sizes))
                  + f" --products-per-spec {args.products_per_spec}",
                  {"sizes": results, "targets": found}, table,
                  ["products", "specs", "import s", "rows/s", "spec index s", "spec index MB",
                   "bundle p50 ms", "bundle p95 ms",
                   "cold bundle p50 ms", "cold bundle p95 ms", "cold CPU p50 ms",
                   "cold CPU p95 ms", "sku lookup p50 ms", "sku lookup p95 ms"],
                  notes=["bundle: answers cached as in a running server (a shop's bundles repeat "
                         "their requirements); cold bundle: the answer cache emptied before each "
                         "build, so every product query runs. Targets are judged on cold builds "
                         "(wall time); CPU: the benchmark process's own CPU time for them, which "
                         "other work on the machine inflates far less.",
                         "spec index s: building the in-memory spec index of every category "
                         "(bot/catalogue/spec_index.py), done once per catalogue version by each "
                         "action server process, on the first query of each category; MB: "
                         "the growth of this process's resident memory while building it.",
                         "specs: products share a spec when all their attributes are equal; the "
                         "generator gives about one spec per --products-per-spec products.",
                         "Targets: " + "; ".join(f"{k}: {v}" for k, v in found.items()),
                         "The machine is shared with other work: figures are noisy."])


TARGETS = {100_000: ("bundle_p95_at_100k_within_5_ms", 5.0),
           1_000_000: ("bundle_p95_at_1m_within_20_ms", 20.0)}


def targets(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The issue's targets, each with the figure measured and whether it is met."""
    found: Dict[str, Any] = {}
    for r in results:
        if r["products"] in TARGETS:
            name, limit = TARGETS[r["products"]]
            found[name] = {"ms": r["bundle_cold"]["p95_ms"], "cpu_ms": r["bundle_cold_cpu"]["p95_ms"],
                           "met": r["bundle_cold"]["p95_ms"] <= limit}
        if r["products"] == 100_000:
            found["import_100k_within_15_s"] = {"s": r["import_s"], "met": r["import_s"] <= 15}
    return found


if __name__ == "__main__":
    main()
