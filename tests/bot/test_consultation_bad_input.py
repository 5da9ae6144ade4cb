"""A consultation given bad input: every message gets a clear answer, nothing said before
is lost, and nothing forged gets through (small test catalogue)."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.consultation import Consultant, Incoming, Message

ODD_TEXT = st.text(max_size=200) | st.sampled_from([
    "", "   ", "🔨😀", "هل لديك مثقاب؟", "Bohrer дрель ドリル", "\x00\x07\x1b[31m", "-3", "0", "1e9",
    "-3 kg", "1e9 kg", "5000 mm bit", "'; DROP TABLE products;--", "<script>alert(1)</script>"])


def say(consultant: Consultant, state: Any, text: str = "", **given: Any) -> Tuple[Dict, List[Message]]:
    return consultant.respond(state, Incoming(text=text, **given))


def words(messages: List[Message]) -> str:
    return " ".join(m.text or "" for m in messages)


def at_weight_question(consultant: Consultant) -> Dict[str, Any]:
    state, _ = say(consultant, None, "I want to hang a picture", intent="describe_job")
    state, messages = say(consultant, state, "brick", intent="inform")
    assert "How heavy is it?" in words(messages)
    return state


@pytest.mark.parametrize("size", ["5000 mm", "0 mm", "-10mm"])
def test_a_size_nobody_makes_is_said_plainly(consultant: Consultant, size: str) -> None:
    state, messages = say(consultant, None, f"Do you have a {size} drill bit?", intent="request_item")
    text = words(messages)
    assert text.startswith(f"We have no {size.replace(' mm', '').replace('mm', '')} mm drill bits")
    assert "We do." not in text and state["item"]["size_mm"] is None


def test_a_size_in_stock_is_still_welcome(consultant: Consultant) -> None:
    _, messages = say(consultant, None, "Do you have a 10mm drill bit?", intent="request_item")
    assert words(messages).startswith("We do.")


@pytest.mark.parametrize("answer", ["-3", "-3 kg", "1e9 kg", "1000000 kg", "nan kg"])
def test_an_impossible_weight_is_asked_again(consultant: Consultant, answer: str) -> None:
    state = at_weight_question(consultant)
    after, messages = say(consultant, state, answer, intent="inform")
    assert "How heavy is it?" in words(messages)
    assert after["known"] == state["known"]


@pytest.mark.parametrize("choice", ["wall:glass", "wall:", ":", "job:'; DROP TABLE products;--",
                                    "<b>wall</b>:brick", "weight:heavy:extra"])
def test_a_forged_answer_is_refused_and_the_question_asked_again(consultant: Consultant,
                                                                 choice: str) -> None:
    state, _ = say(consultant, None, "Do you have a 10mm drill bit?", intent="request_item")
    after, messages = say(consultant, state, intent="inform", choice=choice)
    assert messages[0].text == "Sorry, that isn't one of the answers I offered."
    assert "what's the hole for?" in words(messages)
    assert after["known"] == state["known"]


@pytest.mark.parametrize("sku", ["'; DROP", "NOPE-1", "<img src=x>", ""])
def test_a_forged_item_to_drop_leaves_the_bundle_whole(consultant: Consultant, sku: str) -> None:
    state = at_weight_question(consultant)
    state, _ = say(consultant, state, "2 kg", intent="inform")
    before = state["bundle"]
    after, messages = consultant.drop(state, sku)
    assert "couldn't tell which item to drop" in words(messages)
    assert after["bundle"] == before


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(ODD_TEXT, min_size=1, max_size=4),
       intent=st.sampled_from([None, "inform", "request_item", "nlu_fallback", "dont_know"]))
def test_any_messages_get_an_answer_and_keep_what_was_said(consultant: Consultant,
                                                           texts: List[str], intent: Any) -> None:
    state = at_weight_question(consultant)
    for text in texts:
        state, messages = say(consultant, state, text, intent=intent)
        assert messages and all(m.text for m in messages)
        assert "<script>" not in words(messages)
        assert state["known"].get("job") in (["hang_picture"], None) or state["item"]
