"""A recorded conversation as replay steps, and its summary for the list trainers pick
from (date, first line, job, outcome, length).

The steps show what happened then, never a rerun: the intent and confidence the model gave,
the replies the shopper saw, and the typed state the dialogue kept in the ``conversation``
slot (``bot/dialogue/state.py``), whose ``consultation.decisions`` hold the engine's
reasons turn by turn. Only the catalogue words are read again, by today's reader, since Rasa
does not store them (the reader matches the catalogue's words outside the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.dialogue.state import Conversation, Stage
from bot.language import Interpreter
from bot.replay.steps import Said, Step, Understood, read_words
from bot.replay.stories import parse_button
from bot.replay.tracker import Event, Recorded, TrackerEvents, timestamp_of

CONVERSATION_SLOT = "conversation"  # where the dialogue keeps its typed state (actions/slots.py)

OUTCOMES = ("bundle taken", "item only", "hand-off", "return", "unfinished")
"""What a conversation came to, as the list filters it."""


@dataclass(frozen=True)
class Summary:
    """One line of the list of recorded conversations."""

    ref: str
    started: Optional[datetime]
    first_line: str
    job: Optional[str]
    outcome: str
    length: int  # the shopper's messages
    face: str  # chat or tablet

    def as_dict(self) -> Dict[str, Any]:
        return {"ref": self.ref, "first_line": self.first_line, "job": self.job,
                "started": self.started.isoformat(timespec="minutes") if self.started else None,
                "outcome": self.outcome, "length": self.length, "face": self.face}


def recorded_steps(recorded: Recorded, reader: Optional[Interpreter] = None) -> List[Step]:
    """The conversation turn by turn (``reader``: today's reader, for the catalogue words)."""
    steps: List[Step] = []
    state = Conversation()
    current: Optional[Dict[str, Any]] = None
    buttons: Dict[str, str] = {}  # payload -> label, from the assistant's last buttons

    def close() -> None:
        if current is not None:
            steps.append(Step(turn=len(steps) + 1, text=current["text"],
                              understood=current["understood"], said=tuple(current["said"]),
                              after=state, at=current["at"]))

    for event in recorded.events:
        kind = event.get("event")
        if kind == "user":
            close()
            current = _user_turn(event, state, buttons, reader)
        elif kind == "bot":
            said = _said(event)
            buttons = {b.get("payload", ""): b.get("title", "")
                       for b in (event.get("data") or {}).get("buttons") or []}
            if current is not None:
                current["said"].append(said)
        elif kind == "slot" and event.get("name") == CONVERSATION_SLOT:
            state, _ = Conversation.from_slot(event.get("value"))
        elif kind == "restart":
            state = Conversation()
    close()
    return steps


def _user_turn(event: Event, before: Conversation, buttons: Dict[str, str],
               reader: Optional[Interpreter]) -> Dict[str, Any]:
    text = str(event.get("text") or "")
    parse = event.get("parse_data") or {}
    intent = parse.get("intent") or {}
    entities = {str(e.get("entity")): str(e.get("value"))
                for e in parse.get("entities") or [] if isinstance(e, dict)}
    shown = text
    if text.startswith("/"):
        _, from_button = parse_button(text)
        entities = {**from_button, **entities}
        shown = f"[{buttons[text]}]" if text in buttons else f"[{text}]"
    words = {} if text.startswith("/") else read_words(reader, text, before)
    confidence = intent.get("confidence")
    return {"text": shown, "at": timestamp_of(event), "said": [],
            "understood": Understood(str(intent.get("name") or ""),
                                     float(confidence) if confidence is not None else None,
                                     words, entities)}


def _said(event: Event) -> Said:
    data = event.get("data") or {}
    custom = data.get("custom")
    kind = custom.get("type", "words") if isinstance(custom, dict) else "words"
    return Said(str(event.get("text") or ""), str(kind),
                tuple(str(b.get("title", "")) for b in data.get("buttons") or []))


def summarise(recorded: Recorded, steps: Sequence[Step]) -> Summary:
    """The list's line for a conversation."""
    first = next((s for s in steps if not s.text.startswith("[")), steps[0] if steps else None)
    last = steps[-1].after if steps else Conversation()
    face = next((str((e.get("metadata") or {}).get("face")) for e in recorded.events
                 if e.get("event") == "user" and isinstance(e.get("metadata"), dict)
                 and (e.get("metadata") or {}).get("face")), "chat")
    return Summary(ref=recorded.ref, started=steps[0].at if steps else None,
                   first_line=(first.text if first else "")[:120],
                   job=next((s.job for s in reversed(steps) if s.job), None),
                   outcome=outcome(steps, last), length=len(steps), face=face)


def outcome(steps: Sequence[Step], last: Conversation) -> str:
    """What the conversation came to: a return settled, the list taken, just the item, a
    colleague, or nothing yet."""
    kinds = {s.kind for step in steps for s in step.said}
    if "return" in kinds:
        return "return"
    if last.consultation.stage is Stage.TAKEN or "order" in kinds:
        return "bundle taken"
    if last.consultation.stage is Stage.ITEM:
        return "item only"
    if last.care.handed_off or "handoff" in kinds:
        return "hand-off"
    return "unfinished"


@dataclass(frozen=True)
class Filters:
    """What a trainer narrows the list by (None: anything)."""

    since: Optional[datetime] = None
    until: Optional[datetime] = None
    job: Optional[str] = None
    outcome: Optional[str] = None
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    words: Optional[str] = None  # in the first line

    def keep(self, s: Summary) -> bool:
        checks: Tuple[bool, ...] = (
            self.since is None or (s.started is not None and s.started >= self.since),
            self.until is None or (s.started is not None and s.started <= self.until),
            self.job is None or s.job == self.job,
            self.outcome is None or s.outcome == self.outcome,
            self.min_length is None or s.length >= self.min_length,
            self.max_length is None or s.length <= self.max_length,
            self.words is None or self.words.lower() in s.first_line.lower(),
        )
        return all(checks)


def list_recorded(store: TrackerEvents, filters: Filters = Filters(),
                  limit: int = 500) -> List[Summary]:
    """The recorded conversations a trainer can pick from, latest first."""
    found = []
    for sender in store.senders(limit):
        recorded = store.events(sender)
        steps = recorded_steps(recorded)
        if steps:
            summary = summarise(recorded, steps)
            if filters.keep(summary):
                found.append(summary)
    return sorted(found, key=lambda s: s.started or datetime.min, reverse=True)
