"""A story replayed through today's dialogue, and the turn where the assistant parts from it.

A story says, for each message, which intent it means; every intent goes to the one action,
``action_dialogue``, so the dialogue decides the rest. The story is run twice, each time
through the real dialogue in a sandbox (``sandbox.py``: every write rolled back):

- **as the story says**: each message with the story's own intent;
- **as the assistant reads it today**: each message with the intent today's model gives
  (``Parser``: Rasa's ``/model/parse``), for stories that have words.

The story *parts* at the first turn where today's intent differs from the story's, or where
the assistant would say something else. An intent read differently that leads to the same
words (``inform`` for ``describe_job``: both go to the consultation) is shown, and marked
harmless. Rasa's own evaluation of all stories at once is ``evaluation.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, ContextManager, List, Mapping, Optional, Protocol, Tuple

from bot.dialogue.state import Conversation
from bot.dialogue.turn import Face, Meaning, Turn
from bot.replay.steps import Step, Understood, read_words, said_of
from bot.replay.stories import Story, StoryMessage
from bot.shop import Shop

IntentMeanings = Mapping[str, Meaning]
"""The chat face's table from Rasa's intent names to the dialogue's meanings."""


@dataclass(frozen=True)
class Parsed:
    """What the model reads a message as."""

    intent: str
    confidence: float


class Parser(Protocol):
    """Today's model, reading one message (``bot/replay/rasa_api.py`` asks the server)."""

    def parse(self, text: str) -> Parsed: ...


@dataclass(frozen=True)
class Parting:
    """Where, and how, the assistant today parts from the story."""

    turn: int
    story_intent: str
    today_intent: str
    today_confidence: Optional[float]
    story_said: Tuple[str, ...]
    today_said: Tuple[str, ...]

    @property
    def harmless(self) -> bool:
        """The intent differs, yet the assistant says the same."""
        return self.story_said == self.today_said

    def describe(self) -> str:
        lines = [f"parts at turn {self.turn}:"]
        if self.story_intent != self.today_intent:
            confidence = ("" if self.today_confidence is None
                          else f" ({self.today_confidence:.2f})")
            lines.append(f"  the story says {self.story_intent}; today's model reads "
                         f"{self.today_intent}{confidence}")
        if self.harmless:
            lines.append("  the assistant says the same either way")
        else:
            lines.append(f"  the story's path: {' / '.join(self.story_said) or '(nothing)'}")
            lines.append(f"  today:            {' / '.join(self.today_said) or '(nothing)'}")
        return "\n".join(lines)


@dataclass(frozen=True)
class StoryReplay:
    """A story's turns as the story says them and as the assistant takes them today."""

    story: Story
    as_story: Tuple[Step, ...]
    today: Tuple[Step, ...]
    parts: Optional[Parting]

    @property
    def matches(self) -> bool:
        """The assistant today does what the story says (an intent read otherwise that
        changes nothing the shopper sees still counts as parting: the story is wrong)."""
        return self.parts is None


ShopOpener = Callable[[], ContextManager[Shop]]


def replay_story(story: Story, open_shop: ShopOpener, intents: IntentMeanings,
                 parser: Optional[Parser] = None, now: Optional[datetime] = None) -> StoryReplay:
    """Run ``story`` through the dialogue as the story says and as today's model reads it.

    Args:
        open_shop: a sandboxed shop for each run (``sandbox.sandbox_shop``).
        intents: the chat face's intents to meanings.
        parser: today's model; None replays the story's own intents only.
        now: the time the replay pretends it is (the shop's hours depend on it).
    """
    when = now or datetime.now()
    as_story = _run(story, open_shop, intents, None, when)
    today = _run(story, open_shop, intents, parser, when) if parser and story.has_words \
        else as_story
    return StoryReplay(story, as_story, today, _parting(as_story, today))


def _run(story: Story, open_shop: ShopOpener, intents: IntentMeanings,
         parser: Optional[Parser], now: datetime) -> Tuple[Step, ...]:
    steps: List[Step] = []
    sender = "replay-" + hashlib.sha256(story.key.encode()).hexdigest()[:12]
    transcript: Tuple[str, ...] = ()
    with open_shop() as shop:
        conversation = Conversation()
        for index, message in enumerate(story.messages, start=1):
            understood = _understood(message, parser)
            words = "" if message.text.startswith("/") else message.text
            transcript = (*transcript, words)
            choice = message.entities.get("choice")
            question, _, option = (choice or "").partition(":")
            turn = Turn(text=words, meaning=intents.get(understood.intent, Meaning.UNCLEAR),
                        confidence=understood.confidence or 1.0,
                        answer=(question, option) if choice else None,
                        sku=message.entities.get("sku"), face=Face.REPLAY, sender=sender,
                        now=now, transcript=transcript)
            read = read_words(shop.services.reader, words, conversation)
            outcome = shop.dialogue.handle(turn, conversation)
            conversation = outcome.conversation
            steps.append(Step(index, message.text or f"({message.intent})",
                              Understood(understood.intent, understood.confidence, read,
                                         dict(message.entities)),
                              said_of(outcome.replies), conversation))
    return tuple(steps)


def _understood(message: StoryMessage, parser: Optional[Parser]) -> Understood:
    if parser is None or not message.text or message.text.startswith("/"):
        return Understood(message.intent, None)
    parsed = parser.parse(message.text)
    return Understood(parsed.intent, parsed.confidence)


def _parting(as_story: Tuple[Step, ...], today: Tuple[Step, ...]) -> Optional[Parting]:
    for story_step, today_step in zip(as_story, today):
        story_said = tuple(s.text for s in story_step.said)
        today_said = tuple(s.text for s in today_step.said)
        if story_step.understood.intent != today_step.understood.intent \
                or story_said != today_said:
            return Parting(story_step.turn, story_step.understood.intent,
                           today_step.understood.intent, today_step.understood.confidence,
                           story_said, today_said)
    return None
