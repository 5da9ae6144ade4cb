"""The conversation's state, typed, and its one way to and from storage (Rasa's slot).

What is stored is what was said and decided (answers, skus and quantities), never
rendered text or prices: a bundle is rebuilt from the catalogue when it is shown. The
stored form carries ``version``; a slot written by an older version is migrated here, or,
when it cannot be read, the conversation starts afresh and the shopper is told so.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Dict, List, Mapping, Optional, Tuple

from pydantic import BaseModel, Extra, Field, ValidationError

from bot.bundles import Line

VERSION = 2
MAX_DECISIONS = 40


class Stage(str, Enum):
    """Where the consultation stands."""

    IDLE = "idle"  # nothing asked yet, or a fresh start
    DISCOVERING = "discovering"  # asking about the job
    BUNDLE = "bundle"  # a list is on the table
    ITEM = "item"  # the shopper took just the item
    TAKEN = "taken"  # the shopper took the list


class Waiting(str, Enum):
    """An answer the assistant waits for besides the open question of the job."""

    NOTHING = "nothing"
    GIFT_OWNED = "gift_owned"  # which of the list's kinds of item the recipient owns
    ORDER_NUMBER = "order_number"
    GIFT_RECEIPT = "gift_receipt"
    CONSENT = "consent"  # to be remembered
    NAME = "name"
    JOB_SWITCH = "job_switch"  # "start a list for painting, or carry on with the shelf?"
    DROP_BOTH = "drop_both"  # "the plugs need these screws: drop both, or keep the screws?"
    OFFER = "offer"  # yes or no to a product suggested (a replacement, an alternative)
    SECOND_FACTOR = "second_factor"  # the name that goes with a client code given
    FORGET_CONFIRM = "forget_confirm"  # yes or no to deleting a remembered client's data


class _Model(BaseModel):
    class Config:
        extra = Extra.forbid
        validate_assignment = False


class ItemAsked(_Model):
    """The item the shopper first asked for: its kind, what they said of it, its size."""

    category: str
    values: Dict[str, Tuple[str, ...]] = {}
    size_mm: Optional[float] = None


class BundleRef(_Model):
    """The list as stored: the job, every answer it was built from, and its lines."""

    job: str
    answers: Dict[str, str]  # question -> option, including those settled by the engine
    said: Tuple[str, ...] = ()  # the questions the shopper answered (the rest were assumed)
    lines: Tuple[Line, ...] = ()  # skus and quantities: names and prices are looked up
    missing: Tuple[str, ...] = ()  # categories the job needs that nothing in stock fits

    def skus(self) -> List[str]:
        return [line.sku for line in self.lines]


class Gift(_Model):
    """The item is for someone else: who, and which kinds of item they own (None: not
    asked yet)."""

    recipient: Optional[str] = None
    owned: Optional[Tuple[str, ...]] = None


class DecisionRecord(_Model):
    """The engine's reasoning for one turn (for the tablet's "why" and the trainer)."""

    turn: int
    action: str
    question: Optional[str] = None
    reason: str = ""
    solutions: int = 0
    bundles: int = 0
    open_questions: Tuple[Tuple[str, float], ...] = ()
    known: Dict[str, Tuple[str, ...]] = {}


class Consultation(_Model):
    """Needs discovery and the list, for the job in hand."""

    stage: Stage = Stage.IDLE
    item: Optional[ItemAsked] = None
    known: Dict[str, Tuple[str, ...]] = {}  # question -> options still allowed by the shopper
    assumed: Dict[str, str] = {}  # question -> the safe option taken for "not sure"
    pending: Optional[str] = None  # the question asked last
    decisions: Tuple[DecisionRecord, ...] = ()
    bundle: Optional[BundleRef] = None
    warned: bool = False  # a warning about an unfit item was given once
    gift: Optional[Gift] = None
    owned: Tuple[str, ...] = ()  # skus a remembered client already has
    asked: Dict[str, int] = {}  # question -> how many times it was put to the shopper
    unsure: Tuple[str, ...] = ()  # questions the shopper cannot answer, even with the help
    switch_to: Optional[str] = None  # a new job the shopper named, to confirm
    dropping: Optional[str] = None  # the sku whose drop waits for "drop both, or keep?"
    extras: Tuple[Line, ...] = ()  # products the shopper said yes to, outside any job

    def decided(self, record: DecisionRecord) -> None:
        self.decisions = (*self.decisions, record)[-MAX_DECISIONS:]


class Fault(_Model):
    """A faulty product being reported: the shopper's words and what was read from them."""

    words: Tuple[str, ...] = ()
    category: Optional[str] = None
    feature: Optional[str] = None
    value: Optional[str] = None  # what the failed feature was, when said ("twist" locks)
    conditions: Tuple[str, ...] = ()


class Care(_Model):
    """Client care: a fault being reported, and what was offered once."""

    fault: Optional[Fault] = None
    offered_memory: bool = False
    order_tries: int = 0  # answers that held no order number
    offered: Optional[str] = None  # the sku last suggested, for a "yes please"
    handed_off: bool = False  # waiting for a person: the assistant asks nothing more
    claimed_code: Optional[str] = None  # a client code given, until its name is checked


class Conversation(_Model):
    """Everything the dialogue keeps between turns."""

    version: int = Field(default=VERSION, const=True)
    turn: int = 0
    waiting: Waiting = Waiting.NOTHING
    misunderstood: int = 0  # turns in a row not understood
    needs_person: Optional[str] = None  # why the assistant cannot go on alone
    consultation: Consultation = Consultation()
    care: Care = Care()

    def to_slot(self) -> Dict[str, Any]:
        """The JSON-safe form kept in Rasa's slot."""
        stored: Dict[str, Any] = json.loads(self.json())
        return stored

    @classmethod
    def from_slot(cls, data: Optional[Mapping[str, Any]],
                  legacy_care: Optional[Mapping[str, Any]] = None) -> Tuple["Conversation", bool]:
        """The conversation stored in a slot, and whether it had to start afresh.

        Args:
            data: the slot's value (None for a new conversation).
            legacy_care: the ``care`` slot of version 1, which kept the care flow apart.
        """
        if not data and not legacy_care:
            return cls(), False
        try:
            if data and "version" in data:  # ours, or one this code cannot know
                return cls.parse_obj(data), False
            return cls.parse_obj(_from_version_1(data or {}, legacy_care or {})), False
        except (ValidationError, KeyError, TypeError, ValueError, AttributeError):
            # A damaged or unknown slot (the untyped version 1 especially): start afresh.
            return cls(), True


def _from_version_1(state: Mapping[str, Any], care: Mapping[str, Any]) -> Dict[str, Any]:
    """A version 1 state (two untyped dicts) in the version 2 shape. Rendered text,
    prices and the engine's old log are not carried over: they are rebuilt or dropped."""
    pending = state.get("pending")
    waiting = care.get("pending") or ("gift_owned" if pending == "gift_owned" else "nothing")
    bundle = state.get("bundle")
    item = state.get("item")
    gift = state.get("gift")
    return {
        "turn": state.get("turn", 0),
        "waiting": waiting,
        "misunderstood": state.get("misunderstood", 0),
        "consultation": {
            "stage": state.get("status", "idle"),
            "item": None if not item else {"category": item["category"],
                                           "values": item.get("values") or {},
                                           "size_mm": item.get("size_mm")},
            "known": state.get("known") or {},
            "assumed": state.get("assumed") or {},
            "pending": None if pending == "gift_owned" else pending,
            "bundle": None if not bundle else _bundle_from_version_1(bundle),
            "warned": bool(state.get("warned")),
            "gift": None if not gift else {"recipient": gift.get("for"),
                                           "owned": gift.get("owned")},
            "owned": state.get("owned") or (),
        },
        "care": {"fault": _fault_from_version_1(care.get("fault")),
                 "offered_memory": bool(care.get("offered_memory")),
                 "order_tries": care.get("misunderstood", 0)},
    }


def _bundle_from_version_1(payload: Mapping[str, Any]) -> Dict[str, Any]:
    # Version 1 kept the widget's payload: answers by label, so the option keys are lost;
    # the lines (role, sku, quantity) are what matters and survive.
    return {"job": payload["job"], "answers": {}, "said": (),
            "lines": [{"role": i["role"], "sku": i["sku"], "quantity": i["quantity"],
                       "substitute_for": (i.get("substitute_for") or {}).get("sku")}
                      for i in payload.get("items", [])],
            "missing": ()}


def _fault_from_version_1(fault: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    if not fault:
        return None
    return {"words": fault.get("words") or (), "category": fault.get("category"),
            "feature": fault.get("feature"), "conditions": fault.get("conditions") or ()}
