"""The attendant's tablet as a Rasa channel of its own: ``POST /webhooks/tablet/webhook``.

Only the staff server (edge/staff/) speaks on it, for a signed-in attendant: a request
must carry ``Authorization: Bearer <RASA_TOKEN>``, the token of Rasa's own HTTP API, which
that server holds already (it pauses and resumes conversations with it), so the channel
gives it nothing new. Every message is marked as the tablet's (``face: tablet`` in the
metadata), which the shoppers' channels never let a caller say (edge/rest.py drops those
keys), and a tap arrives as its act (``act``), with its label as the text: Rasa's
understanding still reads the words, and the action (actions/chat.py) takes the act.

Body: ``{"sender": "tablet-...", "message": "words"}`` or ``{"sender": ..., "act":
{"meaning": ..., "answer": [question, option] | null, "sku": ... | null}, "message":
"the label"}``, with ``address``, the tablet's address as the staff server saw it. The
answer is the list of messages the turn produced (as Rasa's REST channel answers), or a
504 when the turn ran out of time: it was then cancelled, nothing of it kept, and the
staff server may send it again.

Configured in credentials.yml as ``edge.tablet_channel.TabletInput: {}``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import ACT_KEY, FACE_KEY, SOURCE_ADDRESS_KEY
from bot.text import clean_text
from edge.rest import MAX_SENDER_CHARS, turn_timeout

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "RASA_TOKEN"
SENDER_PREFIX = "tablet-"
TABLET_FACE = "tablet"

Handler = Callable[[UserMessage], Awaitable[Any]]


def bad_turn(body: Any) -> Optional[str]:
    """What is wrong with a tablet turn's body, or None when it is one."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.startswith(SENDER_PREFIX) \
            or len(sender) > MAX_SENDER_CHARS:
        return f"'sender' must be a tablet conversation ('{SENDER_PREFIX}...')"
    if not isinstance(body.get("message", ""), str):
        return "'message' must be a string"
    act = body.get("act")
    if act is not None and not (isinstance(act, dict) and isinstance(act.get("meaning"), str)):
        return "'act' must be an object with a 'meaning'"
    if act is None and not clean_text(body.get("message") or ""):
        return "a turn needs words ('message') or a tap ('act')"
    return None


def authorised(request: Request, token: str) -> bool:
    """Whether the request carries the API token (compared in constant time)."""
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(
        value.strip().encode(), token.encode())


def turn_metadata(body: Dict[str, Any]) -> Dict[str, Any]:
    """The metadata only this channel gives: the tablet's face, the tap, the address."""
    metadata: Dict[str, Any] = {FACE_KEY: TABLET_FACE}
    if body.get("act") is not None:
        metadata[ACT_KEY] = body["act"]
    address = body.get("address")
    if isinstance(address, str) and address:
        metadata[SOURCE_ADDRESS_KEY] = address[:64]
    return metadata


class TabletInput(InputChannel):
    """Turns from the staff server, for the tablet face."""

    @classmethod
    def name(cls) -> Text:
        return "tablet"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TabletInput":
        return cls(os.environ.get(TOKEN_VARIABLE, ""))

    def __init__(self, token: str = "") -> None:
        self.token = token

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        webhook = Blueprint("tablet_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not authorised(request, self.token):
                return response.json({"error": "not authorised"}, status=401)
            try:
                body = request.json
            except InvalidUsage:
                body = None
            problem = bad_turn(body)
            if problem:
                return response.json({"error": problem}, status=400)
            return await self._turn(body, on_new_message)

        return webhook

    async def _turn(self, body: Dict[str, Any], on_new_message: Handler) -> HTTPResponse:
        collector = CollectingOutputChannel()
        # A tap's label is its words; a tap without one is named by its meaning.
        text = clean_text(body.get("message") or "") or str(body["act"]["meaning"]).replace("_", " ")
        message = UserMessage(text, collector, body["sender"],
                              input_channel=self.name(), metadata=turn_metadata(body))
        try:
            await asyncio.wait_for(on_new_message(message), turn_timeout())
        except asyncio.TimeoutError:
            logger.error("tablet turn of %s ran out of time", body["sender"])
            return response.json({"error": "the turn took too long; nothing of it was kept"},
                                 status=504)
        return response.json(collector.messages)
