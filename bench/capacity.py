"""Capacity at a human pace: how many shoppers one set-up holds with every turn's p95
under 300 ms and no errors, each shopper typing a message every 8 to 12 seconds through
whole consultations (the figure a shop plans with).

    python -m bench.capacity --setup postgresql --name capacity_1   # one Rasa server
    python -m bench.capacity --setup replicas --name capacity_2     # two behind nginx

Levels of shoppers are tried in turn (``--levels``, default 50, 100, 200, ...), each for
``--seconds`` on the same running servers, until one misses the target; then the level
halfway between the last that held and the first that did not is tried too. Each shopper
waits 8 to 12 s (uniformly) before every message, the first included, so arrivals spread
out; opens with a line for one of the demo jobs (or the drill), answers each question with
its first answer (half clicked, half typed) and takes the bundle, then a new shopper
starts. Turns in the first ``--warm-up`` seconds of a level are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from bench.common import progress, write_results
from bench.rest import Client, Conversation, Load, TurnFailed, buttons, payload, run_load
from bench.setups import SETUPS, start
from bench.soak import memory, openings
from bench.turns import our_model

TARGET_P95_MS = 300.0
THINK_S = (8.0, 12.0)
MAX_QUESTIONS = 12


def paced(openings_: List[str], typed_share: float, until: float) -> Conversation:
    """A shopper at a human pace (``THINK_S`` before each message) holding one whole
    consultation; a message that would come after ``until`` (``time.perf_counter``) is not
    sent: the level is over."""

    async def say(client: Client, sender: str, text: str, rng: random.Random) -> Any:
        await asyncio.sleep(rng.uniform(*THINK_S))
        if time.perf_counter() > until:
            raise TurnFailed("the level is over")  # not an error: nothing was sent
        return await client.say(sender, text)

    async def hold(client: Client, sender: str, rng: random.Random) -> bool:
        replies = await say(client, sender, rng.choice(openings_), rng)
        for _ in range(MAX_QUESTIONS):
            if payload(replies, "bundle"):
                taken = await say(client, sender, "/take_all", rng)
                return client.expect(bool(payload(taken, "order")), "no order after take all")
            offered = buttons(replies)
            if not payload(replies, "question") or not offered:
                return client.expect(False, "neither a question nor a bundle")
            first = offered[0]
            replies = await say(client, sender, first["title"] if rng.random() < typed_share
                                else first["payload"], rng)
        return False

    return hold


def level(rasa_url: str, shoppers: int, seconds: float, warm_up_s: float,
          typed_share: float, seed: int) -> Dict[str, Any]:
    """``shoppers`` at a human pace for ``seconds``; the figures of the turns after the warm-up."""
    until = time.perf_counter() + seconds
    load = Load(rasa_url, paced(openings(), typed_share, until), shoppers, seconds, seed=seed,
                prefix=f"capacity-{shoppers}-{seed}", warm_up_s=warm_up_s)
    figures = run_load(load)
    figures["held"] = figures["errors"] == 0 and figures["all"]["p95_ms"] < TARGET_P95_MS
    return figures


def search(rasa_url: str, levels: List[int], seconds: float, warm_up_s: float,
           typed_share: float, processes: Dict[str, int], rest_s: float = 10) -> List[Dict[str, Any]]:
    """Try ``levels`` in turn until one misses the target, then the level halfway; ``rest_s``
    between levels lets the last turns drain."""
    tried: List[Dict[str, Any]] = []

    def run(shoppers: int) -> bool:
        progress(f"{shoppers} shoppers for {seconds:g} s")
        figures = level(rasa_url, shoppers, seconds, warm_up_s, typed_share, seed=len(tried) + 1)
        figures["shoppers"] = shoppers
        figures["rss_mb"] = memory(processes)
        tried.append(figures)
        progress(f"  {figures['turns']} turns ({figures['turns_per_s']}/s), p50 "
                 f"{figures['all']['p50_ms']:.0f} ms, p95 {figures['all']['p95_ms']:.0f} ms, "
                 f"{figures['errors']} errors {figures['error_reasons'] or ''}: "
                 f"{'held' if figures['held'] else 'missed'}")
        time.sleep(rest_s)
        return bool(figures["held"])

    held: Optional[int] = None
    for shoppers in levels:
        if not run(shoppers):
            if held is not None and shoppers - held > 20:
                run((held + shoppers) // 2)
            break
        held = shoppers
    return tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setup", choices=SETUPS, default="postgresql")
    parser.add_argument("--levels", type=int, nargs="+",
                        default=[50, 100, 200, 300, 400, 500, 600, 800, 1000])
    parser.add_argument("--seconds", type=float, default=150)
    parser.add_argument("--warm-up", type=float, default=30)
    parser.add_argument("--typed-share", type=float, default=0.5)
    parser.add_argument("--name", default="capacity", help="results/<name>.json and .md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-capacity-") as tmp:
        progress(f"starting the {args.setup} set-up over a fresh demo catalogue")
        running = start(args.setup, our_model(), Path(tmp))
        try:
            tried = search(running.rasa_url, args.levels, args.seconds, args.warm_up,
                           args.typed_share, running.processes)
        finally:
            running.stop()
    holding = [t["shoppers"] for t in tried if t["held"]]
    capacity = max(holding) if holding else 0
    table = [[t["shoppers"], t["turns"], t["turns_per_s"], t["all"]["p50_ms"], t["all"]["p95_ms"],
              t["all"]["p99_ms"], t["errors"], "yes" if t["held"] else "no"] for t in tried]
    notes = [f"Set-up: {args.setup} (bench/setups.py). Capacity: {capacity} shoppers held with "
             f"turn p95 under {TARGET_P95_MS:.0f} ms and no errors.",
             f"Each level ran {args.seconds:g} s; turns of its first {args.warm_up:g} s not "
             f"counted. Shoppers wait {THINK_S[0]:g}-{THINK_S[1]:g} s before every message.",
             "Errors: " + "; ".join(f"{t['shoppers']}: {t['error_reasons']}" for t in tried
                                    if t["errors"]) if any(t["errors"] for t in tried) else
             "Errors: none at any level.",
             "Resident memory (MB) after each level: "
             + "; ".join(f"{t['shoppers']}: {t['rss_mb']}" for t in tried),
             "The machine is shared with other work: latencies are noisy."]
    write_results(args.name, "python -m bench.capacity " + " ".join(sys.argv[1:]),
                  {"setup": args.setup, "capacity": capacity, "levels": tried}, table,
                  ["shoppers", "turns", "turns/s", "p50 ms", "p95 ms", "p99 ms", "errors",
                   "held"], notes=notes)


if __name__ == "__main__":
    main()
