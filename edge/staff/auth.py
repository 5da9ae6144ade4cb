"""Who is asking: the staff's session cookie, the guard on every page and API, and the
checks against cross-site request forgery.

- The session cookie holds a random token signed with the staff secret: ``HttpOnly`` (no
  script reads it), ``SameSite=Strict`` (no other site's page sends it), ``Secure`` when
  configured. A cookie changed or made up is refused before anything is looked up; a
  signed one must still name a live session in the database.
- Every request that changes something (not GET or HEAD) must carry the session's CSRF
  token in ``X-CSRF-Token`` (the pages read it from ``/api/me``, which no other origin can
  read: there are no CORS headers), and, when the browser says where it comes from, an
  ``Origin`` of this server. The shop page with the widget is another origin (another
  port is another origin, though the same site), so it is refused.
- The sign-in form has its own token (a signed cookie and a hidden field that must match),
  so no other page can sign a browser in under someone else's account.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Coroutine, Optional, Tuple, TypeVar
from urllib.parse import quote, urlsplit

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.staff.accounts import first_name, role_may_use, session_of
from bot.staff.tokens import new_token, same, sign, unsign
from edge.source_address import client_address

SESSION_COOKIE = "staff_session"
DEVICE_COOKIE = "staff_device"
LOGIN_COOKIE = "staff_login"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ANY_PAGE = "any"  # a guard for what every signed-in role may do (who am I, sign out)
DEVICE_YEARS = 2

T = TypeVar("T")
Handler = Callable[..., Coroutine[Any, Any, Optional[HTTPResponse]]]


@dataclass(frozen=True)
class Staff:
    """The signed-in member of staff, as one request sees them."""

    id: int
    name: str
    first_name: str
    role: str
    csrf: str
    token: str


async def in_db(request: Request, work: Callable[[Session], T]) -> T:
    """``work`` in one database transaction, on a worker thread (the event loop never
    waits on the database or on a password hash)."""
    url = request.app.ctx.config.database_url

    def unit() -> T:
        with session_scope(url) as session:
            return work(session)

    return await asyncio.get_running_loop().run_in_executor(None, unit)


async def current_staff(request: Request) -> Optional[Staff]:
    """The member of staff whose live session the request's cookie names, or None."""
    secret = request.app.ctx.config.secret
    token = unsign(secret, request.cookies.get(SESSION_COOKIE), "session")
    if token is None:
        return None
    now = datetime.now()

    def look_up(session: Session) -> Optional[Staff]:
        found = session_of(session, token, now)
        if found is None:
            return None
        row, account = found
        return Staff(account.id, account.name, first_name(account), account.role, row.csrf,
                     token)

    return await in_db(request, look_up)


def address_of(request: Request) -> str:
    """The address of the tablet or browser asking: the connection's peer, or behind a
    balancer the staff server trusts (``trusted_proxies``), the address it forwards; the
    sign-in slowdown and the recognition limits count by it."""
    forwarded = ",".join(request.headers.getall("X-Forwarded-For", []))
    found = client_address(request.ip, forwarded, request.app.ctx.config.trusted_proxies)
    return found or "unknown"


def staff_only(page: str, *, api: bool = True) -> Callable[[Handler], Handler]:
    """Guard a handler: signed in (else 401, or the sign-in page for a page), allowed this
    page by role (else 403), and for changes the CSRF token and this origin (else 403).
    The member of staff is ``request.ctx.staff``."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> Optional[HTTPResponse]:
            staff = await current_staff(request)
            if staff is None:
                if api:
                    return response.json({"error": "sign in first"}, status=401)
                return response.redirect(f"/login?next={quote(request.path)}", status=303)
            if page != ANY_PAGE and not role_may_use(staff.role, page):
                return refuse(api, 403, "your role does not use this page")
            if request.method not in SAFE_METHODS and not request_is_ours(request, staff.csrf):
                return refuse(api, 403, "this request did not come from the staff's own page")
            request.ctx.staff = staff
            return await handler(request, *args, **kwargs)

        return guarded

    return wrap


def refuse(api: bool, status: int, why: str) -> HTTPResponse:
    if api:
        return response.json({"error": why}, status=status)
    return response.text(why, status=status)


def request_is_ours(request: Request, csrf: str) -> bool:
    """The session's CSRF token, sent by our own script, from our own origin."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.content_type.startswith("application/x-www-form-urlencoded"):
        sent = (request.form or {}).get("csrf")  # a plain form (signing out)
    return same(sent, csrf) and origin_is_ours(request)


def origin_is_ours(request: Request) -> bool:
    """No ``Origin`` (not a browser's cross-site request), or this server's own."""
    origin = request.headers.get("Origin")
    if not origin:
        return True
    own = {f"{request.scheme}://{request.host}", request.app.ctx.config.public_url}
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" in own


def set_cookie(resp: HTTPResponse, request: Request, name: str, value: str,
               max_age: Optional[int] = None) -> None:
    """A cookie no script reads and no other site's page sends."""
    resp.cookies[name] = value
    cookie = resp.cookies[name]
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = "/"
    if request.app.ctx.config.secure_cookies:
        cookie["secure"] = True
    if max_age is not None:
        cookie["max-age"] = max_age


def clear_cookie(resp: HTTPResponse, request: Request, name: str) -> None:
    set_cookie(resp, request, name, "", max_age=0)


def session_cookie(request: Request, token: str) -> str:
    return sign(request.app.ctx.config.secret, token, "session")


def device_of(request: Request) -> Optional[str]:
    """The tablet's device id, from its own signed cookie."""
    return unsign(request.app.ctx.config.secret, request.cookies.get(DEVICE_COOKIE), "device")


def give_device(resp: HTTPResponse, request: Request) -> None:
    """A device id for a browser that has none (set on the tablet page)."""
    if device_of(request) is None:
        value = sign(request.app.ctx.config.secret, new_token()[:32], "device")
        set_cookie(resp, request, DEVICE_COOKIE, value, max_age=DEVICE_YEARS * 365 * 86400)


def login_token(request: Request) -> Optional[str]:
    return unsign(request.app.ctx.config.secret, request.cookies.get(LOGIN_COOKIE), "login")


def new_login_cookie(request: Request) -> Tuple[str, str]:
    """A fresh sign-in form token: (token, the signed cookie value)."""
    token = new_token()
    return token, sign(request.app.ctx.config.secret, token, "login")
