"""The staff's pages in Chromium: a signed-in tablet or desk in a browser context of its
own, screenshots of each step, and the checks every screen gets (touch targets of at least
48 px, nothing wider than the screen, text large enough to read at arm's length)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Tuple

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import SCREENSHOTS, WAIT_S

TABLET = {"landscape": (1024, 768), "portrait": (768, 1024)}
MIN_TARGET_PX = 48
MIN_TEXT_PX = 16  # the smallest text a tablet page uses (notes, meta lines)

# Every visible button, link and text box, with its size: none may be smaller than a finger.
TARGETS = """() => [...document.querySelectorAll('button, a[href], input:not([type=hidden]), summary')]
  .filter((n) => n.offsetParent !== null && getComputedStyle(n).visibility !== 'hidden')
  .map((n) => { const r = n.getBoundingClientRect();
                return {what: (n.innerText || n.getAttribute('aria-label') || n.id || n.tagName).trim(),
                        width: r.width, height: r.height}; })"""
# The smallest text on the page that a person reads (visible text nodes' font sizes).
SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('main *, header *')]
  .filter((n) => n.offsetParent !== null && [...n.childNodes].some(
      (c) => c.nodeType === 3 && c.textContent.trim()))
  .map((n) => parseFloat(getComputedStyle(n).fontSize)))"""


@contextmanager
def staff_browser(browser: Browser, staff_url: str, name: str, password: str,
                  page: str = "/tablet", size: Tuple[int, int] = TABLET["landscape"]
                  ) -> Iterator[Page]:
    """A fresh browser profile, signed in as ``name`` on ``page``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    tab = context.new_page()
    errors: List[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(f"{staff_url}{page}")
        tab.get_by_label("Name").fill(name)
        tab.get_by_label("Password").fill(password)
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url(f"**{page}")
        expect(tab.locator("#who")).to_have_text(name, timeout=WAIT_S * 1000)
        yield tab
        assert not errors, errors
    finally:
        context.close()


def shoot(page: Page, name: str) -> None:
    """``test_reports/screenshots/<name>.png``: the screen as it is now."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def check_screen(page: Page) -> None:
    """Every target at least 48 px each way; nothing wider than the screen; no text
    smaller than 16 px."""
    small = [t for t in page.evaluate(TARGETS)
             if t["width"] < MIN_TARGET_PX - 0.5 or t["height"] < MIN_TARGET_PX - 0.5]
    assert not small, small
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width
    assert page.evaluate(SMALLEST_TEXT) >= MIN_TEXT_PX


def tap(page: Page, label: str, within: str = "#main") -> None:
    """Tap the button with exactly this label and wait for the tablet to settle."""
    page.locator(within).get_by_role("button", name=label, exact=True).first.click()
    settle(page)


def settle(page: Page) -> None:
    """The tablet has nothing waiting to be sent (its outbox is empty)."""
    page.wait_for_function("() => JSON.parse(localStorage.getItem('tablet:outbox') || '[]')"
                           ".length === 0 && document.querySelector('#main')"
                           ".getAttribute('aria-busy') !== 'true'", timeout=WAIT_S * 1000)


def list_items(page: Page) -> List[Dict[str, Any]]:
    """The tablet's list as the attendant reads it."""
    return [{"name": row.locator(".name").inner_text(),
             "line": row.locator(".line").inner_text(),
             "meta": row.locator(".meta").inner_text()}
            for row in page.locator("#items .item").all()]
