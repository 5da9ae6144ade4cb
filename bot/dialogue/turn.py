"""A shopper's turn as the dialogue sees it: what was said, what it was understood to
mean, and which face it came through. The faces translate their own vocabulary (Rasa's
intent names, button payloads, a tablet's taps) into these terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Optional, Tuple


class Meaning(str, Enum):
    """What a message was understood to be, in the shop's words."""

    ASK_FOR_ITEM = "ask_for_item"
    DESCRIBE_JOB = "describe_job"
    ANSWER = "answer"
    DONT_KNOW = "dont_know"
    JUST_THE_ITEM = "just_the_item"
    YES = "yes"
    NO = "no"
    TAKE_ALL = "take_all"
    DROP_ITEM = "drop_item"
    ASK_PRICE = "ask_price"
    ASK_STOCK = "ask_stock"
    ASK_LOCATION = "ask_location"
    START_OVER = "start_over"
    GREETING = "greeting"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    ASK_IF_BOT = "ask_if_bot"
    OFF_TOPIC = "off_topic"
    REPORT_FAULT = "report_fault"
    FORGET_ME = "forget_me"
    ASK_FOR_PERSON = "ask_for_person"
    CARRY_ON = "carry_on"  # back to the assistant: no person after all, or the job in hand
    SHOW_LIST = "show_list"
    SHOP_INFO = "shop_info"  # opening hours, address, delivery, returns...
    # An attendant's moves on the tablet (no chat intent says them):
    SKIP_QUESTION = "skip_question"  # move on: the open question's safe (or likeliest) answer
    FINISH_NOW = "finish_now"  # the list now: every open question's safe (or likeliest) answer
    UNCLEAR = "unclear"


STAFF_MOVES = frozenset({Meaning.SKIP_QUESTION, Meaning.FINISH_NOW})
"""Meanings only a member of staff's face sends: the chat has no words (no intent) for them."""


class Face(str, Enum):
    """Who the dialogue is talking through."""

    CHAT = "chat"  # a shopper in the website's widget (or any chat channel)
    TABLET = "tablet"  # a store attendant coaching a shopper in the aisle
    REPLAY = "replay"  # a trainer replaying a conversation


@dataclass(frozen=True)
class Turn:
    """One message from the shopper (or the attendant speaking for them).

    ``answer`` is a (question, option) pair picked from offered choices (a button), and
    ``sku`` the product a choice names; both are None for typed words."""

    text: str = ""
    meaning: Meaning = Meaning.UNCLEAR
    confidence: float = 1.0
    answer: Optional[Tuple[str, str]] = None
    sku: Optional[str] = None
    face: Face = Face.CHAT
    sender: str = "anonymous"
    now: datetime = field(default_factory=datetime.now)
    transcript: Tuple[str, ...] = ()  # everything the shopper said so far, this turn last
    source: Optional[str] = None  # the address the message came from, as the channel saw it
