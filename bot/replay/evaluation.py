"""All stories at once, by Rasa's own story evaluation (``rasa test core``), read back.

Rasa replays each story against the model: it reads each message's words with the NLU model
and predicts each action with the policies, and writes the stories that failed (with
``# predicted: ...`` beside the step where the prediction went wrong) and, asked, those
that passed. This module runs it as a separate process (no Rasa import here) and reads the
files it writes, so the verdicts are Rasa's: a story fails at the first step Rasa marks.

Every intent goes to ``action_dialogue``, so a story that parts from today's assistant
parts in an intent; ``story_replay.py`` then shows what the dialogue says differently.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from bot.replay.stories import Story, read_stories

FAILED_FILE = "failed_test_stories.yml"
PASSED_FILE = "successful_test_stories.yml"
_STORY = re.compile(r"^\s*-\s+story:\s*(.*?)\s*$")
_USER_STEP = re.compile(r"^\s*-\s+(intent|user):")
_INTENT_LINE = re.compile(r"^\s*-?\s*intent:\s*(\S+)")
_ACTION_LINE = re.compile(r"^\s*-\s+action:\s*(\S+)")
_PREDICTED = re.compile(r"#\s*predicted:\s*([^:\s]+)")
_SOURCE = re.compile(r"\s*\((?:[^()]*/)?test_(\d+)_[^()]*\)$")


@dataclass(frozen=True)
class StoryResult:
    """Rasa's verdict on one story."""

    name: str
    source: str  # the story's file, relative to the project root
    passed: bool
    turn: Optional[int] = None  # the shopper's message where it failed (1-based)
    kind: Optional[str] = None  # "intent" or "action": what was predicted otherwise
    expected: Optional[str] = None
    predicted: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.source}#{self.name}"

    def describe(self) -> str:
        if self.passed:
            return f"replays exactly: {self.key}"
        what = f"the {self.kind} {self.expected!r} was read as {self.predicted!r}" \
            if self.kind else "Rasa marks it failed"
        return f"parts at turn {self.turn}: {self.key}: {what}"


@dataclass(frozen=True)
class Evaluation:
    """Rasa's verdicts on every story given, and its output if it could not run."""

    results: Tuple[StoryResult, ...]
    returncode: int
    output: str = ""

    @property
    def passed(self) -> bool:
        return self.returncode == 0 and all(r.passed for r in self.results)


def evaluate_stories(root: Path, model: Path, files: Sequence[str], rasa: str,
                     out: Optional[Path] = None) -> Evaluation:
    """Run ``rasa test core`` on the stories of ``files`` (relative to ``root``).

    Each file is copied under a name Rasa reads as test stories (``test_<n>_...``), so that
    the verdicts can be traced back to their file. ``rasa`` is the command's path.
    """
    folder = Path(tempfile.mkdtemp(prefix="stories-"))
    try:
        stories_dir, out_dir = folder / "stories", out or folder / "results"
        stories_dir.mkdir()
        out_dir.mkdir(parents=True, exist_ok=True)
        for index, name in enumerate(files):
            shutil.copy(root / name, stories_dir / f"test_{index}_{Path(name).name}")
        command = [rasa, "test", "core", "--model", str(model.resolve()), "--stories",
                   str(stories_dir),
                   "--out", str(out_dir), "--e2e", "--successes", "--no-plot", "--quiet"]
        done = subprocess.run(command, cwd=root, capture_output=True, text=True)
        results = read_results(out_dir, files, read_stories(root, files))
        return Evaluation(results, done.returncode, (done.stdout + done.stderr)[-4000:])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_results(out_dir: Path, files: Sequence[str], stories: Sequence[Story]) \
        -> Tuple[StoryResult, ...]:
    """The verdicts in Rasa's output folder, in the stories' own order."""
    found: Dict[Tuple[str, str], StoryResult] = {}
    for name, passed in ((PASSED_FILE, True), (FAILED_FILE, False)):
        path = out_dir / name
        if path.exists():
            for result in parse_results(path.read_text(encoding="utf-8"), files, passed):
                found[(result.source, result.name)] = result
    return tuple(found.get((s.source, s.name), StoryResult(s.name, s.source, False))
                 for s in stories)


def parse_results(text: str, files: Sequence[str], passed: bool) -> List[StoryResult]:
    """The stories of one of Rasa's output files, with the step each failed at."""
    results: List[StoryResult] = []
    blocks: List[Tuple[str, List[str]]] = []
    for line in text.splitlines():
        story = _STORY.match(line)
        if story:
            blocks.append((story.group(1), []))
        elif blocks:
            blocks[-1][1].append(line)
    for title, lines in blocks:
        source_match = _SOURCE.search(title)
        name = _SOURCE.sub("", title).strip()
        index = int(source_match.group(1)) if source_match else 0
        source = files[index] if index < len(files) else ""
        if passed:
            results.append(StoryResult(name, source, True))
        else:
            results.append(_failure(name, source, lines))
    return results


def _failure(name: str, source: str, lines: Sequence[str]) -> StoryResult:
    turn = 0
    for line in lines:
        if _USER_STEP.match(line):
            turn += 1
        predicted = _PREDICTED.search(line)
        if not predicted:
            continue
        intent, action = _INTENT_LINE.match(line), _ACTION_LINE.match(line)
        if intent:
            return StoryResult(name, source, False, max(turn, 1), "intent", intent.group(1),
                               predicted.group(1))
        if action:
            return StoryResult(name, source, False, max(turn, 1), "action", action.group(1),
                               predicted.group(1))
    return StoryResult(name, source, False, None)
