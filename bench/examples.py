"""Write data/nlu_knowledge.yml (``bot examples``): the knowledge in shoppers' frames
(bot/training_examples.py), leaving out every line the measurements use: the messages
written apart (bench/nlu), the scenarios' openings and the simulated shopper's words. They
must stay words the model was never trained on, or they measure nothing.

    python -m bench.examples
"""

from __future__ import annotations

from pathlib import Path
from typing import Set

import yaml

from bench.scenario import load_scenarios
from bench.shopper import ShopperWords
from bot.catalogue.needs import read_needs_file
from bot.settings import demo_dir
from bot.training_examples import TARGET, file_for, normalise

ROOT = Path(__file__).resolve().parent.parent


def measured_lines() -> Set[str]:
    """Every line the benchmarks send or score, normalised as training data is compared."""
    messages = [str(m["text"]) for path in sorted((ROOT / "bench" / "nlu").glob("*.yml"))
                for m in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]
    openings = [s.opening for s in load_scenarios(read_needs_file(demo_dir() / "needs.yml"))]
    return {normalise(line) for line in messages + openings + ShopperWords.load().utterances()}


def main() -> int:
    text, count = file_for(measured_lines())
    (ROOT / TARGET).write_text(text, encoding="utf-8")
    print(f"{TARGET}: {count} examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
