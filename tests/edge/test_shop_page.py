"""The page server: the shop page pointed at the assistant, the widget's files, nothing else."""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from email.message import Message
from typing import Iterator, Tuple

import pytest

from edge.shop_page import WEB_DIR, make_server
from tests.conftest import ROOT, free_port

ASSISTANT = "http://127.0.0.1:5999"
# dist/socket.io.min.js of the npm package socket.io-client 4.8.4 (edge/web/vendor/README.md)
SOCKET_IO_SHA256 = "d5d79a35039e860b32bdef4795528b05c2f788d4b2d9dacc913120e2878f7b3f"


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    server = make_server(0, ASSISTANT)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def get(url: str) -> Tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


def test_the_page_embeds_the_widget_with_the_assistants_address(page_url: str) -> None:
    status, headers, body = get(f"{page_url}/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert f'<script src="widget.js" data-server="{ASSISTANT}" defer></script>' in body.decode()
    policy = headers["Content-Security-Policy"]
    assert f"connect-src 'self' {ASSISTANT} ws://127.0.0.1:5999;" in policy
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("path, kind", [
    ("widget.js", "javascript"), ("widget.css", "text/css"), ("shop.css", "text/css"),
    ("vendor/socket.io.min.js", "javascript"),
])
def test_the_widgets_files_are_served(page_url: str, path: str, kind: str) -> None:
    status, headers, body = get(f"{page_url}/{path}")
    assert status == 200 and kind in headers["Content-Type"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert body == (WEB_DIR / path).read_bytes()


@pytest.mark.parametrize("path", ["vendor/", "../pyproject.toml", "%2e%2e/pyproject.toml",
                                  "nothing.js"])
def test_nothing_else_is_served(page_url: str, path: str) -> None:
    assert get(f"{page_url}/{path}")[0] == 404


def test_the_vendored_socket_io_client_is_the_npm_release() -> None:
    data = (WEB_DIR / "vendor" / "socket.io.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOCKET_IO_SHA256
    assert (WEB_DIR / "vendor" / "socket.io-client.LICENSE").read_text().startswith("The MIT License")


def test_the_page_server_stops_on_sigint_even_when_started_ignoring_it() -> None:
    # Servers.stop() sends SIGINT; a shell's background job starts with SIGINT ignored.
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "edge.shop_page", "--port", str(port)], cwd=ROOT,
        stdout=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == f"Shop page on http://127.0.0.1:{port}/"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize("sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                                  "DOMParser", "createContextualFragment", "eval(", "Function("])
def test_the_widget_never_turns_text_into_html_or_code(sink: str) -> None:
    # Everything shown goes through textContent; the browser tests check it in Chromium.
    assert sink not in (WEB_DIR / "widget.js").read_text()
