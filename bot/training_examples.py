"""Training examples made from the knowledge: every product, job and answer said in the
frames shoppers use (``bot/demo/example_frames.yml``), so that the intent model learns that
the frame decides the intent, not the shop's words. ``bot examples`` writes them to
``data/nlu_knowledge.yml``; a test keeps that file equal to what the knowledge makes."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import AbstractSet, Dict, List, Mapping, Sequence, Tuple

import yaml

from bot.knowledge import Knowledge, from_document
from bot.needs_schema import read_document
from bot.settings import demo_dir

HEADER = ("# Made by `bot examples` from bot/demo/needs.yml and bot/demo/example_frames.yml: "
          "do not edit,\n# edit those and rerun it. Every product, job and answer of the "
          "knowledge in shoppers' frames.\n")
ITEM_INTENTS = ("request_item", "ask_price", "ask_stock", "ask_location", "drop_item",
                "just_the_item")
SEED = 20261130
TARGET = Path("data") / "nlu_knowledge.yml"


def normalise(text: str) -> str:
    """An utterance as compared with the training data: entity marks, case, spacing and
    end punctuation do not make it new."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)   # [10mm](size) -> 10mm
    text = re.sub(r"\[([^\]]*)\]\{[^}]*\}", r"\1", text)
    return re.sub(r"\s+", " ", text.lower()).strip(" .!?,")


def read_frames(path: Path) -> Dict[str, object]:
    with path.open(encoding="utf-8") as handle:
        frames: Dict[str, object] = yaml.safe_load(handle)
    return frames


def examples(knowledge: Knowledge, frames: Mapping[str, object],
             avoid: AbstractSet[str] = frozenset()) -> Dict[str, List[str]]:
    """Each intent's examples, in a stable order, leaving out any whose normalised text is
    in ``avoid`` (the evaluation sets' messages: they must stay words never trained on)."""
    rng = random.Random(SEED)
    vague = {str(word) for word in _list(frames, "vague_items")}
    items = _items(knowledge, vague)
    made: Dict[str, List[str]] = {}
    for intent in ITEM_INTENTS:
        count = int(str(frames[f"{intent}_count"]))
        made[intent] = _fill(_list(frames, intent), "item", _sample(items, count, rng), rng,
                             avoid)
    jobs = [job.name for job in knowledge.jobs.values()]
    per_job = int(str(frames["describe_job_per_job"]))
    made["describe_job"] = _fill(_list(frames, "describe_job"), "job",
                                 [job for job in jobs for _ in range(per_job)], rng, avoid)
    answers = sorted({word for question in knowledge.questions.values()
                      for option in question.options for word in option.synonyms})
    made["inform"] = _fill(_list(frames, "inform"), "answer",
                           _sample([[a] for a in answers], int(str(frames["inform_count"])), rng),
                           rng, avoid)
    return {intent: _unique(texts) for intent, texts in made.items()}


def file_for(avoid: AbstractSet[str]) -> Tuple[str, int]:
    """The text of ``TARGET`` and its number of examples: the demo knowledge in the frames,
    none of them in ``avoid`` (normalised lines the measurements use: ``bench.examples``)."""
    made = examples(from_document(read_document(demo_dir() / "needs.yml")),
                    read_frames(demo_dir() / "example_frames.yml"), avoid)
    return to_rasa_yaml(made), sum(len(texts) for texts in made.values())


def to_rasa_yaml(made: Mapping[str, Sequence[str]]) -> str:
    """Rasa's NLU training format, one block per intent."""
    lines = [HEADER, 'version: "3.1"', "", "nlu:"]
    for intent, texts in made.items():
        lines += [f"  - intent: {intent}", "    examples: |"]
        lines += [f"      - {text}" for text in texts]
    return "\n".join(lines) + "\n"


def _items(knowledge: Knowledge, vague: set[str]) -> List[List[str]]:
    """Each category's words a shopper would name it by, the vague single words left out."""
    return [words for category in knowledge.categories.values()
            if (words := [w for w in category.synonyms if w.lower() not in vague])]


def _sample(groups: List[List[str]], count: int, rng: random.Random) -> List[str]:
    """``count`` words, every group in turn before any comes twice, one word of each."""
    order: List[List[str]] = []
    while len(order) < count:
        round_ = groups[:]
        rng.shuffle(round_)
        order += round_
    return [rng.choice(group) for group in order[:count]]


def _fill(frames: Sequence[str], slot: str, words: Sequence[str], rng: random.Random,
          avoid: AbstractSet[str]) -> List[str]:
    """Each word in the frames in turn; a line to avoid gives way to the word in the next
    frame, so every word is still said (when some frame allows it)."""
    shuffled = list(frames)
    rng.shuffle(shuffled)
    made: List[str] = []
    for at, word in enumerate(words):
        said = (_say(shuffled[(at + k) % len(shuffled)], slot, word) for k in range(len(shuffled)))
        made += [next((t for t in said if normalise(t) not in avoid), "")][:1]
    return [t for t in made if t]


def _say(frame: str, slot: str, word: str) -> str:
    return (frame.replace(f"{{a_{slot}}}", _with_article(word))
            .replace(f"{{the_{slot}}}", f"the {word}")
            .replace(f"{{{slot}}}s", _plural(word))
            .replace(f"{{{slot}}}", word))


def _with_article(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):
        return f"some {word}"
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word if word.endswith("s") and not word.endswith("ss") else f"{word}es"
    return f"{word}s"


def _list(frames: Mapping[str, object], key: str) -> List[str]:
    value = frames[key]
    assert isinstance(value, list), key
    return [str(v) for v in value]


def _unique(texts: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(texts))

