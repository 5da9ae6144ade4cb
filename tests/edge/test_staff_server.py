"""The staff server from outside, as any HTTP client could reach it: who may see what
(sign-in, forged cookies, roles, CSRF, origins, a number that is not enough), sign-in's
slowdown, a tablet turn sent twice, the shopper's list page, and the hand-offs posted to a
help desk's webhook (against a small receiving server of this test's own)."""

from __future__ import annotations

import hmac
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime
from hashlib import sha256
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, Dict, Iterator, List

import pytest

from bot.care.handoff import request_handoff
from bot.db import session_scope
from bot.serve import _wait_ready
from bot.staff.tokens import sign
from tests.conftest import ROOT, LiveServers, free_port
from tests.outside import user_texts
from tests.staff_client import StaffClient

pytestmark = pytest.mark.e2e


def signed_in(live: LiveServers, name: str = "Sam Taylor", role: str = "attendant",
              page: str = "/tablet") -> StaffClient:
    client = StaffClient(live.staff_url)
    status, headers, _ = client.sign_in(name, live.staff_account(name, role))
    assert status == 303, headers
    client.get(page)  # the tablet page gives this browser its tablet id
    return client


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/me"), ("GET", "/api/tablet/shoppers"), ("POST", "/api/tablet/shoppers"),
    ("GET", "/api/tablet/shoppers/1"), ("POST", "/api/tablet/shoppers/1/turns"),
    ("POST", "/api/tablet/shoppers/1/share"), ("GET", "/api/desk/queue"),
    ("GET", "/api/desk/events"), ("POST", "/api/desk/handoffs/1/take"),
    ("GET", "/api/desk/handoffs/1/messages"), ("POST", "/api/desk/handoffs/1/hand-back"),
])
def test_the_apis_refuse_anyone_not_signed_in(live_servers: LiveServers, method: str,
                                              path: str) -> None:
    status, _, body = StaffClient(live_servers.staff_url).request(method, path)
    assert (status, body) == (401, {"error": "sign in first"})


@pytest.mark.parametrize("page", ["/tablet", "/desk"])
def test_the_pages_send_anyone_not_signed_in_to_sign_in(live_servers: LiveServers,
                                                        page: str) -> None:
    status, headers, _ = StaffClient(live_servers.staff_url).get(page)
    assert status == 303 and headers["Location"] == f"/login?next={page}"


def forged_cookies(live: LiveServers) -> List[str]:
    real = signed_in(live).cookie("staff_session") or ""
    token = real.rpartition(".")[0]
    return [token,  # a real session's token, unsigned
            token + ".0" * 32,  # signed by guess
            sign("another secret, thirty-two characters long", token, "session"),
            sign(os.urandom(20).hex(), uuid.uuid4().hex, "session"),
            real.replace(token[:6], "AAAAAA", 1)]  # the token changed under its signature


def test_forged_session_cookies_are_refused(live_servers: LiveServers) -> None:
    for forged in forged_cookies(live_servers):
        client = StaffClient(live_servers.staff_url)
        client.set_cookie("staff_session", forged)
        assert client.get("/api/me")[0] == 401, forged
        assert client.get("/tablet")[0] == 303


def test_signing_out_ends_the_session_for_good(live_servers: LiveServers) -> None:
    client = signed_in(live_servers)
    kept = client.cookie("staff_session")
    assert client.get("/api/me")[2]["name"] == "Sam Taylor"
    assert client.post("/logout")[0] == 303
    replay = StaffClient(live_servers.staff_url)
    replay.set_cookie("staff_session", kept or "")
    assert replay.get("/api/me")[0] == 401


def test_the_session_cookie_is_httponly_and_samesite(live_servers: LiveServers) -> None:
    client = StaffClient(live_servers.staff_url)
    _, headers, _ = client.sign_in("Sam Taylor", live_servers.staff_account("Sam Taylor"))
    cookie = headers["Set-Cookie"]
    assert "staff_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_changes_need_the_csrf_token_and_our_own_origin(live_servers: LiveServers) -> None:
    client = signed_in(live_servers)
    assert client.post("/api/tablet/shoppers", csrf=False)[0] == 403
    # The shop page, where the widget runs, is another origin (another port).
    status, _, body = client.post("/api/tablet/shoppers", origin=live_servers.page_url)
    assert status == 403 and "staff's own page" in body["error"]
    assert client.post("/api/tablet/shoppers", origin=live_servers.staff_url)[0] == 200


def test_signing_in_needs_the_form_s_own_token(live_servers: LiveServers) -> None:
    client = StaffClient(live_servers.staff_url)
    status, _, page = client.request("POST", "/login", b"name=Sam+Taylor&password=x", {
        "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and "gone stale" in page


def test_repeated_failed_sign_ins_slow_down(live_servers: LiveServers) -> None:
    live_servers.staff_account("Robin Guess")
    client = StaffClient(live_servers.staff_url)
    answers = [client.sign_in("Robin Guess", f"wrong guess {n}")[0] for n in range(4)]
    assert answers == [401, 401, 401, 401]
    status, headers, page = client.sign_in("Robin Guess", "wrong guess 5")
    assert status == 429 and int(headers["Retry-After"]) >= 1 and "try again in" in page


def test_roles_choose_the_pages(live_servers: LiveServers) -> None:
    client = StaffClient(live_servers.staff_url)
    client.sign_in("Terry Trainer", live_servers.staff_account("Terry Trainer", "trainer"))
    assert client.get("/tablet")[0] == 403 and client.get("/api/desk/queue")[0] == 403
    assert client.get("/api/me")[2]["pages"] == ["replay"]


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_signing_in_never_sends_a_browser_to_another_site(live_servers: LiveServers,
                                                          target: str) -> None:
    client = StaffClient(live_servers.staff_url)
    status, headers, _ = client.sign_in("Sam Taylor", live_servers.staff_account("Sam Taylor"),
                                        next_path=target)
    assert status == 303 and headers["Location"] == "/tablet"


def test_a_shopper_s_number_opens_nothing_on_another_tablet(live_servers: LiveServers) -> None:
    mine, other = signed_in(live_servers), signed_in(live_servers, "Alex Green")
    shopper = mine.post("/api/tablet/shoppers")[2]["shopper"]["id"]
    assert mine.get(f"/api/tablet/shoppers/{shopper}")[0] == 200
    assert other.get(f"/api/tablet/shoppers/{shopper}")[0] == 404
    assert other.post(f"/api/tablet/shoppers/{shopper}/turns",
                      {"turn_id": uuid.uuid4().hex, "text": "hello"})[0] == 404


def test_the_desk_opens_only_the_conversations_it_holds(live_servers: LiveServers) -> None:
    sender = f"web-{uuid.uuid4().hex}"
    live_servers.say(sender, "can I talk to a person please")
    desk = signed_in(live_servers, page="/desk")
    queue = desk.get("/api/desk/queue")[2]["queue"]
    assert sender not in json.dumps(queue)  # the conversation's id never leaves the server
    handoff = next(h["id"] for h in queue if h["status"] == "waiting")
    assert desk.get(f"/api/desk/handoffs/{handoff}/messages")[0] == 404
    assert desk.post(f"/api/desk/handoffs/{handoff}/messages", {"text": "hi"})[0] == 404
    # A sender id is no key either: no route takes one.
    assert desk.get(f"/api/desk/handoffs/{sender}/messages")[0] == 404


def test_a_tablet_turn_sent_twice_is_run_once(live_servers: LiveServers) -> None:
    client = signed_in(live_servers)
    shopper = client.post("/api/tablet/shoppers")[2]["shopper"]["id"]
    turn = {"turn_id": uuid.uuid4().hex, "text": "Do you have a 10mm drill?"}
    first = client.post(f"/api/tablet/shoppers/{shopper}/turns", turn)
    again = client.post(f"/api/tablet/shoppers/{shopper}/turns", turn)
    assert first[0] == again[0] == 200 and first[2] == again[2]
    assert first[2]["view"]["briefing"]["pending"] == "job"
    sender = _sender_of(live_servers, shopper)
    said = user_texts(live_servers.rasa_url, live_servers.token, sender)
    assert said.count("Do you have a 10mm drill?") == 1


def test_the_shopper_s_list_page_is_public_and_tells_nothing_personal(
        live_servers: LiveServers) -> None:
    client = signed_in(live_servers)
    shopper = client.post("/api/tablet/shoppers")[2]["shopper"]["id"]
    for turn in ({"text": "I want to hang a light picture on a brick wall"},
                 {"text": "a combi or hammer drill"}):
        client.post(f"/api/tablet/shoppers/{shopper}/turns", {"turn_id": uuid.uuid4().hex, **turn})
    status, _, share = client.post(f"/api/tablet/shoppers/{shopper}/share")
    assert status == 200 and share["qr"].startswith("data:image/svg+xml")
    path = "/" + share["url"].split("/", 3)[3]
    status, headers, page = StaffClient(live_servers.staff_url).get(path)  # no sign-in
    assert status == 200 and "Your list to hang a picture or mirror" in page
    assert headers["Referrer-Policy"] == "no-referrer"
    assert _sender_of(live_servers, shopper) not in page and "tablet-" not in page
    assert StaffClient(live_servers.staff_url).get("/list/not-a-real-token")[0] == 404


def _sender_of(live: LiveServers, shopper_id: int) -> str:
    from bot.staff.models import TabletShopper

    with session_scope(live.database_url) as session:
        return str(session.get(TabletShopper, shopper_id).sender_id)


# -- a help desk's webhook --------------------------------------------------------------------

WEBHOOK_SECRET = "the help desk's shared secret, 32+ chars"


@pytest.fixture
def help_desk() -> Iterator[Dict[str, Any]]:
    """A small receiving server: what was posted to it, with the signature header."""
    received: Dict[str, Any] = {"posts": []}

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received["posts"].append((json.loads(body), self.headers.get("X-Shop-Signature"),
                                      body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received["url"] = f"http://127.0.0.1:{server.server_port}/hooks/bot"
    try:
        yield received
    finally:
        server.shutdown()


def test_each_hand_off_is_posted_to_the_help_desk(live_servers: LiveServers,
                                                  help_desk: Dict[str, Any],
                                                  tmp_path: Any) -> None:
    port = free_port()
    env = {**os.environ, "BOT_DATABASE_URL": live_servers.database_url,
           "RASA_TOKEN": live_servers.token, "BOT_STAFF_SECRET": "s" * 40,
           "BOT_HANDOFF_WEBHOOK": help_desk["url"], "BOT_HANDOFF_WEBHOOK_SECRET": WEBHOOK_SECRET}
    log = open(tmp_path / "staff.log", "w")
    process = subprocess.Popen([sys.executable, "-m", "edge.staff", "--port", str(port),
                                "--assistant", live_servers.rasa_url], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        from bot.serve import Servers

        _wait_ready(Servers("", "", "", processes=[process], logs=[tmp_path / "staff.log"]),
                    f"http://127.0.0.1:{port}/login", 0)
        sender = f"web-{uuid.uuid4().hex}"
        with session_scope(live_servers.database_url) as session:
            request_handoff(session, sender, reason="asked for a person",
                            summary={"job": "hang_picture"}, now=datetime.now())
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(
                doc["conversation"] == sender for doc, _, _ in help_desk["posts"]):
            time.sleep(0.2)
        posted = [(doc, signature, body) for doc, signature, body in help_desk["posts"]
                  if doc["conversation"] == sender]
        assert len(posted) == 1, help_desk["posts"]
        doc, signature, body = posted[0]
        assert doc["reason"] == "asked for a person" and doc["summary"] == {"job": "hang_picture"}
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), body, sha256).hexdigest()
        assert signature == expected
        time.sleep(2.5)  # another round of the poster: nothing is posted twice
        assert sum(d["conversation"] == sender for d, _, _ in help_desk["posts"]) == 1
    finally:
        process.terminate()
        process.wait(timeout=20)
