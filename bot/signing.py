"""Signed sender ids, for shops that let their own backend open conversations.

Rasa's REST channel files a message under whatever ``sender`` the caller names, so anyone
who learns (or guesses) a conversation's id can write into it, and a conversation linked
to a remembered client speaks for that client. A shop whose backend hands sender ids to
its pages can close that door: the backend signs each id with a secret it shares with
the channel, ``HMAC-SHA256(secret, sender)`` in hex, and the channel, configured with
``signed_sender: true`` in credentials.yml, refuses a message whose ``sender_signature``
is missing or wrong (edge/rest.py). ``bot security sign SENDER`` prints a signature.

The secret comes from the environment (``BOT_SENDER_SECRET``), never from a file in the
repository. A signature does not expire: make sender ids random and per shopper, and
change the secret to revoke every signature at once.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import Mapping, Optional

SECRET_VARIABLE = "BOT_SENDER_SECRET"
MIN_SECRET_CHARS = 32


def sender_secret(environ: Optional[Mapping[str, str]] = None) -> str:
    """The signing secret from ``BOT_SENDER_SECRET``.

    Raises:
        ValueError: it is missing or shorter than 32 characters (a short secret could be
            guessed from one signed id).
    """
    secret = (os.environ if environ is None else environ).get(SECRET_VARIABLE, "")
    if len(secret) < MIN_SECRET_CHARS:
        raise ValueError(f"{SECRET_VARIABLE} must hold a secret of at least "
                         f"{MIN_SECRET_CHARS} characters to sign sender ids")
    return secret


def sign_sender(secret: str, sender: str) -> str:
    """The signature of a sender id, as the shop's backend computes it."""
    return hmac.new(secret.encode(), sender.encode(), hashlib.sha256).hexdigest()


def signature_matches(secret: str, sender: str, signature: str) -> bool:
    """Whether ``signature`` signs ``sender``, compared in constant time."""
    return hmac.compare_digest(sign_sender(secret, sender).encode(),
                               signature.strip().lower().encode())
