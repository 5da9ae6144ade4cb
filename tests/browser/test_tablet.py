"""The attendant's tablet in headless Chromium against the live servers, at 1024 x 768 and
768 x 1024: a whole drill consultation by taps only; an earlier answer changed with one
tap, and the list following; skip and finish now; the list on the shopper's phone by QR
code, the same list; a network blink (the turn is retried, said, and run once); a past
shopper reopened. Screenshots of each step go to test_reports/screenshots/tablet-*."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterator

import pytest
import segno
from playwright.sync_api import Browser, Page, Route, expect

from tests.browser.conftest import SCREENSHOTS, WAIT_S
from tests.browser.staff_pages import (
    TABLET,
    check_screen,
    list_items,
    settle,
    shoot,
    staff_browser,
    tap,
)
from tests.conftest import LiveServers

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

DRILL_LIST = {"Rawlplug yellow 5 mm wall plugs, 24 pack", "Bosch 5 mm masonry drill bit",
              "Timco 4 x 50 mm countersunk wood screws, 20 pack",
              "Black+Decker BDS303 stud, metal and live wire detector"}
DRILL_TOTAL = "Total £26.39"


SHOWN_AS: Dict[int, str] = {}  # a tablet page -> its orientation, for the screenshots' names


@pytest.fixture(params=sorted(TABLET))
def tablet(request: Any, browser: Browser, live_servers: LiveServers) -> Iterator[Page]:
    password = live_servers.staff_account("Sam Taylor")
    with staff_browser(browser, live_servers.staff_url, "Sam Taylor", password,
                       size=TABLET[request.param]) as page:
        SHOWN_AS[id(page)] = request.param
        yield page


def name(page: Page, step: str) -> str:
    return f"tablet-{SHOWN_AS[id(page)]}-{step}"


def new_shopper(page: Page) -> None:
    page.get_by_role("button", name="New shopper").click()
    expect(page.locator("#question")).to_have_text("What is the shopper after?",
                                                   timeout=WAIT_S * 1000)
    settle(page)


def question(page: Page) -> str:
    return page.locator("#question").inner_text()


def drill_to_the_list(page: Page) -> None:
    """The README's drill conversation, by taps only."""
    new_shopper(page)
    shoot(page, name(page, "1-new-shopper"))
    check_screen(page)
    tap(page, "drill bit")
    assert question(page) == "So I get you the right one: what's the hole for?"
    assert page.locator("#lead").inner_text() == "We do."
    expect(page.locator("#why")).to_contain_text("ways of doing the job are still open")
    shoot(page, name(page, "2-what-is-the-hole-for"))
    check_screen(page)
    tap(page, "hang something")
    assert question(page) == "What is the wall made of?"
    shoot(page, name(page, "3-the-wall"))
    check_screen(page)
    tap(page, "brick or concrete")
    assert question(page) == "How heavy is it?"
    tap(page, "under 5 kg")
    assert question(page) == "What drill have you got?"
    tap(page, "a combi or hammer drill")


def test_a_whole_drill_consultation_by_taps_only(tablet: Page) -> None:
    drill_to_the_list(tablet)
    items = list_items(tablet)
    assert {i["name"] for i in items} == DRILL_LIST
    bit = next(i for i in items if "drill bit" in i["name"])
    assert re.fullmatch(r"£3\.20 each · \d+ in stock · aisle 12", bit["meta"]), bit
    assert tablet.locator("#total").inner_text() == DRILL_TOTAL
    points = tablet.locator("#items .item", has_text="masonry drill bit").locator(".points")
    expect(points).to_contain_text("Not just any: a wood bit would not cut brick or block.")
    facts = tablet.locator("#facts .fact")
    expect(facts).to_have_count(4)
    shoot(tablet, name(tablet, "4-the-list"))
    check_screen(tablet)
    tap(tablet, "Take all", within="#bundle")
    expect(tablet.locator("#notes")).to_contain_text("Great choice: 4 items, £26.39 in all")
    expect(tablet.locator("#taken")).to_be_visible()
    expect(tablet.get_by_role("button", name="Take all")).to_be_hidden()
    shoot(tablet, name(tablet, "5-taken"))
    check_screen(tablet)


def test_an_earlier_answer_changed_with_one_tap_updates_the_list(tablet: Page) -> None:
    drill_to_the_list(tablet)
    wall = tablet.get_by_role("button", name=re.compile("^What is the wall made of"))
    wall.click()
    shoot(tablet, name(tablet, "6-change-the-wall"))
    check_screen(tablet)
    tablet.get_by_role("group", name="Change: What is the wall made of?") \
        .get_by_role("button", name="plasterboard on studs").click()
    settle(tablet)
    expect(tablet.locator("#notes")).to_contain_text("Here's the updated list.")
    names = {i["name"] for i in list_items(tablet)}
    assert "Hillman brass pin hooks 3 kg, 6 pack" in names and not names & {
        "Rawlplug yellow 5 mm wall plugs, 24 pack", "Bosch 5 mm masonry drill bit"}
    assert tablet.locator("#total").inner_text() != DRILL_TOTAL
    expect(tablet.locator("#facts")).to_contain_text("plasterboard")
    shoot(tablet, name(tablet, "7-list-updated"))


def test_skip_and_finish_now(tablet: Page) -> None:
    new_shopper(tablet)
    tap(tablet, "hang a picture or mirror")
    assert question(tablet) == "What is the wall made of?"
    tap(tablet, "Skip this question")
    expect(tablet.locator("#lead")).to_contain_text("Skipped: I've gone with brick or concrete")
    expect(tablet.locator("#facts .assumed")).to_have_count(1)
    tap(tablet, "Finish now: safest list")
    expect(tablet.locator("#notes")).to_contain_text("To finish now I've gone with 15 to 40 kg")
    expect(tablet.locator("#warnings")).to_contain_text("Assumed, not said: 15 to 40 kg")
    assert len(list_items(tablet)) >= 3
    shoot(tablet, name(tablet, "8-finished-now"))
    check_screen(tablet)


def test_the_qr_code_opens_the_same_list_on_the_shopper_s_phone(
        tablet: Page, browser: Browser) -> None:
    drill_to_the_list(tablet)
    on_tablet = [(i["name"], i["line"]) for i in list_items(tablet)]
    tablet.get_by_role("button", name="Give the list (QR)").click()
    sheet = tablet.get_by_role("dialog", name="The list on the shopper's phone")
    expect(sheet).to_be_visible()
    url = sheet.get_by_role("link", name="Printable page").get_attribute("href")
    assert url and "/list/" in url
    # The QR code encodes exactly that address (made here the same way, locally).
    assert sheet.locator("img").get_attribute("src") == \
        segno.make(url, error="m").svg_data_uri(scale=8, border=2)
    shoot(tablet, name(tablet, "9-qr-code"))
    check_screen(tablet)
    phone = browser.new_context(viewport={"width": 390, "height": 844})  # no sign-in
    try:
        page = phone.new_page()
        page.goto(url)
        rows = page.locator(".item")
        on_phone = [(r.locator(".name").inner_text(), r.locator(".price").inner_text())
                    for r in rows.all()]
        assert on_phone == on_tablet
        expect(page.locator(".total")).to_have_text(DRILL_TOTAL)
        expect(page.get_by_role("button", name="Print this list")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / f"{name(tablet, '10-list-on-the-phone')}.png"),
                        full_page=True)
    finally:
        phone.close()


def test_a_network_blink_is_retried_and_said_and_nothing_is_lost(tablet: Page) -> None:
    new_shopper(tablet)
    tap(tablet, "hang a picture or mirror")
    dropped = {"count": 0}

    def blink(route: Route) -> None:
        if dropped["count"] < 2:
            dropped["count"] += 1
            route.abort("internetdisconnected")
        else:
            route.continue_()

    tablet.route(re.compile(r".*/turns$"), blink)
    box = tablet.get_by_label("What the shopper said")
    box.fill("it's a brick wall")
    box.press("Enter")
    expect(tablet.locator("#banner")).to_contain_text("trying again", timeout=WAIT_S * 1000)
    expect(box).to_have_value("it's a brick wall")  # kept while it is not through
    shoot(tablet, name(tablet, "11-network-blink"))
    settle(tablet)
    expect(tablet.locator("#banner")).to_contain_text("Back online")
    expect(box).to_have_value("")
    assert question(tablet) == "How heavy is it?"
    assert dropped["count"] == 2
    tablet.unroute(re.compile(r".*/turns$"))


def test_a_past_shopper_is_reopened(tablet: Page) -> None:
    drill_to_the_list(tablet)
    new_shopper(tablet)
    tablet.get_by_role("button", name="Recent shoppers").click()
    recent = tablet.get_by_role("region", name="Recent shoppers on this tablet")
    expect(recent.get_by_role("button").first).to_be_visible()
    shoot(tablet, name(tablet, "12-recent-shoppers"))
    check_screen(tablet)
    recent.get_by_role("button", name=re.compile("hang a picture or mirror · 4 items")) \
        .first.click()
    expect(tablet.locator("#items .item")).to_have_count(4, timeout=WAIT_S * 1000)
    assert {i["name"] for i in list_items(tablet)} == DRILL_LIST
    expect(tablet.locator("#total")).to_have_text(DRILL_TOTAL)
