"""Client codes: long enough that guessing one is hopeless, short and plain enough to read
aloud across a shop counter.

A code is 10 symbols from a 30-symbol alphabet, shown in groups as ``7KQX-M4PA-RW``:
30**10 (about 5.9e14, 49 bits) possible codes. The alphabet is Crockford's base 32 without
0 and 1: no I, L, O or U and no 0 or 1, so none of O/0, I/L/1 or U/V can be mistaken for
another, written or spoken. docs/security.md gives the arithmetic against guessing.

Codes handed out before (six symbols from ``LEGACY_ALPHABET``) are still accepted, under
the same limits, and replaced by a long one when their owner is next recognised.
Codes are stored normalised: upper case, no separators.
"""

from __future__ import annotations

import re
import secrets
from typing import Callable, List, Optional, Sequence, Tuple

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
GROUPS = (4, 4, 2)
AMBIGUOUS = frozenset("01ILOU")
"""Symbols never used in new codes: each can be mistaken for another (0/O, 1/I/L, U/V)."""

LEGACY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LEGACY_LENGTH = 6

_NEW = f"[{ALPHABET}]"
_OLD = f"[{LEGACY_ALPHABET}]"
# Groups may be written with hyphens, spaces or nothing between them ("7kqx m4pa rw").
_CODE_IN_TEXT = re.compile(
    rf"(?<![0-9A-Z])({_NEW}{{4}}[-\s]?{_NEW}{{4}}[-\s]?{_NEW}{{2}}|{_OLD}{{6}})(?![0-9A-Z-])",
    re.IGNORECASE)
_CODE_WORD = re.compile(r"\bcode\b", re.IGNORECASE)

Choice = Callable[[Sequence[str]], str]


def generate_code(choice: Choice = secrets.choice) -> str:
    """A new code, normalised (``7KQXM4PARW``); ``choice`` is a CSPRNG's by default.

    Args:
        choice: picks one symbol from a sequence; tests pass a seeded one.
    """
    return "".join(choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """A normalised code as it is shown and read aloud: ``7KQX-M4PA-RW`` (a legacy code
    is shown as it always was)."""
    if len(code) != CODE_LENGTH:
        return code
    parts, start = [], 0
    for size in GROUPS:
        parts.append(code[start:start + size])
        start += size
    return "-".join(parts)


def normalise_code(raw: str) -> Optional[str]:
    """The stored form of a code as typed (any case, hyphens or spaces between groups), or
    None when it cannot be a code (wrong length or a symbol no code uses)."""
    text = re.sub(r"[-\s]", "", raw or "").upper()
    if len(text) == CODE_LENGTH and all(c in ALPHABET for c in text):
        return text
    if len(text) == LEGACY_LENGTH and all(c in LEGACY_ALPHABET for c in text):
        return text
    return None


def code_in(text: str) -> Optional[str]:
    """The client code a message gives, normalised, or None.

    Only words after "code" are read ("hello, my code is 7KQX-M4PA-RW"), so that an order
    number or a product name is never taken for a code.
    """
    said = _CODE_WORD.search(text or "")
    if said is None:
        return None
    found = _CODE_IN_TEXT.search(text[said.end():])
    return normalise_code(found.group(1)) if found else None


def code_spans(text: str) -> List[Tuple[int, int]]:
    """Where a message gives codes (start, end), read as ``code_in`` reads them: after the
    word "code" (to replace them in an exported story, ``bot/replay/export.py``)."""
    said = _CODE_WORD.search(text or "")
    if said is None:
        return []
    return [(said.end() + m.start(1), said.end() + m.end(1))
            for m in _CODE_IN_TEXT.finditer(text[said.end():])]


def mentions_a_code(text: str) -> bool:
    """Whether a message talks about a code at all (to answer one that is not a code)."""
    return _CODE_WORD.search(text or "") is not None


def is_legacy(code: str) -> bool:
    """A short code from before codes were long: replace it when its owner is recognised."""
    return len(code) == LEGACY_LENGTH
