"""Names: read out of messages, and compared as a second factor."""

from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.care.names import name_in, normalise_name, same_name


@pytest.mark.parametrize("text, name", [
    ("I'm sam", "Sam"), ("call me Alex", "Alex"), ("my name is Jo", "Jo"),
    ("Sam Taylor", "Sam Taylor"),
    ("it's sam, thanks", "Sam"), ("", None), ("42", None),
])
def test_the_name_a_message_gives(text: str, name: Optional[str]) -> None:
    assert name_in(text) == name


@pytest.mark.parametrize("expected, answer, same", [
    ("Sam", "sam", True), ("Sam", "my name is Sam", True), ("Sam", "it's SAM", True),
    ("Mary Ann", "mary  ann", True), ("Sam", "Samuel", False), ("Sam", "Pam", False),
    ("Sam", "", False), (None, "Sam", False), (None, "", False), ("", "", False),
])
def test_names_are_compared_normalised(expected: Optional[str], answer: str, same: bool) -> None:
    assert same_name(expected, answer) is same


def test_punctuation_and_case_do_not_matter() -> None:
    assert normalise_name("Mary-Ann") == normalise_name("mary ann") == "mary ann"
    assert normalise_name("O'Brien") == "obrien"


@given(st.text(max_size=30), st.text(max_size=30))
def test_no_client_and_no_name_never_match(answer: str, other: str) -> None:
    assert same_name(None, answer) is False
    assert same_name("", other) is False
