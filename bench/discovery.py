"""Needs discovery, measured: the simulated shopper (bench/shopper.py) runs every scenario
(bench/scenarios/) against the running assistant over REST, beside two baselines.

    .venv/bin/bot eval discovery                 # starts its own servers
    .venv/bin/bot eval discovery --url http://127.0.0.1:5005 --seeds 1

Per conversation: success (the bundle holds every required item, compatible, and nothing
forbidden), the questions asked, and the lower bound for the opening line. Baselines on
the same scenarios:

- *hand over what was asked for* (the customer culture): the item the assistant hands over
  when the shopper says "just the item" after the opening line; no questions.
- *every question of the job in a fixed order*: a form that asks what the job is (unless
  the opening line settled it), then every question of the job, and builds the bundle
  from the true answers (a perfect listener, so its success is an upper bound).

Lower bounds, over the solutions still possible after the opening line (as the assistant
read it, from the first question's ``decision.known``): ``entropy_bits`` is
``DiscoveryEngine.lower_bound``; ``lower_bound`` is that entropy in questions (bits over
log2 of the most options any remaining question has: no questioning strategy can need
fewer on average); ``optimum`` is the least expected number of questions any strategy
using the catalogue's questions can achieve, found by exhaustive search.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import uuid
from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence

from bench.common import RESULTS, free_port, progress, write_results
from bench.scenario import Scenario, as_checked, check_bundle, load_scenarios
from bench.shopper import Conversation, ShopperWords, SimulatedShopper, payload
from bot.bundles import build_bundle
from bot.catalogue.needs import read_needs_file
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope
from bot.discovery import DiscoveryEngine, Known
from bot.discovery import Scenario as Solution
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.products import Catalogue
from bot.serve import ensure_model, say, start_servers
from bot.settings import demo_dir
from bot.store import init_database

ROOT = Path(__file__).resolve().parent.parent
TARGET_SUCCESS = 0.95
TARGET_RATIO = 1.25


@dataclass(frozen=True)
class Bounds:
    entropy_bits: float
    lower_bound: float
    optimum: float


class Bounder:
    """Lower bounds on the questions needed, from the discovery engine's solutions."""

    def __init__(self, engine: DiscoveryEngine) -> None:
        self.engine = engine
        self.keys = [JOB_QUESTION] + list(engine.knowledge.questions)
        self._number = {id(s): i for i, s in enumerate(engine.scenarios)}
        self._optimum = lru_cache(maxsize=None)(self._optimum_uncached)

    def bounds(self, known: Known) -> Bounds:
        candidates = self.engine.candidates(known)
        bits = max(0.0, self.engine.lower_bound(known)) if candidates else 0.0
        widest = max((len(g) for g in (self._split(candidates, k) for k in self.keys)
                      if len(g) > 1), default=2)
        ids = self._ids(candidates)
        return Bounds(round(bits, 3), round(bits / math.log2(widest), 3),
                      round(self._optimum(ids), 3))

    def _ids(self, solutions: Iterable[Solution]) -> FrozenSet[int]:
        return frozenset(self._number[id(s)] for s in solutions)

    def _split(self, candidates: Sequence[Solution], key: str) -> Dict[str, List[Solution]]:
        if not candidates or any(key not in s.answers for s in candidates):
            return {}
        groups: Dict[str, List[Solution]] = defaultdict(list)
        for s in candidates:
            groups[s.answers[key]].append(s)
        return groups

    def _optimum_uncached(self, ids: FrozenSet[int]) -> float:
        candidates = [self.engine.scenarios[i] for i in sorted(ids)]
        if len({s.signature for s in candidates}) <= 1:
            return 0.0
        total = sum(s.weight for s in candidates)
        best = math.inf
        for key in self.keys:
            groups = self._split(candidates, key)
            if len(groups) < 2:
                continue
            expected = 1 + sum(
                sum(s.weight for s in g) / total
                * self._optimum(self._ids(g))
                for g in groups.values())
            best = min(best, expected)
        return best


def known_from(first: Optional[Mapping[str, Sequence[str]]], scenario: Scenario) -> Known:
    """What the opening line settled; a bundle at once means: everything."""
    if first is None:
        return {k: frozenset([v]) for k, v in scenario.answers.items()}
    return {k: frozenset(v) for k, v in first.items()}


def fixed_order(knowledge: Knowledge, catalogue: Catalogue, scenario: Scenario,
                known: Known) -> Dict[str, Any]:
    """The form baseline: every question of the job, the bundle from the true answers."""
    job_settled = known.get(JOB_QUESTION) == frozenset([scenario.job])
    questions = len(knowledge.jobs[scenario.job].questions) + (0 if job_settled else 1)
    verdict = check_bundle(scenario, as_checked(build_bundle(knowledge, catalogue,
                                                             scenario.answers)))
    return {"success": verdict.success, "questions": questions, "covered": verdict.covered,
            "problems": list(verdict.problems)}


def hand_over(rasa_url: str, scenario: Scenario) -> Dict[str, Any]:
    """The customer-culture baseline: the opening line, then "just the item"."""
    sender = f"eval-item-{scenario.id}-{uuid.uuid4().hex[:6]}"
    say(rasa_url, sender, scenario.opening)
    product = payload(say(rasa_url, sender, "/just_the_item"), "product")
    items = [{**product["product"], "quantity": 1}] if product else []
    verdict = check_bundle(scenario, {"items": items})
    return {"success": verdict.success, "questions": 0, "covered": verdict.covered,
            "problems": list(verdict.problems),
            "item": product["product"]["name"] if product else None}


def evaluate(rasa_url: str, knowledge: Knowledge, catalogue: Catalogue,
             scenarios: Sequence[Scenario], seeds: Sequence[int]) -> Dict[str, Any]:
    """Run the shopper for every scenario and seed, and both baselines once each."""
    words = ShopperWords.load()
    bounder = Bounder(DiscoveryEngine(knowledge))
    rows: List[Dict[str, Any]] = []
    for number, scenario in enumerate(scenarios, 1):
        runs = []
        for seed in seeds:
            sender = f"eval-{scenario.id}-{seed}-{uuid.uuid4().hex[:6]}"
            shopper = SimulatedShopper(knowledge, words,
                                       lambda text, s=sender: say(rasa_url, s, text), seed)
            runs.append(_run_row(scenario, shopper.consult(scenario), bounder))
        first = runs[0]
        known = known_from(first["conversation"]["first_known"], scenario)
        row = {"id": scenario.id, "job": scenario.job, "opening": scenario.opening,
               "runs": runs, "bounds": first["bounds"],
               "fixed_order": fixed_order(knowledge, catalogue, scenario, known),
               "hand_over": hand_over(rasa_url, scenario)}
        rows.append(row)
        ok = sum(r["success"] for r in runs)
        progress(f"{number}/{len(scenarios)} {scenario.id}: {ok}/{len(runs)} right, "
                 f"questions {[r['questions'] for r in runs]}, "
                 f"bound {row['bounds']['lower_bound']}")
    return {"scenarios": rows, "summary": summarise(rows)}


def _run_row(scenario: Scenario, talk: Conversation, bounder: Bounder) -> Dict[str, Any]:
    verdict = check_bundle(scenario, talk.bundle)
    known = known_from(talk.first_known, scenario)
    bounds = bounder.bounds(known)
    conversation = {**talk.as_dict(), "first_known": talk.first_known}
    return {"seed": talk.seed, "success": verdict.success, "covered": verdict.covered,
            "problems": list(verdict.problems),
            "questions": len(talk.questions), "bounds": bounds.__dict__,
            "conversation": conversation}


def summarise(rows: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """Success and mean questions: the assistant, both baselines, overall and per job."""
    def figures(selected: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
        runs = [r for row in selected for r in row["runs"]]
        bound = statistics.fmean(r["bounds"]["lower_bound"] for r in runs)
        optimum = statistics.fmean(r["bounds"]["optimum"] for r in runs)
        asked = statistics.fmean(r["questions"] for r in runs)
        return {
            "scenarios": len(selected), "conversations": len(runs),
            "success": round(sum(r["success"] for r in runs) / len(runs), 4),
            "covered": round(statistics.fmean(r["covered"] for r in runs), 4),
            "mean_questions": round(asked, 3),
            "mean_entropy_bits": round(statistics.fmean(r["bounds"]["entropy_bits"]
                                                        for r in runs), 3),
            "mean_lower_bound": round(bound, 3), "mean_optimum": round(optimum, 3),
            "ratio_to_lower_bound": round(asked / bound, 3) if bound else None,
            "ratio_to_optimum": round(asked / optimum, 3) if optimum else None,
            "fixed_order": _baseline(selected, "fixed_order"),
            "hand_over": _baseline(selected, "hand_over"),
        }
    jobs = sorted({row["job"] for row in rows})
    overall = figures(rows)
    overall["targets"] = {"success": TARGET_SUCCESS, "ratio_to_lower_bound": TARGET_RATIO,
                          "success_met": overall["success"] >= TARGET_SUCCESS,
                          "ratio_met": (overall["ratio_to_lower_bound"] or 0) <= TARGET_RATIO}
    return {"overall": overall,
            "per_job": {job: figures([r for r in rows if r["job"] == job]) for job in jobs}}


def _baseline(rows: Sequence[Mapping[str, Any]], name: str) -> Dict[str, float]:
    return {"success": round(sum(r[name]["success"] for r in rows) / len(rows), 4),
            "covered": round(statistics.fmean(r[name]["covered"] for r in rows), 4),
            "mean_questions": round(statistics.fmean(r[name]["questions"] for r in rows), 3)}


def write(results: Dict[str, Any], command: str) -> Path:
    """results/discovery.json and .md: the comparison, per job, and each failure."""
    overall = results["summary"]["overall"]
    header = ["approach", "success", "required items held", "mean questions", "x lower bound",
              "x optimum"]
    bound, optimum = overall["mean_lower_bound"], overall["mean_optimum"]
    table = [["assistant (simulated shopper)", _pct(overall["success"]),
              _pct(overall["covered"]), overall["mean_questions"], overall["ratio_to_lower_bound"],
              overall["ratio_to_optimum"]]]
    for name, label in (("fixed_order", "every question, fixed order"),
                        ("hand_over", "hand over what was asked for")):
        b = overall[name]
        table.append([label, _pct(b["success"]), _pct(b["covered"]), b["mean_questions"],
                      _ratio(b["mean_questions"], bound), _ratio(b["mean_questions"], optimum)])
    table.append(["lower bound (entropy in questions)", "", "", bound, 1.0, ""])
    table.append(["optimum (best strategy, on average)", "", "", optimum, "", 1.0])
    path = write_results("discovery", command, results, table, header)
    lines = ["", "## Per job", "",
             "| job | scenarios | success | mean questions | lower bound | optimum | "
             "fixed order: success, questions | hand over: success |",
             "|---|---|---|---|---|---|---|---|"]
    for job, f in results["summary"]["per_job"].items():
        lines.append(f"| {job} | {f['scenarios']} | {_pct(f['success'])} | "
                     f"{f['mean_questions']} | {f['mean_lower_bound']} | {f['mean_optimum']} | "
                     f"{_pct(f['fixed_order']['success'])}, {f['fixed_order']['mean_questions']} | "
                     f"{_pct(f['hand_over']['success'])} |")
    failures = [(row, run) for row in results["scenarios"] for run in row["runs"]
                if not run["success"]]
    lines += ["", f"## Conversations that missed ({len(failures)})", ""]
    for row, run in failures:
        said = " → ".join(f"“{t['said']}”" for t in run["conversation"]["turns"])
        lines.append(f"- `{row['id']}` seed {run['seed']}: {'; '.join(run['problems'])}. "
                     f"Shopper: {said}")
    with path.open("a") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _ratio(value: float, base: float) -> Any:
    return round(value / base, 2) if base else ""


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bot eval discovery", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running assistant (default: start one over a fresh "
                        "demo catalogue)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3],
                        help="one conversation per scenario and seed (phrasing varies)")
    parser.add_argument("--only", nargs="*", default=[], help="scenario ids or jobs")
    parser.add_argument("--model", type=Path, help="default: the model for the training data")
    parser.add_argument("--needs", type=Path, default=demo_dir() / "needs.yml")
    parser.add_argument("--products", type=Path, default=demo_dir() / "products.csv")
    args = parser.parse_args(list(argv) if argv is not None else None)
    knowledge = read_needs_file(args.needs)
    scenarios = [s for s in load_scenarios(knowledge)
                 if not args.only or s.id in args.only or s.job in args.only]
    command = "bot eval discovery --seeds " + " ".join(map(str, args.seeds)) + (
        f" --url {args.url}" if args.url else "") + (f" --model {args.model}" if args.model else "")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = f"sqlite:///{folder / 'catalogue.db'}"
        init_database(url, needs=args.needs, products=args.products)
        rasa_url, assistant = args.url, f"running at {args.url}"
        if rasa_url is None:
            progress("starting the action server and the Rasa server")
            model = args.model or ensure_model(ROOT)
            assistant = f"started here with {model.name}"
            servers = stack.enter_context(start_servers(
                ROOT, model=model, rasa_port=free_port(),
                actions_port=free_port(), page_port=free_port(), staff_port=free_port(),
                env={"BOT_DATABASE_URL": url},
                tracker_db=folder / "tracker.db", run_dir=folder))
            rasa_url = servers.rasa_url
        progress(f"{len(scenarios)} scenarios x {len(args.seeds)} seeds against {rasa_url}")
        session = stack.enter_context(session_scope(url))
        results = evaluate(rasa_url, knowledge, SqlCatalogue(session), scenarios, args.seeds)
    results["assistant"] = assistant
    write(results, command)
    overall = results["summary"]["overall"]
    progress(f"success {_pct(overall['success'])} (target {_pct(TARGET_SUCCESS)}), "
             f"questions {overall['mean_questions']} = {overall['ratio_to_lower_bound']} x the "
             f"lower bound (target {TARGET_RATIO}); results in {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
