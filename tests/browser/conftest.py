"""Browser tests: Debian's Chromium, driven by Playwright (its own browser downloads are
never used), against the live servers' shop page.

A missing Chromium fails these tests; it never skips them (scripts/setup.sh installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocket, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test_reports" / "screenshots"
CHROMIUM_NAMES = ("chromium", "chromium-browser")
# No update checks, no sync, no component downloads: the tests reach only loopback.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
WIDTHS = {"desktop": (1280, 800), "phone": (360, 740)}
WAIT_S = 30
QUIET_MS = 400


def chromium_executable() -> str:
    """Debian's chromium; fails the test (never skips) when it is not installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: run scripts/setup.sh (as root it runs "
                "`apt-get install -y chromium`)", pytrace=False)


# Module scope, not session: while Playwright's sync API runs, this thread has a running
# event loop, and pytest-asyncio could not run the async tests of later modules.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    args = CHROMIUM_ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_executable(), args=args)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class ShopVisit:
    """One shopper's browser tab on the shop page, with the assistant's messages as they
    arrived on the socket (the widget's own rendering is checked against these)."""

    page: Page
    url: str
    received: List[Dict[str, Any]] = field(default_factory=list)
    dialogs: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)

    # -- the widget, as a shopper sees it ----------------------------------------------------
    @property
    def launcher(self) -> Locator:
        return self.page.get_by_role("button", name="Chat with our assistant")

    @property
    def panel(self) -> Locator:
        return self.page.get_by_role("dialog", name="Shop assistant")

    @property
    def log(self) -> Locator:
        return self.page.get_by_role("log", name="Conversation with the assistant")

    @property
    def message_box(self) -> Locator:
        return self.page.get_by_label("Your message")

    @property
    def connection(self) -> Locator:
        return self.panel.locator(".saw-status")

    def open(self) -> None:
        self.page.goto(self.url)
        self.launcher.click()
        expect(self.connection).to_have_text("Online", timeout=WAIT_S * 1000)

    # -- turns -------------------------------------------------------------------------------
    def turn(self, act: Callable[[], None], kind: Optional[str] = None) -> Dict[str, Any]:
        """Do something (type, click) and return the assistant's first message of the
        reply, or its first message with a custom payload of this ``kind``."""
        seen = len(self.received)
        act()
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            for message in self.received[seen:]:
                if kind is None or (message.get("custom") or {}).get("type") == kind:
                    self._settle()
                    return message
            self.page.wait_for_timeout(50)
        raise AssertionError(f"no {kind or 'reply'} within {WAIT_S} s; got {self.received[seen:]}")

    def _settle(self) -> None:
        # The socket has no end-of-turn event: the turn is over when the assistant has
        # been quiet for a moment.
        count = -1
        while count != len(self.received):
            count = len(self.received)
            self.page.wait_for_timeout(QUIET_MS)

    def say(self, text: str, kind: Optional[str] = None) -> Dict[str, Any]:
        def type_and_send() -> None:
            self.message_box.fill(text)
            self.message_box.press("Enter")
        return self.turn(type_and_send, kind)

    def click(self, title: str, kind: Optional[str] = None) -> Dict[str, Any]:
        button = self.log.get_by_role("button", name=title, exact=True)
        return self.turn(button.click, kind)

    def screenshot(self, name: str, target: Optional[Locator] = None, block: str = "start") -> None:
        """``test_reports/screenshots/<name>-<width>.png`` at both widths, with the
        ``block`` end of ``target`` scrolled into view."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        original = self.page.viewport_size
        for width, height in WIDTHS.values():
            self.page.set_viewport_size({"width": width, "height": height})
            if target is not None:
                target.evaluate("(node, block) => node.scrollIntoView({block})", block)
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"))
        if original:
            self.page.set_viewport_size(original)


def socket_messages(into: List[Dict[str, Any]]) -> Callable[[WebSocket], None]:
    """Collects the ``bot_uttered`` events of socket.io frames (``42["bot_uttered",{...}]``)."""
    def watch(socket: WebSocket) -> None:
        def frame(payload: Any) -> None:
            if isinstance(payload, str) and payload.startswith("42"):
                event = json.loads(payload[2:])
                if event[0] == "bot_uttered":
                    into.append(event[1])
        socket.on("framereceived", frame)
    return watch


@contextmanager
def visit(browser: Browser, url: str) -> Iterator[ShopVisit]:
    """A fresh browser profile (no stored session) with a tab on ``url``."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    shopper = ShopVisit(page, url)
    page.on("websocket", socket_messages(shopper.received))
    page.on("dialog", lambda dialog: (shopper.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: shopper.errors.append(str(error)))
    try:
        yield shopper
    finally:
        context.close()


@pytest.fixture
def shopper(browser: Browser, live_servers: Any) -> Iterator[ShopVisit]:
    """A new shopper (a fresh browser profile) on the live shop page."""
    with visit(browser, f"{live_servers.page_url}/") as tab:
        yield tab


# -- stopping and starting the Rasa server(s) under a running page ---------------------------

def stop_rasa(live: Any) -> None:
    """Stop the Rasa server (every one, behind the balancer)."""
    live.stop_rasa()


def start_rasa(live: Any) -> None:
    """Start it again as it was (same ports, same tracker store)."""
    live.start_rasa()
