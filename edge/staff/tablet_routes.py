"""The tablet's API: its shoppers, their turns (through Rasa's tablet channel), and the
link and QR code that give a shopper the list.

A turn carries an id the tablet makes. Sent twice (the tablet retries after a network
blink, not knowing whether the first arrived), it is answered from the stored screen, not
run twice: one turn at a time per shopper, and the id is checked once the previous one is
done.

One at a time holds across staff servers on one database: a turn holds the shopper's lease
(``bot/staff/tablet.py``) while it runs. A turn that finds it held waits (polling the
database) for up to ``TURN_WAIT_S``, running as soon as it is free; still held then, it is answered 503 with
``"retry": true``, which the tablet sends again by itself (it drops a 4xx).
"""

from __future__ import annotations

import asyncio
import re
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, AsyncIterator, Dict, Optional, Tuple

import segno
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from bot.dialogue.turn import Meaning
from bot.staff.models import TabletShopper
from bot.staff.shares import share_list
from bot.staff.tablet import (
    Claim,
    claim_turn,
    new_holder,
    new_shopper,
    recent_shoppers,
    record_view,
    release_turn,
    shopper_of,
    summary,
)
from edge.staff.assistant import TIMEOUT_S, AssistantError
from edge.staff.auth import address_of, device_of, in_db, staff_only

tablet_api = Blueprint("tablet_api", url_prefix="/api/tablet")

TURN_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
MAX_TEXT = 1000
GREETING = {"meaning": Meaning.GREETING.value, "answer": None, "sku": None}
# The lease outlasts the assistant's call (TIMEOUT_S at most) and the turn's database work
# around it, so a live turn never loses it; a dead server's blocks its shopper this long.
TURN_LEASE = timedelta(seconds=2 * TIMEOUT_S)
TURN_WAIT_S = TIMEOUT_S + 5  # a waiting turn outlasts the live turn before it
TURN_POLL_S = 0.1


def bad_turn(body: Any) -> Optional[str]:
    """What is wrong with a turn the tablet sent, or None."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    if not isinstance(body.get("turn_id"), str) or not TURN_ID.match(body["turn_id"]):
        return "'turn_id' must be 8 to 64 letters, digits, - or _"
    text, act, label = body.get("text"), body.get("act"), body.get("label", "")
    if act is None and (not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT):
        return f"a turn needs 'text' (1 to {MAX_TEXT} characters) or an 'act'"
    if act is not None and not (isinstance(act, dict) and isinstance(act.get("meaning"), str)):
        return "'act' must be an object with a 'meaning'"
    if not isinstance(label, str) or len(label) > 200:
        return "'label' must be a short string"
    return None


def _device(request: Request) -> Optional[str]:
    return device_of(request)


def no_device() -> HTTPResponse:
    return response.json({"error": "this browser has no tablet id: open the tablet page"},
                         status=400)


def no_shopper() -> HTTPResponse:
    return response.json({"error": "no such shopper on this tablet"}, status=404)


@tablet_api.get("/shoppers")
@staff_only("tablet")
async def shoppers(request: Request) -> HTTPResponse:
    device = _device(request)
    if device is None:
        return no_device()
    found = await in_db(request, lambda s: [summary(x) for x in recent_shoppers(s, device)])
    return response.json({"shoppers": found})


@tablet_api.post("/shoppers")
@staff_only("tablet")
async def start(request: Request) -> HTTPResponse:
    """A new shopper, greeted (the first screen offers the ways in)."""
    device = _device(request)
    if device is None:
        return no_device()
    staff_id = request.ctx.staff.id

    def make(session: Session) -> int:
        return int(new_shopper(session, device, staff_id, datetime.now()).id)

    shopper_id = await in_db(request, make)
    return await _turn(request, device, shopper_id, f"start-{shopper_id:08d}", "Hello", GREETING)


@tablet_api.get("/shoppers/<shopper_id:int>")
@staff_only("tablet")
async def reopen(request: Request, shopper_id: int) -> HTTPResponse:
    device = _device(request)
    if device is None:
        return no_device()
    found = await in_db(request, lambda s: _shown(shopper_of(s, device, shopper_id)))
    if found is None:
        return no_shopper()
    return response.json(found)


@tablet_api.post("/shoppers/<shopper_id:int>/turns")
@staff_only("tablet")
async def turn(request: Request, shopper_id: int) -> HTTPResponse:
    device = _device(request)
    if device is None:
        return no_device()
    body = request.json
    problem = bad_turn(body)
    if problem:
        return response.json({"error": problem}, status=400)
    words = body.get("text") if body.get("act") is None else body.get("label", "")
    return await _turn(request, device, shopper_id, body["turn_id"], str(words or ""),
                       body.get("act"))


@tablet_api.post("/shoppers/<shopper_id:int>/share")
@staff_only("tablet")
async def share(request: Request, shopper_id: int) -> HTTPResponse:
    """A link to the shopper's list (and its QR code), for their own phone."""
    device = _device(request)
    if device is None:
        return no_device()

    def give(session: Session) -> Optional[Tuple[str, datetime]]:
        shopper = shopper_of(session, device, shopper_id)
        bundle = ((shopper.view or {}).get("briefing") or {}).get("bundle") if shopper else None
        if not bundle or not bundle.get("items"):
            return None
        token, row = share_list(session, bundle, datetime.now())
        return token, row.expires_at

    given = await in_db(request, give)
    if given is None:
        return response.json({"error": "there is no list to give yet"}, status=409)
    token, expires = given
    url = f"{request.app.ctx.config.public_url}/list/{token}"
    qr = segno.make(url, error="m").svg_data_uri(scale=8, border=2)
    return response.json({"url": url, "qr": qr, "expires_at": expires.isoformat(timespec="minutes")})


async def _turn(request: Request, device: str, shopper_id: int, turn_id: str, words: str,
                act: Optional[Dict[str, Any]]) -> HTTPResponse:
    """One turn for one shopper, once (see the module)."""
    async with _one_turn_at_a_time(request, device, shopper_id) as claim:
        if claim is Claim.NO_SHOPPER:
            return no_shopper()
        if claim is Claim.BUSY:
            resp = response.json({"error": "this shopper's previous turn is still running",
                                  "retry": True}, status=503)
            resp.headers["Retry-After"] = "1"
            return resp
        return await _run_once(request, device, shopper_id, turn_id, words, act)


async def _run_once(request: Request, device: str, shopper_id: int, turn_id: str, words: str,
                    act: Optional[Dict[str, Any]]) -> HTTPResponse:
    """The turn, unless it ran already (the same id sent again); the lease is held."""
    found = await in_db(request, lambda s: _sender(shopper_of(s, device, shopper_id)))
    if found is None:
        return no_shopper()
    sender, last_turn, shown = found
    if last_turn == turn_id and shown is not None:
        return response.json(shown)  # the same turn sent again: already done
    try:
        payload = await request.app.ctx.assistant.tablet_turn(sender, words, act,
                                                                   address_of(request))
    except AssistantError as error:
        status = 504 if error.status in (0, 504) else 502
        return response.json({"error": str(error), "retry": True}, status=status)

    def keep(session: Session) -> Optional[Dict[str, Any]]:
        shopper = shopper_of(session, device, shopper_id)
        if shopper is None:
            return None
        record_view(shopper, turn_id, payload, datetime.now())
        return _shown(shopper)

    return response.json(await in_db(request, keep))


@asynccontextmanager
async def _one_turn_at_a_time(request: Request, device: str,
                              shopper_id: int) -> AsyncIterator[Claim]:
    """The shopper's turn lease, waited for up to TURN_WAIT_S (still BUSY after it), and
    given back however the turn ends."""
    holder = new_holder()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TURN_WAIT_S

    def claim(session: Session) -> Claim:
        # UTC: servers on other machines compare each other's leases.
        return claim_turn(session, device, shopper_id, holder, datetime.utcnow(), TURN_LEASE)

    try:
        found = await in_db(request, claim)
        while found is Claim.BUSY and loop.time() < deadline:
            await asyncio.sleep(TURN_POLL_S)
            found = await in_db(request, claim)
        yield found
    finally:
        # Also when the request was cancelled (the tablet gone) while a claim was being
        # committed: the holder is this turn's own, so giving back a lease it never got
        # frees nothing of another turn's.
        await in_db(request, lambda s: release_turn(s, shopper_id, holder))


def _sender(shopper: Optional[TabletShopper]) -> Optional[Tuple[str, Optional[str],
                                                                  Optional[Dict[str, Any]]]]:
    if shopper is None:
        return None
    return shopper.sender_id, shopper.last_turn, _shown(shopper)


def _shown(shopper: Optional[TabletShopper]) -> Optional[Dict[str, Any]]:
    """A shopper as the tablet gets it: the line of the recent list, and the screen."""
    if shopper is None:
        return None
    return {"shopper": summary(shopper), "view": shopper.view}
