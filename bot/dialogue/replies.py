"""What the dialogue says, as objects of the shop's language. Each face renders them its
own way: the chat as text, buttons and custom payloads (``actions/``); the tablet as a
question to say aloud with its reason and big answer buttons; the replay with everything.

Every reply has ``text``, the words for a shopper (from the shop's phrasebook), and
``choices``, what the shopper can pick next; the rest is the structure behind the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple, Union

from bot.bundles import Bundle
from bot.dialogue.state import DecisionRecord
from bot.dialogue.turn import Meaning
from bot.knowledge import Question
from bot.products import ProductInfo


@dataclass(frozen=True)
class Act:
    """What picking a choice means: the turn it makes."""

    meaning: Meaning
    answer: Optional[Tuple[str, str]] = None  # (question, option)
    sku: Optional[str] = None


@dataclass(frozen=True)
class Choice:
    """Something the shopper can pick: a label and what it does."""

    label: str
    act: Act


Choices = Tuple[Choice, ...]


@dataclass(frozen=True)
class Say:
    """Plain words: a greeting, a note, an apology."""

    text: str
    choices: Choices = ()


@dataclass(frozen=True)
class Ask:
    """A question about the job, with the options still possible and the engine's reason
    (None for questions outside discovery, such as what a gift's recipient owns)."""

    text: str
    question: Question
    decision: Optional[DecisionRecord]
    choices: Choices = ()


@dataclass(frozen=True)
class Offer:
    """A list for the job (``taken``: the shopper took it)."""

    text: str
    bundle: Bundle
    taken: bool = False
    choices: Choices = ()


@dataclass(frozen=True)
class ProductAnswer:
    """One product: handed over, or asked about (price, stock, aisle), with a warning
    when it cannot do the job the shopper described."""

    text: str
    product: ProductInfo
    warning: Optional[str] = None
    choices: Choices = ()


@dataclass(frozen=True)
class ReturnSettled:
    """A faulty product brought back: the verdict and the maker's case."""

    text: str
    order: str
    sku: str
    accepted: bool
    refund_cents: int
    maker_case: Optional[int]
    choices: Choices = ()


@dataclass(frozen=True)
class GiftReceipt:
    """A receipt without prices, for the recipient of a present."""

    text: str
    recipient: str
    items: Tuple[Tuple[str, int], ...]  # (name, quantity)
    exchange_days: int
    choices: Choices = ()


@dataclass(frozen=True)
class HandedOff:
    """The conversation waits for a member of staff."""

    text: str
    place: int
    reason: str
    choices: Choices = ()


@dataclass(frozen=True)
class Recognised:
    """How an attempt to be recognised by client code went: the same for any code until
    the name that goes with it matches (``status``: second_factor, no_match, wait, locked,
    not_a_code)."""

    text: str
    status: str
    retry_after_s: Optional[float] = None
    locked: bool = False
    choices: Choices = ()


Reply = Union[Say, Ask, Offer, ProductAnswer, ReturnSettled, GiftReceipt, HandedOff, Recognised]
