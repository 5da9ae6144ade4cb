"""The conversation's state: typed, stored as JSON in one slot, read back the same, and
an older or damaged slot carried over or started afresh, never a failed turn."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.bundles import Line
from bot.dialogue.state import (
    VERSION,
    BundleRef,
    Conversation,
    Fault,
    Gift,
    ItemAsked,
    Stage,
    Waiting,
)

VERSION_1 = {
    "item": {"category": "drill_bit", "values": {"material": ["masonry"]}, "size_mm": 10},
    "known": {"job": ["hang_picture"], "wall": ["brick"]}, "assumed": {"weight": "heavy"},
    "pending": "weight", "decisions": [{"action": "ask", "turn": 3}],
    "bundle": {"type": "bundle", "job": "hang_picture", "total": 12.3, "answers": {},
               "items": [{"role": "bit", "sku": "BIT-M6", "quantity": 1, "unit_price": 3.49,
                          "substitute_for": {"sku": "BIT-M6X", "name": "x"}}]},
    "warned": True, "misunderstood": 1, "status": "bundle", "turn": 4,
    "owned": ["PLUG-R6"], "gift": {"for": "dad", "owned": None},
}
CARE_1 = {"pending": "consent", "fault": {"words": ["locks slip"], "category": "trekking_poles",
                                          "feature": "lock", "conditions": ["dust"]},
          "offered_memory": True, "misunderstood": 1}


def test_a_conversation_survives_the_slot_unchanged() -> None:
    conv = Conversation(turn=3, waiting=Waiting.CONSENT)
    c = conv.consultation
    c.stage, c.pending = Stage.BUNDLE, "weight"
    c.item = ItemAsked(category="drill_bit", values={"material": ("masonry",)}, size_mm=10.0)
    c.known = {"job": ("hang_picture",), "wall": ("brick", "plasterboard")}
    c.bundle = BundleRef(job="hang_picture", answers={"job": "hang_picture", "wall": "brick"},
                         said=("wall",), lines=(Line("bit", "BIT-M6", 2, "BIT-X"),))
    c.gift = Gift(recipient="dad", owned=("screw",))
    conv.care.fault = Fault(words=("broke",), feature="lock")
    stored = json.loads(json.dumps(conv.to_slot()))  # as the tracker store keeps it
    again, lost = Conversation.from_slot(stored)
    assert again == conv and not lost and stored["version"] == VERSION


def test_the_list_is_kept_as_skus_and_quantities_not_text_or_prices() -> None:
    conv = Conversation()
    conv.consultation.bundle = BundleRef(job="hang_picture", answers={"job": "hang_picture"},
                                         lines=(Line("bit", "BIT-M6", 1),))
    line = conv.to_slot()["consultation"]["bundle"]["lines"][0]
    assert line == {"role": "bit", "sku": "BIT-M6", "quantity": 1, "substitute_for": None}


def test_a_version_1_slot_is_carried_over() -> None:
    conv, lost = Conversation.from_slot(VERSION_1, CARE_1)
    c = conv.consultation
    assert not lost and conv.version == VERSION
    assert c.stage is Stage.BUNDLE and c.pending == "weight" and c.known["wall"] == ("brick",)
    assert c.item.size_mm == 10 and c.gift.recipient == "dad" and c.owned == ("PLUG-R6",)
    assert c.bundle.lines == (Line("bit", "BIT-M6", 1, "BIT-M6X"),)
    assert conv.waiting is Waiting.CONSENT and conv.care.fault.feature == "lock"
    assert conv.care.order_tries == 1 and conv.care.offered_memory


@pytest.mark.parametrize("stored", [
    {"version": 99, "anything": "new"}, {"version": VERSION, "turn": "many"},
    {"version": VERSION, "waiting": "for godot"}, {"known": [1, 2], "status": "lost"},
    {"bundle": {"items": "none"}},
])
def test_a_slot_that_cannot_be_read_starts_afresh_and_says_so(stored: Dict[str, Any]) -> None:
    conv, lost = Conversation.from_slot(stored)
    assert lost and conv == Conversation()


@given(st.dictionaries(st.text(max_size=8), st.none() | st.integers() | st.text(max_size=8)
                       | st.lists(st.integers(), max_size=2), max_size=5))
def test_any_slot_gives_a_conversation(stored: Dict[str, Any]) -> None:
    conv, _ = Conversation.from_slot(stored)
    assert isinstance(conv, Conversation)


def test_nothing_stored_is_a_new_conversation() -> None:
    assert Conversation.from_slot(None) == (Conversation(), False)
