"""Rasa's socket.io channel, as the shop's chat widget needs it.

Five changes to Rasa 3.6's ``SocketIOInput``, and nothing else:

- Only the configured origins may connect. Rasa builds its ``AsyncServer`` with
  ``cors_allowed_origins=[]``, which turns engine.io's origin check off, so any web page
  could open a socket (browsers do not apply CORS to websockets). This channel gives
  engine.io the ``cors_allowed_origins`` from credentials.yml; a request from any other
  ``Origin`` is refused with HTTP 400, for polling and websockets alike. Requests with no
  ``Origin`` (not from a browser) are let through, as engine.io does.
- The shopper's text is cleaned as the REST channel cleans it (``bot.text.clean_text``),
  and each turn is guarded as there (``edge.rest.answered``): answered within
  ``BOT_TURN_TIMEOUT_S``, or with the apology and a button to send it again when it ran
  out of time or failed (a database or the lock store unreachable).
- A message that carries a custom payload reaches the widget as ONE ``bot_uttered`` event
  (``text``, ``quick_replies`` and ``custom`` together), so the widget can draw a bundle
  card with its buttons. Rasa's own output sends the payload's keys as keyword arguments
  of ``emit`` (``emit(event, type=..., items=...)``), which fails for our payloads.
- The message's metadata carries the shopper's address under ``source_address``, read
  from the socket's first request (edge/source_address.py: ``X-Forwarded-For`` only from
  the ``trusted_proxies``), for the limits on recognising clients by code; a value the
  page sent under that key is replaced, and the keys only the tablet's channel sets
  (``face``, ``act``) are dropped.
- With several Rasa servers (``socket_queue`` set: ``bot run --replicas``), every message
  sent to a widget also goes through Redis pub/sub (python-socketio's ``AsyncRedisManager``),
  so that it reaches the widget whichever server holds its socket. A shopper's own turn is
  answered on the server that holds the socket, but the staff desk's messages (and the
  carry-on after a hand-back) come through Rasa's HTTP API, which the balancer may send to
  any server. Sent on this server's own sockets at once, then published for the others:
  with Redis down, a widget still gets what its own server says (the apology included).

Configured in credentials.yml in place of ``socketio``::

    edge.widget_channel.WidgetSocketIOInput:
      session_persistence: true
      metadata_key: customData
      cors_allowed_origins: ["http://127.0.0.1:8080"]
      trusted_proxies: []
      socket_queue: {url: "redis://127.0.0.1:6379/0", channel: shop-socketio}  # replicas only

The queue's password, if any, comes from ``BOT_REDIS_PASSWORD`` (as the lock store's).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint
from socketio import AsyncRedisManager
from socketio.asyncio_manager import AsyncManager

from bot.settings import SOURCE_ADDRESS_KEY
from bot.settings import WIDGET_ORIGINS_KEY as ORIGINS_KEY
from bot.text import clean_text
from edge.rest import answered, without_staff_keys
from edge.source_address import TRUSTED_PROXIES_KEY, Network, client_address, trusted_networks

logger = logging.getLogger(__name__)

QUEUE_KEY = "socket_queue"
REDIS_PASSWORD_VARIABLE = "BOT_REDIS_PASSWORD"
PUBLISH_TIMEOUT_S = 2.0


class SharedSocketManager(AsyncRedisManager):
    """python-socketio's Redis manager, sending on this server's own sockets first: a
    message reaches its widget on this server at once, and through Redis on any other
    (each server skips what it published itself). Redis down or slow costs the other
    servers' widgets that message, never this server's."""

    async def emit(self, event: str, data: Any, namespace: Optional[str] = None,
                   room: Optional[str] = None, skip_sid: Any = None, callback: Any = None,
                   **kwargs: Any) -> None:
        if kwargs.get("ignore_queue") or callback is not None:
            await super().emit(event, data, namespace=namespace, room=room, skip_sid=skip_sid,
                               callback=callback, **kwargs)
            return
        await AsyncManager.emit(self, event, data, namespace=namespace, room=room,
                                skip_sid=skip_sid)
        message = {"method": "emit", "event": event, "data": data,
                   "namespace": namespace or "/", "room": room, "skip_sid": skip_sid,
                   "callback": None, "host_id": self.host_id}
        try:
            await asyncio.wait_for(self._publish(message), PUBLISH_TIMEOUT_S)
        except Exception as error:  # Redis down or slow: the other servers miss this one
            logger.error("a widget message could not be passed to the other servers (%s: %s)",
                         type(error).__name__, error)

    async def _handle_emit(self, message: Dict[str, Any]) -> None:
        if message.get("host_id") == self.host_id:
            return  # sent here already
        await super()._handle_emit(message)


def socket_queue(settings: Any) -> Optional[SharedSocketManager]:
    """The manager ``socket_queue`` in credentials.yml asks for (None: one server alone)."""
    if not settings:
        return None
    if not isinstance(settings, dict) or not isinstance(settings.get("url"), str):
        raise ValueError(f"{QUEUE_KEY} must be {{url: redis://host:port/db, channel: name}}, "
                         f"got {settings!r}")
    options: Dict[str, Any] = {"socket_connect_timeout": PUBLISH_TIMEOUT_S}
    password = os.environ.get(REDIS_PASSWORD_VARIABLE)
    if password:
        options["password"] = password
    return SharedSocketManager(settings["url"], channel=str(settings.get("channel") or "socketio"),
                               redis_options=options)


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
        channel.queue = socket_queue(credentials.get(QUEUE_KEY))
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_origins: List[str] = []
        self.trusted_proxies: List[Network] = []
        self.queue: Optional[SharedSocketManager] = None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guarded = answered(on_new_message)

        async def answer_through_widget_output(message: UserMessage) -> None:
            # The same cleaning as the REST channel: no control characters, bounded length.
            message.text = clean_text(message.text)
            message.output_channel = WidgetSocketIOOutput(self.sio, self.bot_message_evt)
            # And the same guard: a turn that failed or ran out of time gets the apology.
            await guarded(message)

        blueprint = super().blueprint(answer_through_widget_output)
        assert self.sio is not None
        # engine.io reads this on every request; Rasa passed [] ("no check at all").
        self.sio.eio.cors_allowed_origins = self.allowed_origins
        if self.queue is not None:  # before any socket connects, so before it is initialised
            self.sio.manager = self.queue
            self.queue.set_server(self.sio)
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
