"""The staff desk's API: the queue of hand-offs, live (server-sent events), taking one
(Rasa pauses the conversation and the shopper's widget is told who joined), messages both
ways, and handing back (Rasa resumes it and the consultation carries on where it was).

A hand-off is reached by its number, and its conversation only by the member of staff who
holds it: the desk never sends a conversation's id to the browser, and a number alone
opens nothing. The shopper's messages reach the desk by reading the conversation from
Rasa's HTTP API every half second while it is held (``POLL_S``).
"""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from actions.chat import INTENTS
from bot.care.models import Handoff
from bot.dialogue.turn import Meaning
from bot.staff.desk import NotAvailable, desk_queue, hand_back, held, held_by, release, take
from bot.staff.models import StaffAccount
from bot.text import clean_text
from bot.wording import phrasebook
from edge.staff.assistant import AssistantError
from edge.staff.auth import Staff, in_db, staff_only

desk_api = Blueprint("desk_api", url_prefix="/api/desk")

POLL_S = 0.5
STREAM_S = 300  # a stream ends after this; the browser's EventSource reconnects at once
HEARTBEAT_S = 15
CARRY_ON = INTENTS[Meaning.CARRY_ON]  # the dialogue's own "carry on": it resumes there
STAFF_TYPES = ("staff_joined", "staff_message", "staff_left")


@desk_api.get("/queue")
@staff_only("desk")
async def queue(request: Request) -> HTTPResponse:
    return response.json({"queue": await in_db(request, desk_queue)})


@desk_api.post("/handoffs/<handoff_id:int>/take")
@staff_only("desk")
async def take_one(request: Request, handoff_id: int) -> HTTPResponse:
    staff: Staff = request.ctx.staff

    def claim(session: Session) -> str:
        account = session.get(StaffAccount, staff.id)
        assert account is not None
        return str(take(session, handoff_id, account, staff.first_name, datetime.now()).sender_id)

    try:
        sender = await in_db(request, claim)
    except NotAvailable as refused:
        why = f"{refused.by} has taken it" if refused.by else "it is no longer waiting"
        return response.json({"error": why}, status=409)
    words = phrasebook().say("staff_joined", name=staff.first_name)
    try:
        await request.app.ctx.assistant.pause(sender)
        await request.app.ctx.assistant.say(sender, words, {"type": "staff_joined",
                                                            "name": staff.first_name})
    except AssistantError as error:
        await in_db(request, lambda s: release(s, handoff_id))
        return response.json({"error": str(error)}, status=503)
    return response.json({"taken": handoff_id})


@desk_api.get("/handoffs/<handoff_id:int>/messages")
@staff_only("desk")
async def read(request: Request, handoff_id: int) -> HTTPResponse:
    sender = await _held_sender(request, handoff_id)
    if sender is None:
        return _not_yours()
    return response.json({"messages": await _transcript(request, sender)})


@desk_api.post("/handoffs/<handoff_id:int>/messages")
@staff_only("desk")
async def write(request: Request, handoff_id: int) -> HTTPResponse:
    body = request.json if isinstance(request.json, dict) else {}
    text = clean_text(str(body.get("text") or ""))
    if not text:
        return response.json({"error": "'text' must say something"}, status=400)
    sender = await _held_sender(request, handoff_id)
    if sender is None:
        return _not_yours()
    staff: Staff = request.ctx.staff
    try:
        await request.app.ctx.assistant.say(sender, text, {"type": "staff_message",
                                                           "name": staff.first_name})
    except AssistantError as error:
        return response.json({"error": str(error), "retry": True}, status=503)
    return response.json({"sent": True})


@desk_api.post("/handoffs/<handoff_id:int>/hand-back")
@staff_only("desk")
async def give_back(request: Request, handoff_id: int) -> HTTPResponse:
    """Back to the assistant: the shopper is told, Rasa resumes the conversation, and the
    dialogue's own "carry on" picks the consultation up where it was."""
    sender = await _held_sender(request, handoff_id)
    if sender is None:
        return _not_yours()
    staff: Staff = request.ctx.staff
    assistant = request.app.ctx.assistant
    words = phrasebook().say("staff_left", name=staff.first_name)
    try:
        await assistant.say(sender, words, {"type": "staff_left", "name": staff.first_name})
        await assistant.resume(sender)
        await assistant.carry_on(sender, CARRY_ON)
    except AssistantError as error:
        return response.json({"error": str(error), "retry": True}, status=503)

    def done(session: Session) -> None:
        handoff = session.get(Handoff, handoff_id)
        if handoff is not None:
            hand_back(session, handoff, datetime.now())

    await in_db(request, done)
    return response.json({"handed_back": handoff_id})


@desk_api.get("/events")
@staff_only("desk")
async def events(request: Request) -> None:
    """The queue, and the messages of the conversations this member of staff holds, as
    server-sent events whenever they change."""
    stream = await request.respond(content_type="text/event-stream",
                                   headers={"Cache-Control": "no-store"})
    staff: Staff = request.ctx.staff
    sent: Dict[str, str] = {}
    started = last_beat = asyncio.get_running_loop().time()
    while asyncio.get_running_loop().time() - started < STREAM_S:
        if _gone(request):
            break
        for name, data in await _desk_state(request, staff):
            encoded = json.dumps(data)
            if sent.get(name) != encoded:
                sent[name] = encoded
                await stream.send(f"event: {name.split(':')[0]}\ndata: {encoded}\n\n")
        now = asyncio.get_running_loop().time()
        if now - last_beat > HEARTBEAT_S:
            await stream.send(": still here\n\n")
            last_beat = now
        await asyncio.sleep(POLL_S)
    # Returning nothing: Sanic ends the stream it started.


def _gone(request: Request) -> bool:
    """Whether the browser closed the stream (Sanic also cancels the handler then)."""
    closing = getattr(request.transport, "is_closing", None)
    return bool(closing()) if callable(closing) else False


async def _desk_state(request: Request, staff: Staff) -> List[Tuple[str, Any]]:
    """What the desk shows now: the queue, and each held conversation's messages."""
    def read_queue(session: Session) -> Tuple[List[Dict[str, Any]], List[Tuple[int, str]]]:
        mine = [(h.id, h.sender_id) for h in held_by(session, staff.id)]
        return desk_queue(session), mine

    rows, mine = await in_db(request, read_queue)
    state: List[Tuple[str, Any]] = [("queue", {"queue": rows})]
    for handoff_id, sender in mine:
        try:
            messages = await _transcript(request, sender)
        except AssistantError:
            continue  # the assistant is restarting: the next round will tell
        state.append((f"messages:{handoff_id}", {"handoff": handoff_id, "messages": messages}))
    return state


async def _held_sender(request: Request, handoff_id: int) -> Optional[str]:
    staff: Staff = request.ctx.staff

    def mine(session: Session) -> Optional[str]:
        account = session.get(StaffAccount, staff.id)
        handoff = held(session, handoff_id, account) if account is not None else None
        return None if handoff is None else str(handoff.sender_id)

    return await in_db(request, mine)


def _not_yours() -> HTTPResponse:
    return response.json({"error": "you do not hold that conversation"}, status=404)


async def _transcript(request: Request, sender: str) -> List[Dict[str, Any]]:
    """The conversation's messages, as the desk shows them."""
    events = await request.app.ctx.assistant.events(sender)
    return [m for m in (message_of(e) for e in events) if m is not None]


def message_of(event: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """A tracker event as a line of the desk's conversation, or None (not a message)."""
    kind, text = event.get("event"), event.get("text") or ""
    if kind == "user":
        if (event.get("metadata") or {}).get("is_external") or text.startswith("EXTERNAL: "):
            return None
        return {"who": "shopper", "text": "(picked a button)" if text.startswith("/") else text,
                "at": event.get("timestamp")}
    if kind == "bot":
        custom = (event.get("data") or {}).get("custom") or {}
        staff = custom.get("type") in STAFF_TYPES
        return {"who": "staff" if staff else "assistant", "text": text,
                "name": custom.get("name") if staff else None, "at": event.get("timestamp")}
    return None
