"""The staff desk and the shopper's widget in two browser contexts against the live
servers: a hand-off appears on the desk live, a member of staff takes it (the assistant
goes quiet, the widget says who joined), messages go both ways at once, a second member of
staff cannot take it, and the hand-back resumes the consultation where it was. Then the
doors: the staff's pages without sign-in or with a forged cookie, and the shop page
reaching for the staff's API. Screenshots: test_reports/screenshots/desk-*, widget-staff-*."""

from __future__ import annotations

import re
import time
from typing import List

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from bot.db import session_scope
from bot.staff.models import TabletShopper
from tests.browser.conftest import WAIT_S, ShopVisit, visit
from tests.browser.staff_pages import check_screen, shoot, staff_browser
from tests.conftest import LiveServers
from tests.staff_client import StaffClient

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

DESK = (1280, 800)


def queue_ids(desk: Page) -> List[str]:
    return desk.locator("#queue button").evaluate_all("(nodes) => nodes.map((n) => n.dataset.id)")


def received_types(shopper: ShopVisit) -> List[str]:
    return [(m.get("custom") or {}).get("type") for m in shopper.received]


def test_a_member_of_staff_takes_over_and_hands_back(browser: Browser,
                                                     live_servers: LiveServers) -> None:
    password = live_servers.staff_account("Sam Taylor")
    alex = live_servers.staff_account("Alex Green")
    with staff_browser(browser, live_servers.staff_url, "Sam Taylor", password, "/desk",
                       DESK) as desk, visit(browser, f"{live_servers.page_url}/") as shopper:
        expect(desk.locator("#status")).to_have_text("Live", timeout=WAIT_S * 1000)
        before = set(queue_ids(desk))
        shopper.open()
        shopper.say("Do you have a 10mm drill?", "question")
        shopper.click("hang something", "question")
        shopper.say("can I talk to a person please", "handoff")

        # The hand-off appears on the desk by itself, newest first.
        desk.wait_for_function("(seen) => [...document.querySelectorAll('#queue button')]"
                               ".some((b) => !seen.includes(b.dataset.id))", arg=list(before),
                               timeout=WAIT_S * 1000)
        new = [i for i in queue_ids(desk) if i not in before]
        assert queue_ids(desk)[0] == new[0]
        desk.locator(f"#queue button[data-id='{new[0]}']").click()
        summary = desk.locator("#summary")
        expect(summary).to_contain_text("hang a picture or mirror")
        expect(summary).to_contain_text("drill bit")
        shoot(desk, "desk-1-hand-off-waiting")
        check_screen(desk)

        joined = shopper.turn(desk.get_by_role("button", name="Take this conversation").click,
                              "staff_joined")
        assert joined["text"].startswith("Sam from the shop has joined the chat")
        expect(shopper.panel.locator(".saw-with")).to_have_text(
            "You're talking with Sam from the shop")
        expect(shopper.log).to_contain_text("Sam from the shop has joined the chat")

        # A second member of staff sees it taken, and cannot take it.
        with staff_browser(browser, live_servers.staff_url, "Alex Green", alex, "/desk",
                           DESK) as other:
            other.locator(f"#queue button[data-id='{new[0]}']").click()
            expect(other.locator(f"#queue button[data-id='{new[0]}']")).to_contain_text(
                "Taken by Sam")
            expect(other.get_by_role("button", name="Take this conversation")).to_be_hidden()
            client = StaffClient(live_servers.staff_url)
            client.sign_in("Alex Green", alex)
            status, _, body = client.post(f"/api/desk/handoffs/{new[0]}/take")
            assert status == 409 and body == {"error": "Sam has taken it"}

        # Messages both ways, at once.
        message = desk.get_by_label("Your message to the shopper")
        message.fill("Hi, I'm Sam. Is it a heavy picture?")
        said = shopper.turn(lambda: message.press("Enter"), "staff_message")
        assert said["text"] == "Hi, I'm Sam. Is it a heavy picture?"
        staff_bubble = shopper.log.locator(".saw-staff").last
        expect(staff_bubble).to_contain_text("Sam from the shop")
        expect(staff_bubble).to_contain_text("Is it a heavy picture?")
        shopper.message_box.fill("about 3 kilos, on brick")
        shopper.message_box.press("Enter")
        started = time.monotonic()
        expect(desk.locator("#messages .msg.shopper").last).to_have_text(
            re.compile("about 3 kilos, on brick"), timeout=WAIT_S * 1000)
        assert time.monotonic() - started < 5  # polled every half second
        desk.wait_for_timeout(1000)
        assert "question" not in received_types(shopper)[-2:]  # the assistant stays quiet
        shoot(desk, "desk-2-talking")
        shopper.screenshot("widget-staff-1-talking", shopper.log, "end")

        # Handing back: the shopper is told, and the consultation carries on where it was.
        question = shopper.turn(desk.get_by_role("button", name="Hand back to the assistant")
                                .click, "question")
        assert question["custom"]["question"] == "wall"
        assert "staff_left" in received_types(shopper)
        expect(shopper.log).to_contain_text("Sam has handed you back to the assistant.")
        expect(shopper.panel.locator(".saw-with")).to_be_hidden()
        assert shopper.click("brick or concrete", "question")["custom"]["question"] == "weight"
        shopper.screenshot("widget-staff-2-handed-back", shopper.log, "end")
        expect(desk.locator(f"#queue button[data-id='{new[0]}']")).to_have_count(0)
        shoot(desk, "desk-3-handed-back")


def test_the_staff_pages_refuse_a_browser_not_signed_in(browser: Browser,
                                                        live_servers: LiveServers) -> None:
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        for path in ("/tablet", "/desk"):
            page.goto(f"{live_servers.staff_url}{path}")
            expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
            assert page.url.endswith(f"/login?next={path}")
        shoot(page, "staff-sign-in")
        check_screen(page)
        host = live_servers.staff_url.split("//")[1].split(":")[0]
        context.add_cookies([{"name": "staff_session", "value": "forged.0123456789abcdef",
                              "domain": host, "path": "/"}])
        page.goto(f"{live_servers.staff_url}/tablet")
        expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
        answer = page.request.get(f"{live_servers.staff_url}/api/desk/queue")
        assert answer.status == 401
    finally:
        context.close()


def test_the_shop_page_cannot_reach_the_staff_s_api(browser: Browser,
                                                    live_servers: LiveServers) -> None:
    """A member of staff signed in, then on a page of the shop's origin (the widget's) in
    the same browser: its scripts can neither read the staff's API nor change anything.
    The demo shop page's own CSP would block the calls outright, so the document here is
    one of the shop's files, served without a CSP: it is the staff server that must refuse."""
    password = live_servers.staff_account("Sam Taylor")
    with staff_browser(browser, live_servers.staff_url, "Sam Taylor", password) as staff:
        before = _tablet_shoppers(live_servers)
        shop = staff.context.new_page()
        shop.goto(f"{live_servers.page_url}/shop.css")
        read = shop.evaluate("""async (base) => {
            try { const r = await fetch(base + '/api/desk/queue', {credentials: 'include'});
                  return 'read ' + r.status; }
            catch (e) { return 'blocked'; } }""", live_servers.staff_url)
        assert read == "blocked"
        sent = shop.evaluate("""async (base) => {
            const r = await fetch(base + '/api/tablet/shoppers', {method: 'POST',
                                  mode: 'no-cors', credentials: 'include'});
            return r.type; }""", live_servers.staff_url)
        assert sent == "opaque"  # it reached the staff server, which answered
        assert _tablet_shoppers(live_servers) == before  # refused: no CSRF token, not our origin


def _tablet_shoppers(live: LiveServers) -> int:
    with session_scope(live.database_url) as session:
        return int(session.scalar(select(func.count()).select_from(TabletShopper)))
