"""The chat face: every choice's button sends a payload that Rasa reads back as the same
meaning; prices in the payload are exact pennies."""

from __future__ import annotations

import json
import re

import pytest

from actions.chat import INTENTS, MEANINGS, bundle_payload, payload
from bot.dialogue.replies import Act
from bot.dialogue.turn import STAFF_MOVES, Meaning
from bot.shop import Shop

RASA_PAYLOAD = re.compile(r"^/(\w+)(\{.*\})?$")  # how Rasa's RegexInterpreter reads a button


@pytest.mark.parametrize("act", [
    Act(Meaning.ANSWER, answer=("wall", "brick")), Act(Meaning.DONT_KNOW),
    Act(Meaning.TAKE_ALL), Act(Meaning.DROP_ITEM, sku="BIT-M6"), Act(Meaning.JUST_THE_ITEM),
    Act(Meaning.YES), Act(Meaning.NO), Act(Meaning.ASK_FOR_PERSON), Act(Meaning.START_OVER),
])
def test_a_button_means_what_its_act_says(act: Act) -> None:
    intent, entities = RASA_PAYLOAD.match(payload(act)).groups()
    assert MEANINGS[intent] is act.meaning
    read = json.loads(entities) if entities else {}
    assert read.get("choice") == (":".join(act.answer) if act.answer else None)
    assert read.get("sku") == act.sku


def test_every_meaning_but_the_staff_moves_has_one_intent() -> None:
    assert set(INTENTS) == set(MEANINGS.values()) == \
        set(Meaning) - {Meaning.UNCLEAR} - STAFF_MOVES


def test_the_bundle_payload_holds_exact_pennies(shop: Shop) -> None:
    bundle = shop.services.shelves.build({"job": "hang_picture", "wall": "brick",
                                          "weight": "light", "permanence": "permanent"})
    sent = bundle_payload(bundle, shop.services.knowledge)
    assert sent["total_pence"] == sum(i["line_total_pence"] for i in sent["items"])
    assert sent["total_pence"] == bundle.total_cents
    assert all(i["unit_price"] == i["unit_price_pence"] / 100 for i in sent["items"])
