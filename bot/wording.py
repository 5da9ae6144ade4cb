"""The shop's words: every sentence the assistant says comes from one phrasebook, a YAML
file the shop edits (``bot/demo/phrases.yml``, or the file ``BOT_PHRASES`` names), so a
shop changes how the assistant speaks without touching the logic.

A shop's phrasebook is checked against the shipped one: the same sentences, each using
only the ``{fields}`` the shipped sentence uses (the assistant fills in exactly those).
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Mapping, Optional, Sequence

import yaml

from bot.products import format_price
from bot.settings import demo_dir

PHRASES_VARIABLE = "BOT_PHRASES"


class WordingError(ValueError):
    """A phrasebook that cannot be used; the message names the file and the sentence."""


class Phrasebook:
    """Sentences by key, filled in with ``say``."""

    def __init__(self, phrases: Mapping[str, str]) -> None:
        self.phrases = dict(phrases)

    def say(self, key: str, **fields: object) -> str:
        """The sentence ``key`` with its fields filled in."""
        return self.phrases[key].format(**fields)

    def join(self, *parts: Optional[str]) -> str:
        """Sentences one after another, skipping empty ones."""
        return " ".join(p.strip() for p in parts if p and p.strip())

    @staticmethod
    def price(cents: int) -> str:
        return format_price(cents)

    @staticmethod
    def listing(words: Sequence[str]) -> str:
        """ "a, b, c": items of a list in a sentence."""
        return ", ".join(words)


def fields_of(sentence: str) -> FrozenSet[str]:
    """The ``{fields}`` a sentence uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(sentence) if name)


def read_phrases(path: Path) -> Dict[str, str]:
    """A phrasebook file as a mapping, or a ``WordingError`` naming what is wrong."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise WordingError(f"{path}: {error}") from error
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise WordingError(f"{path}: expected sentences as `key: \"text\"` lines")
    return {str(k): v for k, v in data.items()}


def check_phrases(phrases: Mapping[str, str], shipped: Mapping[str, str], source: str) -> None:
    """Refuse a phrasebook that lacks a sentence, has an unknown one, or uses a field the
    assistant does not fill in (or that does not parse)."""
    missing = sorted(set(shipped) - set(phrases))
    unknown = sorted(set(phrases) - set(shipped))
    if missing or unknown:
        raise WordingError(f"{source}: missing sentences {missing}, unknown sentences {unknown}")
    for key, sentence in phrases.items():
        try:
            extra = fields_of(sentence) - fields_of(shipped[key])
        except ValueError as error:
            raise WordingError(f"{source}, {key}: {error}") from error
        if extra:
            raise WordingError(f"{source}, {key}: the assistant does not fill in {sorted(extra)}; "
                               f"it may use {sorted(fields_of(shipped[key]))}")


def phrases_path() -> Path:
    return Path(os.environ.get(PHRASES_VARIABLE) or demo_dir() / "phrases.yml")


def phrasebook() -> Phrasebook:
    """The shop's phrasebook (read again when the file changes)."""
    path = phrases_path()
    return _phrasebook(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _phrasebook(path: str, _modified: int) -> Phrasebook:
    shipped = read_phrases(demo_dir() / "phrases.yml")
    phrases = read_phrases(Path(path))
    check_phrases(phrases, shipped, path)
    return Phrasebook(phrases)
