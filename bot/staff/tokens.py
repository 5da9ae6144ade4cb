"""Random tokens, their digests, and values signed with the staff secret.

A token (a session's, a list link's) is stored only as its digest, so a copy of the
database opens no session and no list. Cookies carry signed values: a value changed or
made up by hand is refused before anything is looked up.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from typing import Mapping, Optional

SECRET_VARIABLE = "BOT_STAFF_SECRET"
MIN_SECRET_CHARS = 32
TOKEN_BYTES = 32  # 256 bits: not guessable, whatever the number of tries


def staff_secret(environ: Optional[Mapping[str, str]] = None) -> str:
    """The secret that signs the staff's cookies, from ``BOT_STAFF_SECRET``.

    Raises:
        ValueError: it is missing or too short to resist guessing.
    """
    secret = (os.environ if environ is None else environ).get(SECRET_VARIABLE, "")
    if len(secret) < MIN_SECRET_CHARS:
        raise ValueError(f"{SECRET_VARIABLE} must hold a secret of at least "
                         f"{MIN_SECRET_CHARS} characters (bot run makes one in var/secrets.env)")
    return secret


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def sign(secret: str, value: str, purpose: str) -> str:
    """``value.signature``: the value, signed for one purpose (a session cookie's signature
    does not sign a device cookie)."""
    return f"{value}.{_mac(secret, value, purpose)}"


def unsign(secret: str, signed: Optional[str], purpose: str) -> Optional[str]:
    """The value of a signed string, or None when it is missing, malformed or forged."""
    if not signed or "." not in signed:
        return None
    value, _, mac = signed.rpartition(".")
    if not value or not hmac.compare_digest(mac.encode(), _mac(secret, value, purpose).encode()):
        return None
    return value


def same(given: Optional[str], expected: str) -> bool:
    """Whether a token sent back (a form's, a header's) is the one expected, in constant time."""
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


def _mac(secret: str, value: str, purpose: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
