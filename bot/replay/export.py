"""A recorded conversation as a Rasa test story, its personal data replaced by placeholders.

The story has the shopper's words, the intent the model read (or the one a trainer says is
right), and the actions Rasa took after each message (``action_dialogue``), so that
``rasa test`` replays it: a good consultation becomes a regression test, a bad one a lesson.

What is replaced, wherever it appears in the shopper's words, by placeholders of the same
shape (so that the model and the dialogue read the message as before):

| what | found by | placeholder |
|---|---|---|
| e-mail addresses | the care flow's pattern (``bot/dialogue/care.py``) | ``shopper1@example.com`` |
| client codes | as recognition reads them, after "code" (``bot/care/codes.py``) | ``2222-2222-22`` |
| order numbers | the care flow's pattern | ``ORD-000001`` |
| names | an answer to "what name?" (``bot/care/names.py``), "my name is ..." | ``Alex`` |

A name found is replaced everywhere it appears in the conversation.

The sender id (private to the shopper) is never written: the story is named by the
conversation's ref, date, job and outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import yaml

from bot.care.codes import code_spans
from bot.care.names import name_in
from bot.dialogue.care import EMAIL, ORDER_NUMBER
from bot.dialogue.state import Conversation, Waiting
from bot.replay.recorded import CONVERSATION_SLOT, summarise
from bot.replay.steps import Step
from bot.replay.tracker import Recorded

DEFAULT_ACTION = "action_dialogue"
SKIPPED_ACTIONS = frozenset({"action_listen", "action_session_start"})
NAMES = ("Alex", "Morgan", "Robin", "Jordan", "Casey")
STRONG_NAME = re.compile(r"\b(?:my name is|my name's|call me)\s+([A-Za-z][A-Za-z'-]{0,30})", re.I)
# Words of an answer to "what name?" that are no name ("no thanks", "rather not").
NOT_NAMES = frozenset("no yes nope nah thanks thank you not sure ok okay please maybe later "
                      "fine rather i it its my me the a and just".split())
NAME_TURNS = (Waiting.NAME, Waiting.SECOND_FACTOR)


@dataclass(frozen=True)
class Message:
    """One shopper's message of the story to write."""

    text: str
    intent: str
    actions: Tuple[str, ...]


class Placeholders:
    """The same value always gets the same placeholder within one story."""

    def __init__(self) -> None:
        self.seen: Dict[Tuple[str, str], str] = {}

    def get(self, kind: str, value: str) -> str:
        key = (kind, value.lower())
        if key not in self.seen:
            number = sum(1 for k, _ in self.seen if k == kind) + 1
            self.seen[key] = _placeholder(kind, number)
        return self.seen[key]

    def replace(self, text: str, names: Sequence[str]) -> str:
        """``text`` with every e-mail, code, order number and known name replaced."""
        spans: List[Tuple[int, int, str]] = []
        for match in EMAIL.finditer(text):
            spans.append((match.start(), match.end(), self.get("email", match.group(0))))
        for start, end in code_spans(text):
            spans.append((start, end, self.get("code", re.sub(r"[-\s]", "", text[start:end]))))
        for match in ORDER_NUMBER.finditer(text):
            spans.append((match.start(1), match.end(1), self.get("order", match.group(1))))
        for name in names:
            for match in re.finditer(rf"\b{re.escape(name)}\b", text, re.I):
                spans.append((match.start(), match.end(), self.get("name", name)))
        kept: List[Tuple[int, int, str]] = []
        for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if not kept or span[0] >= kept[-1][1]:  # the first and longest of overlaps
                kept.append(span)
        for start, end, placeholder in reversed(kept):
            text = text[:start] + placeholder + text[end:]
        return text


def _placeholder(kind: str, number: int) -> str:
    if kind == "email":
        return f"shopper{number}@example.com"
    if kind == "code":
        digit = "23456789"[(number - 1) % 8]
        return f"{digit * 4}-{digit * 4}-{digit * 2}"
    if kind == "order":
        return f"ORD-{number:06d}"
    return NAMES[(number - 1) % len(NAMES)] if number <= len(NAMES) else f"Name{number}"


def names_given(recorded: Recorded) -> List[str]:
    """The names a shopper gave in the conversation: the words of a message answering
    "what name?", and "my name is ..." anywhere."""
    names: List[str] = []
    state = Conversation()
    for event in recorded.events:
        kind = event.get("event")
        if kind == "slot" and event.get("name") == CONVERSATION_SLOT:
            state, _ = Conversation.from_slot(event.get("value"))
        elif kind == "user":
            text = str(event.get("text") or "")
            if text.startswith("/"):
                continue
            given = [m.group(1) for m in STRONG_NAME.finditer(text)]
            if state.waiting in NAME_TURNS and not code_spans(text):
                given.append(name_in(text) or "")
            for name in given:
                for word in name.split():
                    if len(word) > 1 and word.lower() not in NOT_NAMES and \
                            word.lower() not in {n.lower() for n in names}:
                        names.append(word)
    return names


def messages_of(recorded: Recorded, intents: Optional[Mapping[int, str]] = None) \
        -> List[Message]:
    """The shopper's messages (raw, with the recorded or corrected intent) and the actions
    Rasa took after each; ``intents`` corrects the intent of some turns (1-based)."""
    found: List[Message] = []
    for event in recorded.events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = str((parse.get("intent") or {}).get("name") or "")
            turn = len(found) + 1
            found.append(Message(str(event.get("text") or ""),
                                 (intents or {}).get(turn, intent), ()))
        elif kind == "action" and found and event.get("name") not in SKIPPED_ACTIONS:
            last = found[-1]
            found[-1] = Message(last.text, last.intent, (*last.actions, str(event["name"])))
    return found


def export_story(recorded: Recorded, steps: Sequence[Step],
                 intents: Optional[Mapping[int, str]] = None) -> str:
    """The test story file's text for a recorded conversation (module docstring)."""
    summary = summarise(recorded, steps)
    placeholders = Placeholders()
    names = names_given(recorded)
    story_steps: List[Dict[str, Any]] = []
    for message in messages_of(recorded, intents):
        if not message.intent:
            continue  # nothing was read (a message Rasa never parsed): nothing to test
        text = message.text if message.text.startswith("/") else \
            placeholders.replace(message.text, names)
        story_steps.append({"user": text, "intent": message.intent})
        story_steps.extend({"action": a} for a in message.actions or (DEFAULT_ACTION,))
    date = summary.started.date().isoformat() if summary.started else "undated"
    name = f"recorded {date} {summary.ref}: {summary.job or 'no job'}, {summary.outcome}"
    header = (f"# A recorded conversation ({summary.ref}) as a test story, written by `bot "
              f"stories export`.\n# Personal data (names, client codes, order numbers, "
              f"e-mail addresses) replaced by placeholders.\n")
    body = yaml.safe_dump({"version": "3.1", "stories": [{"story": name,
                                                         "steps": story_steps}]},
                          sort_keys=False, allow_unicode=True, width=100)
    return header + body
