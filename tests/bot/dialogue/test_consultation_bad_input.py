"""A consultation given bad input: every message gets a clear answer, nothing said before
is lost, and nothing forged gets through (small test catalogue)."""

from __future__ import annotations

from typing import Any, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.shop import Shop
from tests.conftest import Said, Shopper

ODD_TEXT = st.text(max_size=200) | st.sampled_from([
    "", "   ", "🔨😀", "هل لديك مثقاب؟", "Bohrer дрель ドリル", "\x00\x07\x1b[31m", "-3", "0", "1e9",
    "-3 kg", "1e9 kg", "5000 mm bit", "'; DROP TABLE products;--", "<script>alert(1)</script>"])


def words(messages: List[Said]) -> str:
    return " ".join(m.text or "" for m in messages)


def at_weight_question(shop: Shop) -> Shopper:
    shopper = Shopper(shop)
    shopper.say("I want to hang a picture", "describe_job")
    assert "How heavy is it?" in words(shopper.say("brick", "inform"))
    return shopper


@pytest.mark.parametrize("size", ["5000 mm", "0 mm", "-10mm"])
def test_a_size_nobody_makes_is_said_plainly(shop: Shop, size: str) -> None:
    shopper = Shopper(shop)
    text = words(shopper.say(f"Do you have a {size} drill bit?", "request_item"))
    assert text.startswith(f"We have no {size.replace(' mm', '').replace('mm', '')} mm drill bits")
    assert "We do." not in text and shopper.consultation.item.size_mm is None


def test_a_size_in_stock_is_still_welcome(shop: Shop) -> None:
    messages = Shopper(shop).say("Do you have a 10mm drill bit?", "request_item")
    assert words(messages).startswith("We do.")


@pytest.mark.parametrize("answer", ["-3", "-3 kg", "1e9 kg", "1000000 kg", "nan kg"])
def test_an_impossible_weight_is_asked_again(shop: Shop, answer: str) -> None:
    shopper = at_weight_question(shop)
    known = dict(shopper.consultation.known)
    assert "How heavy is it?" in words(shopper.say(answer, "inform"))
    assert shopper.consultation.known == known


@pytest.mark.parametrize("choice", ["wall:glass", "wall:", ":", "job:'; DROP TABLE products;--",
                                    "<b>wall</b>:brick", "weight:heavy:extra"])
def test_a_forged_answer_is_refused_and_the_question_asked_again(shop: Shop,
                                                                 choice: str) -> None:
    shopper = Shopper(shop)
    shopper.say("Do you have a 10mm drill bit?", "request_item")
    known = dict(shopper.consultation.known)
    messages = shopper.say(intent="inform", choice=choice)
    assert messages[0].text == "Sorry, that isn't one of the answers I offered."
    assert "what's the hole for?" in words(messages)
    assert shopper.consultation.known == known


@pytest.mark.parametrize("sku", ["'; DROP", "NOPE-1", "<img src=x>", ""])
def test_a_forged_item_to_drop_leaves_the_bundle_whole(shop: Shop, sku: str) -> None:
    shopper = at_weight_question(shop)
    shopper.say("2 kg", "inform")
    before = shopper.consultation.bundle
    messages = shopper.say("/drop_item", "drop_item", sku=sku)
    assert "couldn't tell which item to drop" in words(messages)
    assert shopper.consultation.bundle == before


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ODD_TEXT, min_size=1, max_size=4),
       intent=st.sampled_from([None, "inform", "request_item", "nlu_fallback", "dont_know"]))
def test_any_messages_get_an_answer_and_keep_what_was_said(shop: Shop, texts: List[str],
                                                           intent: Any) -> None:
    shopper = at_weight_question(shop)
    for text in texts:
        messages = shopper.say(text, intent)
        assert messages and all(m.text for m in messages)
        assert "<script>" not in words(messages)
        c = shopper.consultation
        assert c.known.get("job") in (("hang_picture",), None) or c.item
