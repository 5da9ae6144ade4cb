"""Rasa stories read as plain YAML: the training stories in ``data/`` (intents only) and the
test stories (``tests/test_stories.yml``: the shopper's words with the intent to read).

Every intent goes to the one action, ``action_dialogue``, so what a story says is the
sequence of messages and intents; the replay (``story_replay.py``) runs them through today's
dialogue. A button in a story is written as Rasa writes it, ``/inform{"choice":"wall:brick"}``:
the intent and its entities are read from it here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

STORY_FILES = ("data/stories.yml", "tests/test_stories.yml")
"""Where the project keeps its stories, relative to the project root."""


@dataclass(frozen=True)
class StoryMessage:
    """A shopper's step of a story: the words (empty in training stories), the intent the
    story says they mean, and a button's entities."""

    text: str
    intent: str
    entities: Mapping[str, str] = field(default_factory=dict)
    actions: Tuple[str, ...] = ()  # the actions the story expects after it


@dataclass(frozen=True)
class Story:
    """One story of one file."""

    name: str
    source: str  # the file, relative to the project root
    messages: Tuple[StoryMessage, ...]

    @property
    def key(self) -> str:
        """How a trainer names it: ``file#name``."""
        return f"{self.source}#{self.name}"

    @property
    def has_words(self) -> bool:
        return any(m.text for m in self.messages)


class StoryError(ValueError):
    """A story file that cannot be read, or a story that is not there."""


def read_stories(root: Path, files: Sequence[str] = STORY_FILES) -> List[Story]:
    """Every story of ``files`` (relative to ``root``), in file order."""
    found: List[Story] = []
    for name in files:
        path = root / name
        if path.exists():
            found.extend(stories_in(path.read_text(encoding="utf-8"), name))
    return found


def find_story(root: Path, key: str, files: Sequence[str] = STORY_FILES) -> Story:
    """The story named ``file#name``, or just ``name`` when only one story has it."""
    stories = read_stories(root, files)
    matches = [s for s in stories if key in (s.key, s.name)]
    if len(matches) != 1:
        raise StoryError(f"no story {key!r}" if not matches else
                         f"{len(matches)} stories are named {key!r}: give file#name")
    return matches[0]


def stories_in(text: str, source: str) -> List[Story]:
    """The stories of one YAML file's text."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise StoryError(f"{source}: {error}") from error
    stories = []
    for entry in data.get("stories") or []:
        messages: List[StoryMessage] = []
        for step in entry.get("steps") or []:
            if "intent" in step or "user" in step:
                messages.append(_message(step))
            elif "action" in step and messages:
                last = messages[-1]
                messages[-1] = StoryMessage(last.text, last.intent, last.entities,
                                            (*last.actions, str(step["action"])))
        stories.append(Story(str(entry.get("story", "")), source, tuple(messages)))
    return stories


def _message(step: Mapping[str, Any]) -> StoryMessage:
    text = str(step.get("user") or "").strip()
    intent, entities = parse_button(text) if text.startswith("/") else (None, {})
    entities.update(_entities(step.get("entities")))
    return StoryMessage(text, str(step.get("intent") or intent or ""), entities)


def _entities(listed: Optional[Iterable[Any]]) -> Dict[str, str]:
    found: Dict[str, str] = {}
    for entity in listed or []:
        if isinstance(entity, dict):
            found.update({str(k): str(v) for k, v in entity.items()})
    return found


def parse_button(text: str) -> Tuple[Optional[str], Dict[str, str]]:
    """A button's payload as Rasa writes it (``/intent{"entity": "value"}``): the intent
    and the entities; (None, {}) for anything else."""
    if not text.startswith("/"):
        return None, {}
    name, brace, rest = text[1:].partition("{")
    entities: Dict[str, str] = {}
    if brace:
        try:
            loaded = json.loads("{" + rest)
        except ValueError:
            return None, {}
        if isinstance(loaded, dict):
            entities = {str(k): str(v) for k, v in loaded.items()}
    return name.strip() or None, entities
