"""Client codes: the generator's properties, reading codes out of messages, legacy codes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.care.codes import (
    ALPHABET,
    AMBIGUOUS,
    CODE_LENGTH,
    LEGACY_ALPHABET,
    code_in,
    format_code,
    generate_code,
    is_legacy,
    normalise_code,
)

SEEDS = st.integers(min_value=0, max_value=2**64)


def seeded(seed: int) -> str:
    return generate_code(random.Random(seed).choice)


@given(SEEDS)
def test_a_code_has_the_length_and_alphabet(seed: int) -> None:
    code = seeded(seed)
    assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)


@given(SEEDS)
def test_a_code_has_no_ambiguous_symbol(seed: int) -> None:
    assert not set(seeded(seed)) & AMBIGUOUS
    assert not set(format_code(seeded(seed))) & AMBIGUOUS


@given(SEEDS)
def test_a_code_is_shown_in_groups_and_read_back_however_it_is_typed(seed: int) -> None:
    code = seeded(seed)
    shown = format_code(code)
    assert [len(part) for part in shown.split("-")] == [4, 4, 2]
    for typed in (shown, shown.lower(), shown.replace("-", " "), code.lower()):
        assert normalise_code(typed) == code
        assert code_in(f"hello, my code is {typed}, thanks") == code


def test_the_alphabet_is_thirty_plain_symbols() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 30 and not set(ALPHABET) & AMBIGUOUS


def test_the_default_generator_uses_the_whole_alphabet() -> None:
    seen = set("".join(generate_code() for _ in range(200)))
    assert seen == set(ALPHABET)


@pytest.mark.parametrize("text, code", [
    ("hi, my client code is K7F3Q2", "K7F3Q2"),            # a legacy code, still read
    ("good morning, here's my client code q4rt7m", "Q4RT7M"),
    ("my code: 7KQX-M4PA-RW", "7KQXM4PARW"),
    ("hello, order A1001 and my code is 7KQXM4PARW", "7KQXM4PARW"),
    ("hello, my code is", None),
    ("hello, order A1001", None),                          # no "code": an order is no code
    ("the barcode says 7KQXM4PARW", None),
    ("my code is 7KQX-M4PA-RWXY", None),                   # too long
    ("my code is 0KQX-M4PA-RW", None),                     # 0 is in no code
    ("my code is here with me", None),
])
def test_codes_are_read_only_after_the_word_code(text: str, code: str) -> None:
    assert code_in(text) == code


@pytest.mark.parametrize("raw, code", [
    ("7kqx-m4pa-rw", "7KQXM4PARW"), ("K7F3Q2", "K7F3Q2"), ("K7F3Q", None),
    ("7KQX-M4PA-RL", None), ("", None), ("7KQX-M4PA-R0", None),
])
def test_normalising(raw: str, code: str) -> None:
    assert normalise_code(raw) == code


def test_legacy_codes_are_told_apart_and_shown_as_they_were() -> None:
    assert is_legacy("K7F3Q2") and not is_legacy("7KQXM4PARW")
    assert format_code("K7F3Q2") == "K7F3Q2"
    assert set("K7F3Q2") <= set(LEGACY_ALPHABET)
