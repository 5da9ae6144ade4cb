"""The REST channel, hardened: Rasa's own ``RestInput`` with three differences.

- A request that is not a shopper's message (not a JSON object, no ``sender`` string,
  a ``message`` that is not a string) gets a 400 naming what is wrong. Rasa's channel
  answers ``[]`` or a 500, and files a message without ``sender`` under the conversation
  ``default``, which every such caller would then share.
- The text is cleaned before Rasa sees it (``bot.text.clean_text``: control
  characters out, length bounded). Rasa's NLU reads the whole message: a 24,000-character
  message took 9 s of the server's single event loop, every shopper waiting.
- Every turn is answered within ``BOT_TURN_TIMEOUT_S`` (default 10 s). Rasa waits up to
  5 minutes for the action server and answers nothing when it is down (it logs the error
  and carries on silently). A turn that runs out of time is cancelled, so nothing of it
  is stored, and a turn that produced no message at all gets the same short apology with
  a button to send the message again. Everything said before stays in the tracker store.
- The caller's metadata loses the keys only the tablet's channel sets (``face``, ``act``).
- The message's metadata carries the shopper's address under ``source_address``
  (edge/source_address.py: ``X-Forwarded-For`` only from the ``trusted_proxies``), for the
  limits on recognising clients by code; a value the caller sent under that key is
  replaced.
- With ``signed_sender: true``, a message must carry ``sender_signature``, the HMAC of
  ``sender`` under ``BOT_SENDER_SECRET`` (bot/signing.py); a missing or forged one gets a
  400. Without it, as in Rasa, the caller chooses the conversation it writes to.

Configured in credentials.yml as ``edge.rest.ShopRestInput:``; it keeps the name ``rest``
and so the URL ``/webhooks/rest/webhook``::

    edge.rest.ShopRestInput:
      trusted_proxies: ["10.0.0.5"]   # a load balancer's address (default: none)
      signed_sender: true             # default: false
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import SOURCE_ADDRESS_KEY, STAFF_METADATA_KEYS
from bot.signing import sender_secret, signature_matches
from bot.text import clean_text
from edge.source_address import TRUSTED_PROXIES_KEY, Network, client_address, trusted_networks

logger = logging.getLogger(__name__)

TURN_TIMEOUT_VARIABLE = "BOT_TURN_TIMEOUT_S"
DEFAULT_TURN_TIMEOUT_S = 10.0
MAX_SENDER_CHARS = 128
SIGNATURE_FIELD = "sender_signature"
NOT_ANSWERED = ("Sorry, I couldn't answer that just now. Please send it again in a minute: "
                "everything you told me before is kept.")

Handler = Callable[[UserMessage], Awaitable[Any]]


def turn_timeout() -> float:
    """Seconds a turn may take before the shopper gets the apology."""
    try:
        return max(0.1, float(os.environ.get(TURN_TIMEOUT_VARIABLE, DEFAULT_TURN_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TURN_TIMEOUT_S


def bad_message(body: Any) -> Optional[str]:
    """What is wrong with a REST request's body, or None when it is a shopper's message."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return f"'sender' must be a string of 1 to {MAX_SENDER_CHARS} characters"
    if not isinstance(body.get("message"), str):
        return "'message' must be a string"
    if not isinstance(body.get("metadata") or {}, dict):
        return "'metadata' must be a JSON object"
    return None


def without_staff_keys(metadata: Any) -> Dict[str, Any]:
    """A caller's metadata without the keys only the staff's own channel may set (which face
    is speaking, and a tablet's tap): no shopper can speak as the tablet."""
    kept = dict(metadata) if isinstance(metadata, dict) else {}
    for key in STAFF_METADATA_KEYS:
        kept.pop(key, None)
    return kept


def bad_signature(body: Dict[str, Any], secret: str) -> Optional[str]:
    """What is wrong with a message's sender signature, or None when it signs the sender
    (only asked when the channel takes signed senders)."""
    signature = body.get(SIGNATURE_FIELD)
    if not isinstance(signature, str) or not signature.strip():
        return f"'{SIGNATURE_FIELD}' is required: this channel takes only signed senders"
    if not signature_matches(secret, body["sender"], signature):
        return f"'{SIGNATURE_FIELD}' does not sign this sender"
    return None


class _Counted(OutputChannel):
    """Passes messages on to the channel's own output and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> Text:
        return self.inner.name()

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


def answered(on_new_message: Handler, within: Optional[float] = None) -> Handler:
    """``on_new_message`` that always answers within ``within`` seconds: the apology
    when the turn runs out of time (the turn is then cancelled, nothing of it stored) or
    when it produced no message (the action server is down)."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        counted = _Counted(output)
        message.output_channel = counted
        try:
            await asyncio.wait_for(on_new_message(message), within or turn_timeout())
        except asyncio.TimeoutError:
            logger.error("turn of %s ran out of time; the shopper was asked to resend",
                         message.sender_id)
        if counted.sent == 0:
            await output.send_response(message.sender_id, {
                "text": NOT_ANSWERED,
                "buttons": [{"title": "Send it again", "payload": message.text or ""}]})

    return handle


class ShopRestInput(RestInput):
    """Rasa's REST channel with checked requests, cleaned text and answered turns."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "ShopRestInput":
        """The channel as credentials.yml configures it.

        Raises:
            ValueError: a trusted proxy is not an address, or senders are to be signed
                and ``BOT_SENDER_SECRET`` holds no usable secret.
        """
        credentials = credentials or {}
        secret = sender_secret() if credentials.get("signed_sender") else None
        return cls(trusted_networks(credentials.get(TRUSTED_PROXIES_KEY)), secret)

    def __init__(self, trusted_proxies: Optional[List[Network]] = None,
                 secret: Optional[str] = None) -> None:
        super().__init__()
        self.trusted_proxies = list(trusted_proxies or [])
        self.secret = secret

    def _extract_message(self, req: Request) -> Optional[Text]:
        return clean_text(req.json.get("message"))

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        """The caller's metadata, with the shopper's address put in by the channel."""
        metadata = without_staff_keys(request.json.get("metadata"))
        metadata[SOURCE_ADDRESS_KEY] = client_address(
            request.ip, request.headers.get("X-Forwarded-For"), self.trusted_proxies)
        return metadata

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        guarded = answered(on_new_message)
        webhook = super().blueprint(guarded)

        @webhook.middleware("request")
        async def check(request: Request) -> Optional[HTTPResponse]:
            if not request.path.endswith("/webhook") or request.method != "POST":
                return None
            try:
                problem = bad_message(request.json)
            except InvalidUsage:  # sanic's answer to a body that is not JSON
                problem = "the body is not JSON (UTF-8)"
            if problem is None and self.secret is not None:
                problem = bad_signature(request.json, self.secret)
            if problem:
                return response.json({"error": problem}, status=400)
            return None

        return webhook

