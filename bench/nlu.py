"""Understanding, measured on held-out shopper messages (bench/nlu/messages.yml).

    .venv/bin/bot eval nlu                    # held-out intents + spaCy reading + 3-fold CV
    .venv/bin/bot eval nlu --folds 0          # without the cross-validation

- Intents: ``rasa test nlu --nlu <held-out set>`` on the trained model (the model for the
  current training data; trained first if missing): macro-F1, accuracy, every miss.
- Catalogue words: config.yml leaves entity recognition to spaCy (DIET only classifies
  intents), so entity F1 is the reader's (``bot.language.Interpreter``), against each
  message's annotated categories, attribute values, answer options (the job among them)
  and sizes/weights, read with the question that was pending when it applies.
- ``rasa test nlu --cross-validation`` over data/nlu.yml: folds of the training data itself
  (it trains once per fold: about a minute each on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import yaml

from bench.common import progress, write_results
from bot.catalogue.needs import read_needs_file
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.language import UNITS, Interpreter, Reading
from bot.serve import ensure_model
from bot.settings import demo_dir

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = Path(__file__).resolve().parent / "nlu" / "messages.yml"
# Written by helper sessions that never read data/ (docs/evaluation.md): never trained on.
UNSEEN_SETS = sorted((Path(__file__).resolve().parent / "nlu").glob("unseen_*.yml"))
TARGET_INTENT_F1 = 0.95
TARGET_ENTITY_F1 = 0.90

Entity = Tuple[str, ...]


@dataclass(frozen=True)
class Message:
    """A held-out message: its intent and what the reader should find in it."""

    text: str
    intent: str
    pending: Optional[str] = None
    expected: FrozenSet[Entity] = frozenset()


def load_messages(knowledge: Knowledge, path: Path = MESSAGES) -> List[Message]:
    """The held-out set, each annotation checked against the knowledge."""
    messages = []
    for number, entry in enumerate(yaml.safe_load(path.read_text())["messages"], 1):
        read = entry.get("read") or {}
        pending = entry.get("pending")
        if pending is not None and pending != JOB_QUESTION and pending not in knowledge.questions:
            raise ValueError(f"{path.name}, message {number}: unknown question {pending}")
        expected = _annotated(knowledge, read, f"{path.name}, message {number}")
        messages.append(Message(str(entry["text"]).strip(), str(entry["intent"]), pending,
                                frozenset(expected)))
    return messages


def _annotated(knowledge: Knowledge, read: Mapping[str, Any], where: str) -> Set[Entity]:
    found: Set[Entity] = set()
    for category in read.get("categories") or []:
        _require(category in knowledge.categories, f"{where}: unknown category {category}")
        found.add(("category", category))
    for attribute, values in (read.get("values") or {}).items():
        for value in values:
            _require(value in knowledge.values.get(attribute, {}),
                     f"{where}: unknown value {attribute}={value}")
            found.add(("value", attribute, str(value)))
    for question, options in (read.get("options") or {}).items():
        for option in options:
            _require(knowledge.question(question).option(option) is not None,
                     f"{where}: {question} has no option {option}")
            found.add(("option", question, option))
    for measure in read.get("measures") or []:
        amount, unit = str(measure).split()
        _require(unit in ("mm", "kg", "people"),
                 f"{where}: measures are written in mm, kg or people")
        found.add(("measure", UNITS[unit][0], _rounded(float(amount))))
    return found


def load_unseen(path: Path) -> List[Message]:
    """A set of messages written apart from the training data: intents only (their
    writers knew the intents' meanings, not the catalogue)."""
    return [Message(str(e["text"]).strip(), str(e["intent"]))
            for e in yaml.safe_load(path.read_text())["messages"]]


def read_entities(reading: Reading) -> Set[Entity]:
    """What the reader found, in the annotations' terms (bare numbers left out)."""
    found: Set[Entity] = {("category", c) for c in reading.categories}
    found |= {("value", a, v) for a, vs in reading.values.items() for v in vs}
    found |= {("option", q, o) for q, os in reading.options.items() for o in os}
    found |= {("measure", m.dimension, _rounded(m.value)) for m in reading.measures
              if m.dimension}
    return found


@dataclass
class Scores:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, expected: Set[Entity], found: Set[Entity]) -> None:
        self.true_positive += len(expected & found)
        self.false_positive += len(found - expected)
        self.false_negative += len(expected - found)

    def as_dict(self) -> Dict[str, float]:
        tp, fp, fn = self.true_positive, self.false_positive, self.false_negative
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "support": tp + fn}


def evaluate_reader(knowledge: Knowledge, messages: Sequence[Message]) -> Dict[str, Any]:
    """Entity precision, recall and F1 of the spaCy reader (micro, and per kind)."""
    interpreter = Interpreter(knowledge)
    overall, kinds = Scores(), {k: Scores() for k in ("category", "value", "option", "measure")}
    errors = []
    for message in messages:
        pending = knowledge.question(message.pending) if message.pending else None
        found = read_entities(interpreter.read(message.text, pending))
        expected = set(message.expected)
        overall.add(expected, found)
        for kind, scores in kinds.items():
            scores.add({e for e in expected if e[0] == kind}, {e for e in found if e[0] == kind})
        if found != expected:
            errors.append({"text": message.text, "pending": message.pending,
                           "missed": sorted(map(list, expected - found)),
                           "extra": sorted(map(list, found - expected))})
    return {"overall": overall.as_dict(), "per_kind": {k: s.as_dict() for k, s in kinds.items()},
            "messages": len(messages), "errors": errors}


def rasa_test_file(messages: Sequence[Message], path: Path) -> Path:
    """The messages in Rasa's NLU format, for ``rasa test nlu --nlu``."""
    by_intent: Dict[str, List[str]] = {}
    for message in messages:
        by_intent.setdefault(message.intent, []).append(message.text)
    nlu = [{"intent": intent, "examples": "".join(f"- {t}\n" for t in texts)}
           for intent, texts in by_intent.items()]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}, sort_keys=False,
                                   allow_unicode=True))
    return path


def run_rasa(arguments: List[str], out: Path) -> Tuple[float, str]:
    """Run ``rasa test nlu`` with these arguments; its duration and log."""
    started = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).parent / "rasa"), "test", "nlu", *arguments,
                           "--out", str(out), "--no-plot", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    if done.returncode != 0:
        raise RuntimeError(f"rasa test nlu failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return time.monotonic() - started, done.stdout + done.stderr


def intent_figures(out: Path) -> Dict[str, Any]:
    """Macro-F1, accuracy and per-intent F1 from Rasa's intent_report.json; the misses."""
    report = json.loads((out / "intent_report.json").read_text())
    intents = {k: round(v["f1-score"], 4) for k, v in report.items()
               if isinstance(v, dict) and "f1-score" in v and not k.endswith("avg")}
    errors_file = out / "intent_errors.json"
    errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    return {"macro_f1": round(report["macro avg"]["f1-score"], 4),
            "weighted_f1": round(report["weighted avg"]["f1-score"], 4),
            "accuracy": round(report.get("accuracy", 0.0), 4), "per_intent": intents,
            "errors": [{"text": e["text"], "intent": e["intent"],
                        "predicted": e["intent_prediction"]["name"],
                        "confidence": round(e["intent_prediction"]["confidence"], 3)}
                       for e in errors]}


def cross_validation(folds: int, out: Path) -> Dict[str, Any]:
    seconds, log = run_rasa(["--nlu", "data/nlu.yml", "--config", "config.yml",
                             "--cross-validation", "--folds", str(folds)], out)
    figures = intent_figures(out)
    # Rasa's report covers the test folds together (each message tested once).
    return {"folds": folds, "seconds": round(seconds, 1), "macro_f1": figures["macro_f1"],
            "accuracy": figures["accuracy"], "errors": figures["errors"]}


def _rounded(value: float) -> float:
    return round(value, 1)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def write(results: Dict[str, Any], command: str) -> Path:
    intents, reader = results["held_out"], results["reader"]
    table = [["intent macro-F1 (held-out, rasa test nlu)", intents["macro_f1"], TARGET_INTENT_F1,
              "met" if intents["macro_f1"] >= TARGET_INTENT_F1 else "short"],
             ["intent accuracy (held-out)", intents["accuracy"], "", ""],
             ["entity F1 (held-out, spaCy reader)", reader["overall"]["f1"], TARGET_ENTITY_F1,
              "met" if reader["overall"]["f1"] >= TARGET_ENTITY_F1 else "short"]]
    table += [[f"entity F1: {kind}", f["f1"], "", f"support {f['support']}"]
              for kind, f in reader["per_kind"].items()]
    table += [[f"intent macro-F1, {name} (written apart, {u['messages']} messages)",
               u["macro_f1"], TARGET_INTENT_F1,
               "met" if u["macro_f1"] >= TARGET_INTENT_F1 else "short"]
              for name, u in (results.get("unseen") or {}).items()]
    cv = results.get("cross_validation")
    if cv:
        table.append([f"intent macro-F1 ({cv['folds']}-fold cross-validation of data/nlu.yml)",
                      cv["macro_f1"], "", f"accuracy {cv['accuracy']}; {cv['seconds']:.0f} s"])
    path = write_results("nlu", command, results, table, ["measure", "value", "target", ""])
    lines = ["", f"Held-out set: {results['messages']} messages, {len(intents['per_intent'])} "
             "intents.", "", f"## Intent misses ({len(intents['errors'])})", ""]
    lines += [f"- “{e['text']}”: {e['intent']}, read as {e['predicted']} ({e['confidence']})"
              for e in intents["errors"]]
    for name, unseen in (results.get("unseen") or {}).items():
        lines += ["", f"## Intent misses in {name} ({len(unseen['errors'])})", ""]
        lines += [f"- “{e['text']}”: {e['intent']}, read as {e['predicted']} "
                  f"({e['confidence']})" for e in unseen["errors"]]
    lines += ["", f"## Reader misses ({len(reader['errors'])})", ""]
    lines += [f"- “{e['text']}”" + (f" (asked: {e['pending']})" if e["pending"] else "")
              + (f": missed {e['missed']}" if e["missed"] else "")
              + (f"; extra {e['extra']}" if e["extra"] else "") for e in reader["errors"]]
    with path.open("a") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bot eval nlu", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=3, help="cross-validation folds (0: none)")
    parser.add_argument("--model", type=Path, help="default: the model for the training data")
    parser.add_argument("--needs", type=Path, default=demo_dir() / "needs.yml")
    args = parser.parse_args(list(argv) if argv is not None else None)
    knowledge = read_needs_file(args.needs)
    messages = load_messages(knowledge)
    results: Dict[str, Any] = {"messages": len(messages),
                               "intents": dict(Counter(m.intent for m in messages))}
    progress(f"spaCy reader on {len(messages)} held-out messages")
    results["reader"] = evaluate_reader(knowledge, messages)
    model = args.model or ensure_model(ROOT)
    with tempfile.TemporaryDirectory() as folder:
        test_file = rasa_test_file(messages, Path(folder) / "held_out.yml")
        progress(f"rasa test nlu on the held-out set with {model.name}")
        seconds, _ = run_rasa(["--model", str(model), "--nlu", str(test_file)],
                              Path(folder) / "held_out")
        results["held_out"] = {**intent_figures(Path(folder) / "held_out"),
                               "seconds": round(seconds, 1), "model": model.name}
        results["unseen"] = {}
        for path in UNSEEN_SETS:
            unseen = load_unseen(path)
            progress(f"rasa test nlu on {path.name} ({len(unseen)} messages written apart)")
            run_rasa(["--model", str(model), "--nlu",
                      str(rasa_test_file(unseen, Path(folder) / path.name))],
                     Path(folder) / path.stem)
            results["unseen"][path.name] = {**intent_figures(Path(folder) / path.stem),
                                            "messages": len(unseen)}
        command = f"bot eval nlu --folds {args.folds}"
        if args.folds:
            write(results, command)  # the held-out figures stand even if the long part fails
            progress(f"rasa test nlu --cross-validation --folds {args.folds} (trains "
                     f"{args.folds} times)")
            results["cross_validation"] = cross_validation(args.folds, Path(folder) / "cv")
    write(results, command)
    progress(f"intent macro-F1 {results['held_out']['macro_f1']} (target {TARGET_INTENT_F1}), "
             f"entity F1 {results['reader']['overall']['f1']} (target {TARGET_ENTITY_F1})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
