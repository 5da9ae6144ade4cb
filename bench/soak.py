"""A bounded soak on loopback: many simulated shoppers holding whole consultations at once.

    python -m bench.soak                          # 64 shoppers for 3 minutes
    python -m bench.soak --shoppers 8 --seconds 20
    python -m bench.soak --setup replicas --name soak_replicas   # two of each behind nginx

Set-ups (``bench/setups.py``): ``sqlite`` (one Rasa server and one action server on SQLite,
the default), ``postgresql`` (one of each behind nginx on PostgreSQL and Redis), ``replicas``
(two of each).

Each shopper opens with a line for one of the demo jobs ("I would like to paint a room")
or asks for an item ("Do you have a 10mm drill?"), answers every question with its first
answer (half the time clicking the button, half the time typing its words), and takes
the bundle; then starts again as a new shopper. The servers are ours (over the demo
catalogue, fresh databases). Reported: turns, errors (HTTP errors,
timeouts, empty answers, and answers that are neither the next question nor the bundle,
such as the apology for a turn that ran out of time), consultations that did not reach a
bundle, latency, and the
resident memory of each process sampled through the run (steady growth would show here).
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List

from bench.common import progress, rss_mb, write_results
from bench.rest import Load, Record, consultation, run_load
from bench.setups import SETUPS, start
from bench.turns import DRILL, our_model
from bot.catalogue.needs import read_needs_file
from bot.settings import demo_dir


def openings() -> List[str]:
    """An opening line for every demo job, and the drill."""
    knowledge = read_needs_file(demo_dir() / "needs.yml")
    return [f"I would like to {job.name}" for job in knowledge.jobs.values()] + [DRILL]


def memory(processes: Dict[str, int]) -> Dict[str, float]:
    """Resident memory of each named process (with its children), in MB."""
    return {name: rss_mb(pid) for name, pid in processes.items()}


def soak(rasa_url: str, processes: Dict[str, int], shoppers: int, seconds: float,
         typed_share: float) -> Dict[str, Any]:
    samples: List[Dict[str, Any]] = [{"s": 0.0, **memory(processes)}]

    def tick(record: Record, elapsed: float) -> None:
        samples.append({"s": round(elapsed, 1), **memory(processes)})
        progress(f"  {elapsed:.0f} s: {record.turns} turns, {sum(record.errors.values())} "
                 f"errors, {record.conversations} consultations; RSS {samples[-1]}")

    load = Load(rasa_url, consultation(openings(), typed_share), shoppers, seconds,
                prefix=f"soak-{secrets.token_hex(3)}", on_tick=tick, tick_s=max(5.0, seconds / 12))
    figures = run_load(load)
    samples.append({"s": figures["elapsed_s"], **memory(processes)})
    figures["rss_mb_samples"] = samples
    figures["rss_mb_start"] = {k: samples[0][k] for k in processes}
    figures["rss_mb_end"] = {k: samples[-1][k] for k in processes}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shoppers", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--typed-share", type=float, default=0.5,
                        help="share of answers typed in words rather than clicked")
    parser.add_argument("--setup", choices=SETUPS, default="sqlite",
                        help="what serves the shoppers (bench/setups.py)")
    parser.add_argument("--name", default="soak", help="results/<name>.json and .md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        progress(f"starting the {args.setup} set-up over a fresh demo catalogue")
        running = start(args.setup, our_model(), Path(tmp))
        try:
            progress(f"answering after {running.cold_s:.0f} s; {args.shoppers} shoppers for "
                     f"{args.seconds:g} s")
            figures = soak(running.rasa_url, running.processes, args.shoppers, args.seconds,
                           args.typed_share)
        finally:
            running.stop()
    figures["shoppers"] = args.shoppers
    figures["setup"] = args.setup
    table = [[kind, v["n"], v["p50_ms"], v["p95_ms"], v["p99_ms"]]
             for kind, v in [("all", figures["all"]), *figures["by_kind"].items()]]
    growth = {k: round(figures["rss_mb_end"][k] - figures["rss_mb_start"][k], 1)
              for k in figures["rss_mb_start"]}
    notes = [f"Set-up: {args.setup} (bench/setups.py).",
             f"{args.shoppers} shoppers, {figures['elapsed_s']} s: {figures['turns']} turns "
             f"({figures['turns_per_s']}/s), {figures['conversations']} consultations, "
             f"{figures['unfinished']} without a bundle, {figures['errors']} errors "
             f"{figures['error_reasons'] or ''}",
             f"Resident memory (MB) at start {figures['rss_mb_start']}, at end "
             f"{figures['rss_mb_end']}, change {growth}; samples: {figures['rss_mb_samples']}",
             "The machine is shared with other work: latencies are noisy."]
    command = "python -m bench.soak " + " ".join(sys.argv[1:])
    write_results(args.name, command.strip(), figures, table,
                  ["turn", "n", "p50 ms", "p95 ms", "p99 ms"], notes=notes)


if __name__ == "__main__":
    main()
