"""A client's name: read out of a message when they give it, and compared, as the second
factor of a recognition, in constant time on normalised text."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Optional

NAME = re.compile(r"(?:i'?m|i am|call me|name is|name's|it's)\s+([A-Za-z][A-Za-z' -]{0,40})", re.I)


def name_in(text: str) -> Optional[str]:
    """The name a message gives ("I'm sam", "call me Alex", or just "Jo"), capitalised, at
    most two words; None when it gives none."""
    match = NAME.search(text or "")
    words = (match.group(1) if match else text or "").strip().split()
    name = " ".join(w.capitalize() for w in words[:2] if w.isalpha())
    return name or None


def normalise_name(name: str) -> str:
    """A name as it is compared: Unicode-normalised, case-folded, letters and single
    spaces only ("Mary-Ann" and "mary  ann" are the same, "O'Brien" and "obrien" too)."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("-", " ")
    letters = "".join(c for c in text if c.isalpha() or c.isspace())
    return " ".join(letters.split())


def same_name(expected: Optional[str], answer: str) -> bool:
    """Whether the answer gives the expected name.

    The comparison costs the same whatever the names, and whether or not there is an
    expected name at all (no such client, or a client who gave none): both sides are
    reduced to fixed-length digests and compared with ``hmac.compare_digest``, so neither
    the time taken nor an early exit tells how much of a name was right, or that a code
    belongs to anyone.
    """
    given = normalise_name(name_in(answer) or "")
    wanted = normalise_name(expected) if expected else secrets.token_hex(16)
    equal = hmac.compare_digest(_digest(given), _digest(wanted))
    return equal and bool(expected) and bool(given)


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()
