"""Hand-offs posted to a shop's own help desk (Chatwoot, Rocket.Chat and the like take bot
hand-offs by webhook): each hand-off and its summary, once, as JSON, signed.

``BOT_HANDOFF_WEBHOOK`` names the URL; ``BOT_HANDOFF_WEBHOOK_SECRET`` (optional) signs
each body: ``X-Shop-Signature: sha256=<HMAC-SHA256 of the body>``, so the help desk can
tell our posts from anyone's. The staff server posts what is new every few seconds
(``deliver``); a failed post is tried again, up to ``MAX_ATTEMPTS`` times, and
``handoff_deliveries`` keeps what was sent, so a restart sends nothing twice. The body
carries the conversation's id: the help desk answers the shopper through Rasa's HTTP API.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import urllib.request
from datetime import datetime
from typing import Any, Callable, Dict, List, Mapping, Optional

from sqlalchemy import and_, null, or_, select
from sqlalchemy.orm import Session

from bot.care.models import Handoff
from bot.staff.models import HandoffDelivery

URL_VARIABLE = "BOT_HANDOFF_WEBHOOK"
SECRET_VARIABLE = "BOT_HANDOFF_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Shop-Signature"
MAX_ATTEMPTS = 5
TIMEOUT_S = 5.0
BATCH = 20

Send = Callable[[Dict[str, Any]], None]
"""Posts one document; raises on failure."""


def webhook_url(environ: Optional[Mapping[str, str]] = None) -> Optional[str]:
    return (os.environ if environ is None else environ).get(URL_VARIABLE) or None


def document(handoff: Handoff) -> Dict[str, Any]:
    """What the help desk receives for one hand-off."""
    return {"event": "handoff", "id": handoff.id, "conversation": handoff.sender_id,
            "reason": handoff.reason, "created_at": handoff.created_at.isoformat(),
            "summary": handoff.summary}


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def poster(url: str, secret: Optional[str] = None, timeout: float = TIMEOUT_S) -> Send:
    """A ``Send`` that POSTs JSON to ``url`` (a status other than 2xx raises)."""

    def send(doc: Dict[str, Any]) -> None:
        body = json.dumps(doc).encode()
        headers = {"Content-Type": "application/json"}
        if secret:
            headers[SIGNATURE_HEADER] = signature(secret, body)
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
            if not 200 <= answer.status < 300:
                raise OSError(f"the help desk answered {answer.status}")

    return send


def deliver(session: Session, send: Send, now: datetime) -> int:
    """Post every hand-off not yet delivered (oldest first); the number delivered."""
    delivered = 0
    for handoff in _undelivered(session):
        record = session.get(HandoffDelivery, handoff.id) or HandoffDelivery(
            handoff_id=handoff.id, attempts=0)
        session.add(record)
        record.attempts += 1
        try:
            send(document(handoff))
        except Exception as error:  # any failure: kept for the next round, and said
            record.last_error = f"{type(error).__name__}: {error}"[:200]
            continue
        record.delivered_at, record.last_error = now, None
        delivered += 1
    session.flush()
    return delivered


def _undelivered(session: Session) -> List[Handoff]:
    pending = select(Handoff).outerjoin(HandoffDelivery, HandoffDelivery.handoff_id == Handoff.id)\
        .where(or_(HandoffDelivery.handoff_id == null(),
                   and_(HandoffDelivery.delivered_at == null(),
                        HandoffDelivery.attempts < MAX_ATTEMPTS)))\
        .order_by(Handoff.created_at, Handoff.id).limit(BATCH)
    return list(session.scalars(pending))
