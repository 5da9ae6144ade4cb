"""The staff server's Sanic app: sign-in, the tablet and desk pages and their APIs
(edge/staff/tablet_routes.py, desk_routes.py), the shopper's list page, and the
hand-off webhook's background task.

Pages and APIs refuse anyone not signed in (edge/staff/auth.py); the list page is the one
public page, opened by the random token in its link. Every answer carries a strict
Content-Security-Policy (our own scripts and styles only, no framing), no referrer to
other sites (a list's link must not leak) and no caching of what is personal.
"""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import datetime
from pathlib import Path
from string import Template
from typing import Any, Dict, Optional
from urllib.parse import urlsplit

from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.products import format_price
from bot.staff.accounts import end_session, open_session, role_may_use, sign_in
from bot.staff.shares import shared_list
from bot.staff.tokens import same
from bot.staff.webhook import deliver, poster
from edge.staff.assistant import Assistant
from edge.staff.auth import (
    ANY_PAGE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Staff,
    address_of,
    clear_cookie,
    current_staff,
    give_device,
    in_db,
    login_token,
    new_login_cookie,
    origin_is_ours,
    session_cookie,
    set_cookie,
    staff_only,
)
from edge.staff.config import StaffConfig
from edge.staff.desk_routes import desk_api
from edge.staff.replay_routes import replay_api
from edge.staff.tablet_routes import tablet_api

logger = logging.getLogger(__name__)

WEB = Path(__file__).resolve().parent / "web"
WEBHOOK_EVERY_S = 2.0
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def make_app(config: StaffConfig, name: str = "staff") -> Sanic:
    """The app, ready to run (``python -m edge.staff``)."""
    app = Sanic(name)
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.ctx.config = config
    app.blueprint(tablet_api)
    app.blueprint(desk_api)
    app.blueprint(replay_api)
    app.static("/static", str(WEB / "static"), name="static")

    @app.before_server_start
    async def connect(app_: Sanic, _: Any) -> None:
        app_.ctx.assistant = Assistant(config.assistant_url, config.token)
        if config.webhook:
            app_.add_task(_post_hand_offs(app_, config))

    @app.after_server_stop
    async def disconnect(app_: Sanic, _: Any) -> None:
        await app_.ctx.assistant.close()

    @app.middleware("response")
    async def headers(request: Request, resp: HTTPResponse) -> None:
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        # Not "no-referrer" for the staff's pages: with it, browsers send "Origin: null" on
        # form posts, which the sign-in's origin check rightly refuses. Same-origin sends
        # nothing to other sites; a list's page (its token is in its address) sends nothing.
        resp.headers["Referrer-Policy"] = ("no-referrer" if request.path.startswith("/list/")
                                           else "same-origin")
        resp.headers["X-Frame-Options"] = "DENY"
        if not request.path.startswith("/static/"):
            resp.headers["Cache-Control"] = "no-store"

    _pages(app)
    return app


def _pages(app: Sanic) -> None:
    @app.get("/")
    async def home(request: Request) -> HTTPResponse:
        staff = await current_staff(request)
        if staff is None:
            return response.redirect("/login", status=303)
        return response.redirect(_start_page(staff), status=303)

    @app.get("/login")
    async def login_page(request: Request) -> HTTPResponse:
        return _login_form(request, "", status=200)

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        return await _sign_in(request)

    @app.post("/logout")
    @staff_only(ANY_PAGE, api=False)
    async def logout(request: Request) -> HTTPResponse:
        staff: Staff = request.ctx.staff
        await in_db(request, lambda s: end_session(s, staff.token))
        resp = response.redirect("/login", status=303)
        clear_cookie(resp, request, SESSION_COOKIE)
        return resp

    @app.get("/api/me")
    @staff_only(ANY_PAGE)
    async def me(request: Request) -> HTTPResponse:
        staff: Staff = request.ctx.staff
        return response.json({"id": staff.id, "name": staff.name, "first_name": staff.first_name,
                              "role": staff.role, "csrf": staff.csrf,
                              "pages": [p for p in ("tablet", "desk", "replay")
                                        if role_may_use(staff.role, p)]})

    @app.get("/tablet")
    @staff_only("tablet", api=False)
    async def tablet(request: Request) -> HTTPResponse:
        resp = await response.file(str(WEB / "tablet.html"))
        give_device(resp, request)
        return resp

    @app.get("/desk")
    @staff_only("desk", api=False)
    async def desk(request: Request) -> HTTPResponse:
        return await response.file(str(WEB / "desk.html"))

    @app.get("/replay")
    @staff_only("replay", api=False)
    async def replay(request: Request) -> HTTPResponse:
        return await response.file(str(WEB / "replay.html"))

    @app.get("/list/<token>")
    async def shopper_list(request: Request, token: str) -> HTTPResponse:
        content = await in_db(request, lambda s: _list_content(s, token))
        if content is None:
            return response.html(_page("list_gone.html", {}), status=404)
        return response.html(list_page(content))


def _start_page(staff: Staff) -> str:
    return _first_page(staff.role)


def _first_page(role: str) -> str:
    """Where a role starts: the tablet, else the desk, else the trainer's replay."""
    return next((f"/{page}" for page in ("tablet", "desk", "replay")
                 if role_may_use(role, page)), "/desk")


# -- signing in --------------------------------------------------------------------------------

async def _sign_in(request: Request) -> HTTPResponse:
    form = request.form or {}
    name, password = form.get("name") or "", form.get("password") or ""
    expected = login_token(request)
    if expected is None or not same(form.get("login_token"), expected) \
            or not origin_is_ours(request):
        return _login_form(request, "Your sign-in page had gone stale: please try again.",
                           status=403)
    now = datetime.now()

    def check(session: Session) -> Any:
        result = sign_in(session, name, password, address_of(request), now)
        if result.account is None:
            return result.wait_s
        token, _ = open_session(session, result.account, now)
        role = result.account.role
        return token, role

    result = await in_db(request, check)
    if isinstance(result, float):
        if result > 0:
            resp = _login_form(request, f"Too many failed sign-ins: try again in "
                               f"{max(1, round(result))} seconds.", status=429)
            resp.headers["Retry-After"] = str(max(1, round(result)))
            return resp
        return _login_form(request, "That name and password don't match.", status=401)
    token, role = result
    target = _safe_next(form.get("next"), _first_page(role))
    resp = response.redirect(target, status=303)
    set_cookie(resp, request, SESSION_COOKIE, session_cookie(request, token))
    clear_cookie(resp, request, LOGIN_COOKIE)
    return resp


def _login_form(request: Request, error: str, status: int) -> HTTPResponse:
    token, cookie = new_login_cookie(request)
    page = _page("login.html", {"error": error, "token": token,
                                "next": _safe_next(request.args.get("next")
                                                   or (request.form or {}).get("next"), "")})
    resp = response.html(page, status=status)
    set_cookie(resp, request, LOGIN_COOKIE, cookie)
    return resp


def _safe_next(value: Optional[str], default: str) -> str:
    """Only a path of this server: never another site (an open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else default


def _page(name: str, fields: Dict[str, str]) -> str:
    """A page from web/, its ``$fields`` filled in as escaped text."""
    template = Template((WEB / name).read_text(encoding="utf-8"))
    return template.safe_substitute({k: html.escape(v) for k, v in fields.items()})


# -- the shopper's list ------------------------------------------------------------------------

def _list_content(session: Session, token: str) -> Optional[Dict[str, Any]]:
    share = shared_list(session, token, datetime.now())
    if share is None:
        return None
    return {**share.content, "expires_at": share.expires_at.isoformat(timespec="minutes")}


def list_page(content: Dict[str, Any]) -> str:
    """The shopper's list as a page of the shop: readable on a phone, printable."""
    rows = "\n".join(
        "<li class='item'><div class='head'><span class='qty'>{q} ×</span>"
        "<span class='name'>{n}</span><span class='price'>{p}</span></div>"
        "<p class='why'>{w}</p><p class='aisle'>Aisle {a}</p></li>".format(
            q=int(item.get("quantity") or 0), n=html.escape(str(item.get("name") or "")),
            p=html.escape(format_price(int(item.get("line_total_pence") or 0))),
            w=html.escape(str(item.get("why") or "")),
            a=html.escape(str(item.get("aisle") or "")))
        for item in content.get("items", []))
    missing = "".join(f"<p class='missing'>Ask staff to order: {html.escape(str(m))}</p>"
                      for m in content.get("missing", []))
    return _page("list.html", {"job": str(content.get("job_name") or "your project"),
                               "total": format_price(int(content.get("total_pence") or 0)),
                               "expires": str(content.get("expires_at", "")).replace("T", " ")}
                 ).replace("<!--ITEMS-->", rows + missing)


# -- hand-offs to a help desk ------------------------------------------------------------------

async def _post_hand_offs(app: Sanic, config: StaffConfig) -> None:
    """Every few seconds, post the hand-offs not yet posted (bot/staff/webhook.py)."""
    assert config.webhook
    send = poster(config.webhook, config.webhook_secret)

    def round_(session: Session) -> int:
        return deliver(session, send, datetime.now())

    loop = asyncio.get_running_loop()
    while True:
        try:
            await loop.run_in_executor(None, _in_session, config.database_url, round_)
        except Exception:  # never let the loop die: log, and try again next round
            logger.exception("posting hand-offs to the help desk failed")
        await asyncio.sleep(WEBHOOK_EVERY_S)


def _in_session(url: str, work: Any) -> Any:
    with session_scope(url) as session:
        return work(session)
