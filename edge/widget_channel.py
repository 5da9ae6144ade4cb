"""Rasa's socket.io channel, as the shop's chat widget needs it.

Four changes to Rasa 3.6's ``SocketIOInput``, and nothing else:

- Only the configured origins may connect. Rasa builds its ``AsyncServer`` with
  ``cors_allowed_origins=[]``, which turns engine.io's origin check off, so any web page
  could open a socket (browsers do not apply CORS to websockets). This channel gives
  engine.io the ``cors_allowed_origins`` from credentials.yml; a request from any other
  ``Origin`` is refused with HTTP 400, for polling and websockets alike. Requests with no
  ``Origin`` (not from a browser) are let through, as engine.io does.
- The shopper's text is cleaned as the REST channel cleans it (``bot.text.clean_text``).
- A message that carries a custom payload reaches the widget as ONE ``bot_uttered`` event
  (``text``, ``quick_replies`` and ``custom`` together), so the widget can draw a bundle
  card with its buttons. Rasa's own output sends the payload's keys as keyword arguments
  of ``emit`` (``emit(event, type=..., items=...)``), which fails for our payloads.
- The message's metadata carries the shopper's address under ``source_address``, read
  from the socket's first request (edge/source_address.py: ``X-Forwarded-For`` only from
  the ``trusted_proxies``), for the limits on recognising clients by code; a value the
  page sent under that key is replaced, and the keys only the tablet's channel sets
  (``face``, ``act``) are dropped.

Configured in credentials.yml in place of ``socketio``::

    edge.widget_channel.WidgetSocketIOInput:
      session_persistence: true
      metadata_key: customData
      cors_allowed_origins: ["http://127.0.0.1:8080"]
      trusted_proxies: []
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.settings import SOURCE_ADDRESS_KEY
from bot.settings import WIDGET_ORIGINS_KEY as ORIGINS_KEY
from bot.text import clean_text
from edge.rest import without_staff_keys
from edge.source_address import TRUSTED_PROXIES_KEY, Network, client_address, trusted_networks


class WidgetSocketIOOutput(SocketIOOutput):
    """Socket.io output that keeps a message's text, buttons and payload together."""

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if not message.get("custom"):
            await super().send_response(recipient_id, message)
            return
        event: Dict[Text, Any] = {"custom": message["custom"]}
        if message.get("text"):
            event["text"] = message["text"]
        buttons = message.get("buttons") or message.get("quick_replies") or []
        if buttons:
            event["quick_replies"] = [
                {"content_type": "text", "title": b["title"], "payload": b["payload"]}
                for b in buttons]
        await self._send_message(recipient_id, event)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any],
                               **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class WidgetSocketIOInput(SocketIOInput):
    """Socket.io input restricted to the configured origins, answering through
    :class:`WidgetSocketIOOutput`."""

    @classmethod
    def name(cls) -> Text:
        # The same name as Rasa's channel: messages keep ``input_channel: socketio``.
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "WidgetSocketIOInput":
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        assert isinstance(channel, cls)
        channel.allowed_origins = allowed_origins(credentials.get(ORIGINS_KEY))
        channel.trusted_proxies = trusted_networks(credentials.get(TRUSTED_PROXIES_KEY))
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins: List[str] = []
        self.trusted_proxies: List[Network] = []

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def answer_through_widget_output(message: UserMessage) -> None:
            # The same cleaning as the REST channel: no control characters, bounded length.
            message.text = clean_text(message.text)
            message.output_channel = WidgetSocketIOOutput(self.sio, self.bot_message_evt)
            await on_new_message(message)

        blueprint = super().blueprint(answer_through_widget_output)
        assert self.sio is not None
        # engine.io reads this on every request; Rasa passed [] ("no check at all").
        self.sio.eio.cors_allowed_origins = self.allowed_origins
        self._add_address_to_messages()
        return blueprint

    def _add_address_to_messages(self) -> None:
        """Wrap Rasa's handler of the shopper's messages: only it knows the socket's id,
        and the id is what leads to the socket's first request, and so to the address."""
        assert self.sio is not None
        namespace = self.namespace or "/"
        rasa_handler = self.sio.handlers[namespace][self.user_message_evt]

        async def with_address(sid: Text, data: Any) -> None:
            if isinstance(data, dict):
                metadata = without_staff_keys(_as_dict(data.get(self.metadata_key)))
                metadata[SOURCE_ADDRESS_KEY] = self._address_of(sid)
                data = {**data, self.metadata_key: metadata}
            await rasa_handler(sid, data)

        self.sio.on(self.user_message_evt, namespace=namespace)(with_address)

    def _address_of(self, sid: Text) -> Optional[str]:
        assert self.sio is not None
        environ = self.sio.get_environ(sid, namespace=self.namespace or "/") or {}
        # engine.io's Sanic driver writes REMOTE_ADDR as 127.0.0.1 whatever the peer:
        # the Sanic request it keeps knows the real one.
        request = environ.get("sanic.request")
        peer = getattr(request, "ip", None) or environ.get("REMOTE_ADDR")
        return client_address(peer, environ.get("HTTP_X_FORWARDED_FOR"), self.trusted_proxies)

    def get_output_channel(self) -> Optional[SocketIOOutput]:
        if self.sio is None:
            return super().get_output_channel()
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)


def _as_dict(metadata: Any) -> Dict[str, Any]:
    """A page's metadata as a dict (Rasa accepts it as an object or as JSON text)."""
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = None
    return dict(metadata) if isinstance(metadata, dict) else {}


def allowed_origins(value: Any) -> List[str]:
    """The origins from credentials.yml: a list of ``scheme://host[:port]``, never empty
    and never ``*`` (an empty list would switch engine.io's check off)."""
    origins = [value] if isinstance(value, str) else list(value or [])
    if not origins or any(not isinstance(o, str) or o.strip() in ("", "*") for o in origins):
        raise ValueError(f"{ORIGINS_KEY} must list the web pages' origins, got {value!r}")
    return [o.strip().rstrip("/") for o in origins]
