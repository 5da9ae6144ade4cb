"""Signed sender ids: what a shop's backend computes and the REST channel checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.signing import sender_secret, sign_sender, signature_matches

SECRET = "s" * 32


def test_a_signature_signs_its_sender_only() -> None:
    signature = sign_sender(SECRET, "shopper-1")
    assert len(signature) == 64
    assert signature_matches(SECRET, "shopper-1", signature)
    assert signature_matches(SECRET, "shopper-1", f" {signature.upper()} ")
    assert not signature_matches(SECRET, "shopper-2", signature)
    assert not signature_matches("t" * 32, "shopper-1", signature)


@given(st.text(min_size=1, max_size=40), st.text(max_size=64))
def test_a_forged_signature_never_matches(sender: str, forged: str) -> None:
    if forged.strip().lower() != sign_sender(SECRET, sender):
        assert not signature_matches(SECRET, sender, forged)


@pytest.mark.parametrize("environ", [{}, {"BOT_SENDER_SECRET": ""}, {"BOT_SENDER_SECRET": "short"}])
def test_no_usable_secret_is_refused(environ) -> None:
    with pytest.raises(ValueError, match="BOT_SENDER_SECRET"):
        sender_secret(environ)
    assert sender_secret({"BOT_SENDER_SECRET": SECRET}) == SECRET
