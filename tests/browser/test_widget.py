"""The chat widget on the shop page, in a real headless Chromium against the live servers:
the drill conversation by typing and clicking, the bundle card against the payload the
assistant sent, a reload, a restart of the assistant, HTML typed by a shopper, the
keyboard alone, and a page from an origin the assistant does not admit."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from typing import Any, Dict, List

import pytest
from playwright.sync_api import Browser, Locator, expect

from edge.shop_page import make_server
from tests.browser.conftest import ShopVisit, start_rasa, stop_rasa, visit

pytestmark = [pytest.mark.e2e, pytest.mark.browser, pytest.mark.replicas]

OFFLINE = "The assistant can't be reached right now. Reconnecting automatically…"


# Records each time the typing indicator is shown (true) or hidden (false).
WATCH_TYPING = """() => {
  const typing = document.querySelector('.saw-typing');
  window.typingSeen = [];
  new MutationObserver(() => {
    const shown = !typing.hidden;
    if (window.typingSeen[window.typingSeen.length - 1] !== shown) window.typingSeen.push(shown);
  }).observe(typing, {attributes: true, attributeFilter: ['hidden']});
}"""


def price(text: str) -> float:
    assert text.startswith("£"), text
    return float(text[1:].replace(",", ""))


def card_items(card: Locator) -> List[Dict[str, Any]]:
    """The items of a bundle card, as a shopper reads them."""
    items = []
    for row in card.locator(".saw-item").all():
        items.append({
            "quantity": int(row.locator(".saw-qty").inner_text().rstrip(" ×")),
            "name": row.locator(".saw-name").inner_text(),
            "unit_price": price(row.locator(".saw-unit").inner_text().removesuffix(" each")),
            "line_total": price(row.locator(".saw-line").inner_text()),
            "reason": row.locator(".saw-reason").inner_text(),
            "stock": row.locator(".saw-stock").inner_text(),
        })
    return items


def payload_items(payload: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What the card must show for each item of a bundle payload."""
    return [{"quantity": i["quantity"], "name": i["name"], "unit_price": i["unit_price"],
             "line_total": i["line_total"], "reason": i["reason"],
             "stock": f"In stock ({i['stock']}) · aisle {i['aisle']}"} for i in payload["items"]]


def hold_the_drill_conversation(shopper: ShopVisit) -> Dict[str, Any]:
    """The README's conversation, typed and clicked; returns the bundle payload."""
    question = shopper.say("Do you have a 10mm drill?", "question")
    assert "hang something" in [b["title"] for b in question["quick_replies"]]
    shopper.click("hang something", "question")
    shopper.say("brick", "question")
    shopper.say("about 3 kilos", "question")
    return shopper.click("a combi or hammer drill", "bundle")["custom"]


def stored_session(shopper: ShopVisit) -> str:
    return shopper.page.evaluate(
        "() => JSON.parse(localStorage.getItem(Object.keys(localStorage)"
        ".find(k => k.startsWith('shop-assistant:')))).session")


def said_in_tracker(live_servers: Any, session: str) -> List[str]:
    url = f"{live_servers.rasa_url}/conversations/{session}/tracker?token={live_servers.token}"
    with urllib.request.urlopen(url, timeout=10) as response:
        tracker = json.loads(response.read().decode())
    return [e.get("text") for e in tracker["events"] if e["event"] == "user"]


def test_the_drill_conversation_ends_in_a_bundle_card_that_survives_a_reload(
        shopper: ShopVisit, live_servers: Any) -> None:
    shopper.open()
    expect(shopper.log).to_have_attribute("aria-live", "polite")
    expect(shopper.log).to_contain_text("Hello!")
    shopper.screenshot("widget-open")
    shopper.page.evaluate(WATCH_TYPING)

    bundle = hold_the_drill_conversation(shopper)
    # The typing indicator came up for each of the five turns and is gone now.
    assert shopper.page.evaluate("window.typingSeen") == [True, False] * 5
    expect(shopper.page.get_by_text("The assistant is typing…")).to_be_hidden()
    card = shopper.log.locator(".saw-bundle")
    expect(card).to_have_count(1)
    assert card_items(card) == payload_items(bundle)
    shown_total = price(card.locator(".saw-total-amount").inner_text())
    assert shown_total == bundle["total"]
    assert shown_total == pytest.approx(sum(i["line_total"] for i in bundle["items"]))
    expect(card.get_by_role("button", name="Take all")).to_be_visible()
    expect(card.get_by_role("button", name=re.compile(r"^Just the "))).to_be_visible()
    for item in bundle["items"]:
        row = card.locator(".saw-item").filter(has_text=item["name"])
        expect(row.get_by_role("button", name=f"Drop the {item['name']}")).to_be_visible()
    shopper.screenshot("bundle-card", card)
    shopper.screenshot("bundle-card-end", card, block="end")

    order = shopper.click("Take all", "order")["custom"]
    order_card = shopper.log.locator(".saw-order")
    expect(order_card).to_be_visible()
    assert price(order_card.locator(".saw-total-amount").inner_text()) == order["total"] == bundle["total"]
    expect(shopper.log.locator(".saw-user").last).to_have_text("You said: Take all")
    expect(card.get_by_role("button")).to_have_count(0)  # answered: no second click

    before = shopper.log.inner_text()
    session = stored_session(shopper)
    shopper.page.reload()
    expect(shopper.panel).to_be_visible()  # it was open: it opens again
    expect(shopper.connection).to_have_text("Online")
    assert shopper.log.inner_text() == before
    assert card_items(shopper.log.locator(".saw-bundle")) == payload_items(bundle)
    assert stored_session(shopper) == session
    shopper.screenshot("after-reload")

    shopper.say("thanks")
    said = said_in_tracker(live_servers, session)
    assert said[0] == "Do you have a 10mm drill?" and said[-1] == "thanks", said


def test_the_conversation_survives_a_restart_of_the_assistant(
        shopper: ShopVisit, live_servers: Any) -> None:
    shopper.open()
    bundle = hold_the_drill_conversation(shopper)
    stop_rasa(live_servers)
    try:
        expect(shopper.panel.get_by_role("alert")).to_have_text(OFFLINE)
        expect(shopper.connection).to_have_text("Offline")
        shopper.screenshot("widget-offline")
    finally:
        start_rasa(live_servers)
    # socket.io reconnects by itself; the conversation comes back from the tracker store.
    expect(shopper.connection).to_have_text("Online", timeout=30_000)
    expect(shopper.panel.get_by_role("alert")).to_be_hidden()
    order = shopper.click("Take all", "order")["custom"]
    assert [i["sku"] for i in order["items"]] == [i["sku"] for i in bundle["items"]]
    assert order["total"] == bundle["total"]


def test_html_typed_by_a_shopper_is_shown_as_text(shopper: ShopVisit) -> None:
    attack = "<img src=x onerror=alert(1)>"
    shopper.open()
    shopper.say(attack)
    for _ in ("as sent", "after a reload"):
        expect(shopper.log.locator(".saw-user .saw-text").last).to_have_text(attack)
        expect(shopper.log.locator(".saw-bot").last).to_be_visible()
        assert shopper.log.locator("img").count() == 0
        shopper.page.wait_for_timeout(300)  # an onerror handler would have fired by now
        assert shopper.dialogs == [] and shopper.errors == []
        shopper.screenshot("html-as-text")
        shopper.page.reload()
        expect(shopper.connection).to_have_text("Online")


def test_the_keyboard_alone_opens_the_chat_answers_and_closes_it(shopper: ShopVisit) -> None:
    page = shopper.page
    page.goto(shopper.url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if shopper.launcher.evaluate("node => node === document.activeElement"):
            break
    expect(shopper.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(shopper.panel).to_be_visible()
    expect(shopper.message_box).to_be_focused()
    expect(shopper.connection).to_have_text("Online")

    page.keyboard.type("Do you have a 10mm drill?")
    shopper.turn(lambda: page.keyboard.press("Enter"), "question")
    answer = shopper.log.get_by_role("button", name="hang something", exact=True)
    for _ in range(12):
        page.keyboard.press("Shift+Tab")
        if answer.evaluate("node => node === document.activeElement"):
            break
    expect(answer).to_be_focused()
    outline = answer.evaluate("node => [getComputedStyle(node).outlineStyle,"
                              " parseFloat(getComputedStyle(node).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, f"no visible focus: {outline}"
    shopper.turn(lambda: page.keyboard.press("Enter"), "question")
    expect(shopper.log.locator(".saw-user").last).to_have_text("You said: hang something")
    expect(shopper.message_box).to_be_focused()

    page.keyboard.press("Escape")
    expect(shopper.panel).to_be_hidden()
    expect(shopper.launcher).to_be_focused()


def test_a_page_on_another_origin_cannot_reach_the_assistant(
        browser: Browser, live_servers: Any) -> None:
    # The same page and widget, served from a port the assistant does not admit.
    foreign = make_server(0, live_servers.rasa_url)
    threading.Thread(target=foreign.serve_forever, daemon=True).start()
    try:
        with visit(browser, f"http://127.0.0.1:{foreign.server_address[1]}/") as stranger:
            stranger.page.goto(stranger.url)
            stranger.launcher.click()
            expect(stranger.panel.get_by_role("alert")).to_have_text(OFFLINE)
            expect(stranger.connection).to_have_text("Offline")
            stranger.page.wait_for_timeout(1500)  # a reconnection attempt or two
            assert stranger.received == []
            expect(stranger.connection).to_have_text("Offline")
    finally:
        foreign.shutdown()
        foreign.server_close()


def test_a_product_answer_shows_the_product_as_a_card(shopper: ShopVisit) -> None:
    shopper.open()
    product = shopper.say("how much is the Bosch 5 mm masonry drill bit?", "product")["custom"]["product"]
    card = shopper.log.locator(".saw-product").last
    expect(card.get_by_role("heading")).to_have_text(product["name"])
    assert price(card.locator(".saw-price").inner_text()) == product["unit_price"]
    expect(card.locator(".saw-stock")).to_have_text(
        f"In stock ({product['stock']}) · aisle {product['aisle']}")
