"""A list given to a shopper by QR code: a page of the shop that opens on their own phone,
with no sign-in and nothing personal in it (the items, quantities, prices, aisles and
reasons; no conversation id, no answers about them), until the link expires.

The link's token is random (256 bits) and stored only as its digest; the list is copied
when it is given, so the page shows what the shopper was shown even if the tablet's
conversation goes on.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any, Dict, Mapping, Optional, Tuple

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.staff.models import ListShare
from bot.staff.tokens import digest, new_token

HOURS_VARIABLE = "BOT_LIST_LINK_HOURS"
DEFAULT_HOURS = 48.0
ITEM_FIELDS = ("name", "quantity", "unit_price_pence", "line_total_pence", "aisle", "why",
               "in_stock")


def link_hours(environ: Optional[Mapping[str, str]] = None) -> float:
    """How long a list's link lives (``BOT_LIST_LINK_HOURS``, default 48)."""
    raw = (os.environ if environ is None else environ).get(HOURS_VARIABLE)
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_HOURS
    except ValueError:
        return DEFAULT_HOURS


def list_content(bundle: Mapping[str, Any]) -> Dict[str, Any]:
    """What of a list (the tablet's bundle payload) goes on the shopper's page: the items
    and the total, nothing about who they are."""
    return {"job_name": bundle.get("job_name") or "",
            "items": [{k: item.get(k) for k in ITEM_FIELDS} for item in bundle.get("items", [])],
            "missing": list(bundle.get("missing") or []),
            "total_pence": bundle.get("total_pence", 0),
            "currency": bundle.get("currency", "GBP")}


def share_list(session: Session, bundle: Mapping[str, Any], now: datetime,
               hours: Optional[float] = None) -> Tuple[str, ListShare]:
    """A new link to this list: its token (for the URL, never stored) and its row."""
    token = new_token()
    share = ListShare(token_digest=digest(token), created_at=now,
                      expires_at=now + timedelta(hours=link_hours() if hours is None else hours),
                      content=list_content(bundle))
    session.add(share)
    session.execute(delete(ListShare).where(ListShare.expires_at < now))
    session.flush()
    return token, share


def shared_list(session: Session, token: str, now: datetime) -> Optional[ListShare]:
    """The list a link opens, or None (unknown or expired: the same answer for both)."""
    share = session.get(ListShare, digest(token))
    return share if share is not None and share.expires_at > now else None
