"""Whole turns over REST on loopback, against the sample bot of ``rasa init`` in the same run.

    python -m bench.turns                 # about 10 minutes on 2 cores
    python -m bench.turns --quick         # a short run (smoke test size)
    python -m bench.turns --training      # also time training both models from scratch

Our assistant (Rasa server + action server + the demo catalogue, fresh databases in a
temporary folder) holds the drill conversation: "Do you have a 10mm drill?", each question
answered by its first button, then the bundle taken. Each turn is named by what it
answered: ``question`` (a custom-action turn that asks the next question), ``bundle`` (the
turn that builds and sends the bundle), ``order``. The reference is the untouched sample
bot of ``rasa init`` (made once under var/bench/sample-bot, model cached there) answering
"hello". The two are measured in alternating phases at 1, 16 and 64 concurrent
conversations, so noise from other work on the machine falls on both; every figure is
also given as a ratio to the sample bot's.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from bench.common import free_port, progress, rss_mb, write_results
from bench.rest import Load, consultation, greeting_chat, run_load
from bot.serve import Servers, ensure_model, say, start_servers
from bot.settings import demo_dir
from bot.store import init_database

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "var" / "bench" / "sample-bot"
DRILL = "Do you have a 10mm drill?"
READY_TIMEOUT_S = 300


def rasa_bin() -> str:
    return str(Path(sys.executable).parent / "rasa")


def our_model() -> Path:
    """The model to serve: ``BOT_MODEL`` when set (as in the tests), else the current one
    (trained first if the training data changed)."""
    given = os.environ.get("BOT_MODEL")
    return Path(given) if given else ensure_model(ROOT)


def quiet_env() -> Dict[str, str]:
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}


def sample_model(folder: Path = SAMPLE_DIR) -> Path:
    """The sample bot's trained model, made with ``rasa init --no-prompt`` on first use."""
    models = sorted((folder / "models").glob("*.tar.gz"))
    if models:
        return models[-1]
    progress(f"creating the rasa init sample bot in {folder} (trains once, a few minutes)")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([rasa_bin(), "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder,
                   env=quiet_env(), check=True, stdout=subprocess.DEVNULL)
    return sorted((folder / "models").glob("*.tar.gz"))[-1]


def training_s(project: Path) -> float:
    """Seconds to train the project's model from scratch (into a throwaway folder)."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        subprocess.run([rasa_bin(), "train", "--force", "--out", out, "--quiet"], cwd=project,
                       env=quiet_env(), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return round(time.perf_counter() - started, 1)


def start_sample(model: Path, port: int, token: str, log: Path) -> Tuple[Servers, float]:
    """The sample bot's Rasa server (no action server: it has no custom actions), and the
    seconds from the command to its first answer."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [rasa_bin(), "run", "--enable-api", "--auth-token", token, "--model", str(model),
         "--interface", "127.0.0.1", "--port", str(port)],
        cwd=SAMPLE_DIR, env=quiet_env(), stdout=open(log, "w"), stderr=subprocess.STDOUT)
    servers = Servers(f"http://127.0.0.1:{port}", "", token, processes=[process], logs=[log])
    try:
        first_answer(servers, "hello")
    except Exception:
        servers.stop()
        raise
    return servers, time.perf_counter() - started


def start_ours(model: Path, folder: Path) -> Tuple[Servers, float]:
    """Our two servers over a fresh demo catalogue, and the seconds to the first answer."""
    url = f"sqlite:///{folder / 'catalogue.db'}"
    init_database(url, products=demo_dir() / "products.csv")
    started = time.perf_counter()
    servers = start_servers(ROOT, model=model, rasa_port=free_port(), actions_port=free_port(),
                            page_port=free_port(), staff_port=free_port(),
                            env={"BOT_DATABASE_URL": url}, tracker_db=folder / "tracker.db",
                            run_dir=folder)
    try:
        first_answer(servers, DRILL)
    except Exception:
        servers.stop()
        raise
    return servers, time.perf_counter() - started


def first_answer(servers: Servers, text: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in servers.processes):
            raise RuntimeError(f"a server stopped; see {servers.logs}")
        try:
            if say(servers.rasa_url, f"cold-{secrets.token_hex(4)}", text, timeout=60):
                return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no answer within {READY_TIMEOUT_S} s; see {servers.logs}")


def memory(servers: Servers, names: List[str]) -> Dict[str, float]:
    return {name: rss_mb(p.pid) for name, p in zip(names, servers.processes)}


def phases(ours: Servers, sample: Servers, levels: List[int], duration_s: float,
           max_turns: int) -> Dict[str, Dict[str, Any]]:
    """Alternating runs of the sample bot and ours at each concurrency level."""
    drill = consultation([DRILL])
    results: Dict[str, Dict[str, Any]] = {}
    for level in levels:
        for name, servers, conversation in (("sample", sample, greeting_chat),
                                            ("ours", ours, drill)):
            progress(f"{name}: {level} concurrent conversation(s) for up to {duration_s:g} s")
            figures = run_load(Load(servers.rasa_url, conversation, level, duration_s,
                                    max_turns, prefix=f"{name}{level}"))
            results[f"{name}@{level}"] = figures
            kinds = ", ".join(f"{k} p50 {v['p50_ms']:.0f} ms" for k, v in figures["by_kind"].items())
            progress(f"  {figures['turns']} turns, {figures['turns_per_s']} turns/s, "
                     f"{figures['errors']} errors; {kinds}")
    return results


def ratio(value: float, reference: float) -> Optional[float]:
    return round(value / reference, 2) if reference else None


def table(results: Dict[str, Any], levels: List[int]) -> List[List[Any]]:
    rows: List[List[Any]] = []
    for level in levels:
        sample = results["phases"][f"sample@{level}"]
        ours = results["phases"][f"ours@{level}"]
        ref = sample["by_kind"].get("greeting", {})
        for kind in ("greeting", "question", "bundle", "order"):
            figures = (sample if kind == "greeting" else ours)["by_kind"].get(kind)
            if not figures:
                continue
            throughput = (sample if kind == "greeting" else ours)["turns_per_s"]
            rows.append([level, "sample bot" if kind == "greeting" else "ours", kind,
                         figures["n"], figures["p50_ms"], figures["p95_ms"], figures["p99_ms"],
                         ratio(figures["p50_ms"], ref.get("p50_ms", 0)),
                         ratio(figures["p95_ms"], ref.get("p95_ms", 0)),
                         throughput, ratio(throughput, sample["turns_per_s"]),
                         (sample if kind == "greeting" else ours)["errors"]])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 16, 64])
    parser.add_argument("--seconds", type=float, default=40, help="per phase")
    parser.add_argument("--max-turns", type=int, default=3000, help="per phase")
    parser.add_argument("--training", action="store_true",
                        help="also time training both models from scratch")
    parser.add_argument("--quick", action="store_true", help="a short run: 1 and 4, 5 s each")
    parser.add_argument("--name", default="turns", help="results/<name>.json and .md")
    args = parser.parse_args()
    if args.quick:
        args.levels, args.seconds = [1, 4], 5
    results: Dict[str, Any] = {"training_s": {}}
    if args.training:
        progress("training the sample bot from scratch")
        results["training_s"]["sample"] = training_s(sample_model().parent.parent)
        progress("training our model from scratch")
        results["training_s"]["ours"] = training_s(ROOT)
        progress(f"training: {results['training_s']}")
    token = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="bench-turns-") as tmp:
        folder = Path(tmp)
        progress("starting the sample bot")
        sample, sample_cold = start_sample(sample_model(), free_port(), token,
                                           folder / "sample.log")
        try:
            progress(f"sample bot answered after {sample_cold:.1f} s; starting ours")
            ours, ours_cold = start_ours(our_model(), folder)
            try:
                progress(f"ours answered after {ours_cold:.1f} s")
                results["cold_start_s"] = {"sample": round(sample_cold, 1),
                                           "ours": round(ours_cold, 1)}
                names = ["action_server", "rasa_server"]
                results["rss_mb_start"] = {"sample_rasa_server": rss_mb(sample.processes[0].pid),
                                           **memory(ours, names)}
                results["phases"] = phases(ours, sample, args.levels, args.seconds,
                                           args.max_turns)
                results["rss_mb_end"] = {"sample_rasa_server": rss_mb(sample.processes[0].pid),
                                         **memory(ours, names)}
            finally:
                ours.stop()
        finally:
            sample.stop()
    results["targets"] = targets(results, args.levels)
    command = "python -m bench.turns " + " ".join(sys.argv[1:])
    write_results(args.name, command.strip(), results, table(results, args.levels),
                  ["conversations", "server", "turn", "n", "p50 ms", "p95 ms", "p99 ms",
                   "p50 / sample", "p95 / sample", "turns/s", "turns/s / sample", "errors"],
                  notes=notes(results))


def targets(results: Dict[str, Any], levels: List[int]) -> Dict[str, Any]:
    """The issue's targets, each with the figure measured and whether it is met."""
    found: Dict[str, Any] = {}
    phases_ = results["phases"]
    if 1 in levels:
        ref = phases_["sample@1"]["by_kind"].get("greeting", {}).get("p50_ms", 0)
        question = phases_["ours@1"]["by_kind"].get("question", {}).get("p50_ms", 0)
        bundle = phases_["ours@1"]["by_kind"].get("bundle", {}).get("p95_ms", 0)
        found["question_p50_within_2x_sample"] = {"ratio": ratio(question, ref),
                                                  "met": bool(ref and question) and question <= 2 * ref}
        found["bundle_p95_within_150_ms"] = {"ms": bundle, "met": 0 < bundle <= 150}
    if 16 in levels:
        share = ratio(phases_["ours@16"]["turns_per_s"], phases_["sample@16"]["turns_per_s"])
        found["throughput_16_at_least_80pct_of_sample"] = {"ratio": share,
                                                           "met": (share or 0) >= 0.8}
    if 64 in levels:
        errors = phases_["ours@64"]["errors"]
        found["zero_errors_at_64"] = {"errors": errors, "met": errors == 0}
    return found


def notes(results: Dict[str, Any]) -> List[str]:
    lines = [f"Cold start (command to first answer): {results['cold_start_s']} s.",
             f"Resident memory at start: {results['rss_mb_start']} MB; "
             f"at the end: {results['rss_mb_end']} MB."]
    if results["training_s"]:
        lines.append(f"Training from scratch: {results['training_s']} s.")
    lines.append("Targets: " + "; ".join(f"{k}: {v}" for k, v in results["targets"].items()))
    lines.append("The machine is shared with other work: absolute figures are noisy; the "
                 "ratios compare phases run alternately in the same run.")
    return lines


if __name__ == "__main__":
    main()
