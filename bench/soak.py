"""A bounded soak on loopback: many simulated shoppers holding whole consultations at once.

    python -m bench.soak                          # 64 shoppers for 3 minutes
    python -m bench.soak --shoppers 8 --seconds 20

Each shopper opens with a line for one of the demo jobs ("I would like to paint a room")
or asks for an item ("Do you have a 10mm drill?"), answers every question with its first
answer (half the time clicking the button, half the time typing its words), and takes
the bundle; then starts again as a new shopper. The servers are ours (Rasa + action
server over the demo catalogue, fresh databases). Reported: turns, errors (HTTP errors,
timeouts, empty answers, and answers that are neither the next question nor the bundle,
such as the apology for a turn that ran out of time), consultations that did not reach a
bundle, latency, and the
resident memory of each server sampled through the run (steady growth would show here).
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
from bench.turns import DRILL, our_model, start_ours
from bot.catalogue.needs import read_needs_file
from bot.serve import Servers
from bot.settings import demo_dir

SERVERS = ["action_server", "rasa_server"]


def openings() -> List[str]:
    """An opening line for every demo job, and the drill."""
    knowledge = read_needs_file(demo_dir() / "needs.yml")
    return [f"I would like to {job.name}" for job in knowledge.jobs.values()] + [DRILL]


def memory(servers: Servers) -> Dict[str, float]:
    return {name: rss_mb(p.pid) for name, p in zip(SERVERS, servers.processes)}


def soak(servers: Servers, shoppers: int, seconds: float, typed_share: float) -> Dict[str, Any]:
    samples: List[Dict[str, Any]] = [{"s": 0.0, **memory(servers)}]

    def tick(record: Record, elapsed: float) -> None:
        samples.append({"s": round(elapsed, 1), **memory(servers)})
        progress(f"  {elapsed:.0f} s: {record.turns} turns, {sum(record.errors.values())} "
                 f"errors, {record.conversations} consultations; RSS {samples[-1]}")

    load = Load(servers.rasa_url, consultation(openings(), typed_share), shoppers, seconds,
                prefix=f"soak-{secrets.token_hex(3)}", on_tick=tick, tick_s=max(5.0, seconds / 12))
    figures = run_load(load)
    samples.append({"s": figures["elapsed_s"], **memory(servers)})
    figures["rss_mb_samples"] = samples
    figures["rss_mb_start"] = {k: samples[0][k] for k in SERVERS}
    figures["rss_mb_end"] = {k: samples[-1][k] for k in SERVERS}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shoppers", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--typed-share", type=float, default=0.5,
                        help="share of answers typed in words rather than clicked")
    parser.add_argument("--name", default="soak", help="results/<name>.json and .md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp:
        progress("starting our servers over a fresh demo catalogue")
        servers, cold = start_ours(our_model(), Path(tmp))
        try:
            progress(f"answering after {cold:.0f} s; {args.shoppers} shoppers for {args.seconds:g} s")
            figures = soak(servers, args.shoppers, args.seconds, args.typed_share)
        finally:
            servers.stop()
    figures["shoppers"] = args.shoppers
    table = [[kind, v["n"], v["p50_ms"], v["p95_ms"], v["p99_ms"]]
             for kind, v in [("all", figures["all"]), *figures["by_kind"].items()]]
    growth = {k: round(figures["rss_mb_end"][k] - figures["rss_mb_start"][k], 1) for k in SERVERS}
    notes = [f"{args.shoppers} shoppers, {figures['elapsed_s']} s: {figures['turns']} turns "
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
