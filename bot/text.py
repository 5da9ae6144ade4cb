"""Shoppers' text as every channel takes it: control characters out, white space folded,
length bounded. Light on purpose: the channels in the Rasa server use it without loading
the language pipeline (spaCy)."""

from __future__ import annotations

import re

MAX_MESSAGE_CHARS = 2000
"""Longer messages are read only this far: shoppers' real answers are short, and the
matcher's cost grows with the text."""

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Control characters out, white space folded, length bounded."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", text or "")).strip()[:MAX_MESSAGE_CHARS]
