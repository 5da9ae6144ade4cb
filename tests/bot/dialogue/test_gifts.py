"""Buying for someone else: the reading, the recipient's questions, what they own, the
bundle for a gift. The knowledge is data (``gifts:`` in needs.yml)."""

from __future__ import annotations

import pytest

from bot.catalogue.needs import read_needs_file
from bot.knowledge import KnowledgeError, from_yaml_dict, to_yaml_dict
from bot.language import Interpreter
from bot.settings import demo_dir
from bot.shop import Shop
from tests.conftest import Shopper

DEMO = read_needs_file(demo_dir() / "needs.yml")


@pytest.fixture(scope="module")
def demo_interpreter() -> Interpreter:
    return Interpreter(DEMO)


@pytest.mark.parametrize("text, gift, recipient", [
    ("trekking poles for my dad", True, "dad"),
    ("a present for my sister", True, "sister"),
    ("it's for my father", True, "dad"),
    ("it's a birthday present", True, None),
    ("a drill for my dad so he can hang a mirror", True, "dad"),
    # The shopper does the job for someone: not a gift.
    ("hanging a picture for my wife", False, None),
    ("I'm putting up shelves for my mum", False, None),
    ("I'm hiking in the desert", False, None),
    ("I'm getting my brother a head torch", True, "brother"),
    # Someone named who is not the one the item is for.
    ("I'm after a tent for me and my girlfriend", False, None),
    ("a tent for my girlfriend and me", False, None),
    ("my daughter painted this picture and I want it on the wall", False, None),
    ("my wife got me a new TV and I want it on the wall", False, None),
])
def test_who_it_is_for(demo_interpreter: Interpreter, text: str, gift: bool,
                       recipient: str) -> None:
    reading = demo_interpreter.read(text)
    assert (reading.gift, reading.recipient) == (gift, recipient)


def test_every_demo_question_has_a_wording_for_the_recipient() -> None:
    for question in DEMO.questions.values():
        worded = DEMO.gifts.wording(question, "dad")
        assert "your dad" in worded and worded != question.text
    assert DEMO.gifts.wording(DEMO.job_question(), None) == "What will they use it for?"


def test_a_wording_may_only_name_the_recipient() -> None:
    data = to_yaml_dict(DEMO)
    data["gifts"]["questions"]["wall"] = "What about {whom}?"
    with pytest.raises(KnowledgeError, match="may use only"):
        from_yaml_dict(data)
    data["gifts"]["questions"] = {"colour": "Which colour does {who} like?"}
    with pytest.raises(KnowledgeError, match="unknown question colour"):
        from_yaml_dict(data)


def test_a_gift_is_asked_about_the_recipient_and_leaves_out_what_they_own(
        shop: Shop) -> None:
    shopper = Shopper(shop)
    replies = shopper.say("a drill bit for my dad", "request_item")
    assert replies[0].text == "We do. A present for your dad, lovely. What will your dad use it for?"
    replies = shopper.say("hanging a picture")
    assert "What are the walls made of where your dad will use it?" in replies[0].text
    replies = shopper.say("brick")
    replies = shopper.say("about 3 kg")
    question = replies[0].custom
    assert question["question"] == "gift_owned"
    assert replies[0].text.endswith("Might your dad already own any of these? "
                                    "I'll leave out what they have.")
    assert "picture hook" in [b["title"] for b in replies[0].buttons]
    assert shopper.consultation.bundle is None
    replies = shopper.say("he's got plenty of screws and hooks")
    bundle = replies[0].custom
    assert bundle["type"] == "bundle"
    kinds = {i["category"] for i in bundle["items"]}
    assert "screw" not in kinds and "picture_hook" not in kinds and "wall_plug" in kinds
    assert "As a gift for your dad, without the screw, picture hook: they have that already." in replies[0].text
    gift = shopper.consultation.gift
    assert (gift.recipient, gift.owned) == ("dad", ("screw", "picture_hook"))


def test_a_gift_said_mid_way_rewords_the_open_question(shop: Shop) -> None:
    shopper = Shopper(shop)
    replies = shopper.say("I want to go hiking")
    assert "What's the ground like?" in replies[0].text
    replies = shopper.say("oh, it's a present for my sister")
    assert replies[0].text == ("A present for your sister, lovely. "
                               "What's the ground like where your sister will walk?")
    assert shopper.conversation.misunderstood == 0


def test_none_owned_keeps_the_whole_bundle_and_ignores_the_buyers_own_kit(
        shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.conversation.consultation.owned = ("POLE-L",)
    replies = shopper.say("trekking poles as a gift", "request_item")
    assert "A present, lovely. What's the ground like where they will walk?" in replies[0].text
    replies = shopper.say("desert trails")
    assert replies[0].custom["question"] == "gift_owned"
    replies = shopper.say("/inform", choice="gift_owned:none")
    [item] = replies[0].custom["items"]
    assert item["sku"] == "POLE-L"  # the buyer owns these; the recipient does not
    assert replies[0].text.startswith("As a gift:")


def test_just_the_item_while_asked_what_they_own(shop: Shop) -> None:
    shopper = Shopper(shop)
    shopper.say("trekking poles for my sister", "request_item")
    shopper.say("dusty")
    assert shopper.conversation.waiting == "gift_owned"
    replies = shopper.say("just the poles", "just_the_item")
    assert replies[0].custom["type"] == "product"
    assert replies[0].custom["product"]["attributes"]["lock"] == "lever"
