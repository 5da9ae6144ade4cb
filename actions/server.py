"""The action server's front door: what rasa-sdk's own server lacks.

- It listens on loopback only. rasa-sdk 3.6.2 has no ``--interface`` option and binds
  ``0.0.0.0`` unless ``SANIC_HOST`` says otherwise, which would let anyone on the network
  run the shop's actions (care records, order look-ups) with a forged tracker.
- A call that is not an action call (bad JSON, no ``next_action``, no ``tracker``) gets a
  400 naming what is wrong, instead of rasa-sdk's 500 that echoes the body back.

- The shop (knowledge, spaCy matchers, discovery engine) is loaded before the server
  takes calls, not on the first shopper's turn: that turn took seconds and could outlast
  the time a turn may take (edge/rest.py).

All are attached through rasa-sdk's plugin hook (``attach_sanic_app_extensions``).
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from typing import Any, Dict, Optional

import pluggy
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.db import DatabaseUnavailable
from bot.shop import open_shop

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
hookimpl = pluggy.HookimplMarker("rasa_sdk")
_KINDS = {dict: "JSON object", list: "JSON array", str: "string"}


def bad_action_call(body: Any) -> Optional[str]:
    """What is wrong with an action call's body, or None when it is one."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if not isinstance(body.get("next_action"), str) or not body["next_action"]:
        return "'next_action' must be the name of an action"
    tracker = body.get("tracker")
    if not isinstance(tracker, dict):
        return "'tracker' must be a JSON object"
    if not isinstance(body.get("domain", {}), dict):
        return "'domain' must be a JSON object"
    return _bad_tracker(tracker)


def _bad_tracker(tracker: Dict[str, Any]) -> Optional[str]:
    # The fields the actions read; rasa-sdk indexes them without checking.
    if not isinstance(tracker.get("sender_id"), str):
        return "'tracker.sender_id' must be a string"
    shapes = {"slots": dict, "latest_message": dict, "events": list}
    for name, shape in shapes.items():
        if name in tracker and not isinstance(tracker[name], shape):
            return f"'tracker.{name}' must be a {_KINDS[shape]}"
    if not all(isinstance(e, dict) for e in tracker.get("events") or []):
        return "'tracker.events' must hold JSON objects"
    message = tracker.get("latest_message") or {}
    shapes = {"text": str, "intent": dict, "entities": list}
    for name, shape in shapes.items():
        if message.get(name) is not None and not isinstance(message[name], shape):
            return f"'tracker.latest_message.{name}' must be a {_KINDS[shape]}"
    if not all(isinstance(e, dict) for e in message.get("entities") or []):
        return "'tracker.latest_message.entities' must hold JSON objects"
    return None


def _body(request: Request) -> Any:
    raw = request.body
    if request.headers.get("Content-Encoding") == "deflate":
        raw = zlib.decompress(raw)
    return json.loads(raw)


async def _check_action_call(request: Request) -> Optional[HTTPResponse]:
    if request.path != "/webhook" or request.method != "POST":
        return None
    try:
        problem = bad_action_call(_body(request))
    except (ValueError, zlib.error):  # UnicodeDecodeError and JSONDecodeError included
        problem = "the body is not JSON"
    if problem:
        return response.json({"error": f"not an action call: {problem}"}, status=400)
    return None


async def _warm_up(*_: Any) -> None:
    try:
        with open_shop():
            pass
    except DatabaseUnavailable:
        logger.warning("catalogue not ready at start; the shop loads on the first call",
                       exc_info=True)


class FrontDoor:
    """The rasa-sdk plugin that checks action calls and loads the shop at start."""

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.register_middleware(_check_action_call, "request")
        app.register_listener(_warm_up, "before_server_start")


def install() -> None:
    """Loopback only (unless SANIC_HOST is set on purpose) and the checks; call before
    rasa-sdk starts its server."""
    from rasa_sdk.plugin import plugin_manager

    os.environ.setdefault("SANIC_HOST", LOOPBACK)
    manager = plugin_manager()
    if not any(isinstance(p, FrontDoor) for p in manager.get_plugins()):
        manager.register(FrontDoor())
