"""The demo shop page and the chat widget's files (edge/web/), served on 127.0.0.1.

``python -m edge.shop_page --port 8080 --assistant http://127.0.0.1:5005`` serves
``index.html`` (the demo shop, its widget pointed at the assistant's address), ``widget.js``,
``widget.css`` and ``vendor/socket.io.min.js``. Everything is served from this folder: no
CDN, so the page works offline. ``bot run`` starts it next to the Rasa server.
"""

from __future__ import annotations

import argparse
import signal
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, List, Optional
from urllib.parse import urlsplit

from bot.settings import DEFAULT_PAGE_PORT

WEB_DIR = Path(__file__).resolve().parent / "web"
PAGE = "index.html"
ASSISTANT_MARK = "__ASSISTANT_URL__"
DEFAULT_ASSISTANT = "http://127.0.0.1:5005"


def page_origin(port: int) -> str:
    """The origin the shop page is served from (what the browser sends as ``Origin``)."""
    return f"http://127.0.0.1:{port}"


def shop_page(assistant_url: str) -> bytes:
    """index.html with the widget's script tag pointed at the assistant."""
    return (WEB_DIR / PAGE).read_text(encoding="utf-8").replace(
        ASSISTANT_MARK, assistant_url).encode("utf-8")


def content_security_policy(assistant_url: str) -> str:
    """Only our own files, and sockets to the assistant (defence in depth for the demo page;
    the widget itself never turns text into HTML)."""
    parts = urlsplit(assistant_url)
    socket = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"
    return (f"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src 'self' {parts.scheme}://{parts.netloc} {socket}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")


class ShopPageHandler(SimpleHTTPRequestHandler):
    """Static files from edge/web/; no directory listings; the page filled in."""

    def __init__(self, *args: Any, assistant_url: str, **kwargs: Any) -> None:
        self.assistant_url = assistant_url
        super().__init__(*args, directory=str(WEB_DIR), **kwargs)

    def do_GET(self) -> None:
        if self._is_page():
            self._send_page(with_body=True)
        else:
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._is_page():
            self._send_page(with_body=False)
        else:
            super().do_HEAD()

    def _is_page(self) -> bool:
        return urlsplit(self.path).path in ("/", f"/{PAGE}")

    def _send_page(self, *, with_body: bool) -> None:
        body = shop_page(self.assistant_url)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", content_security_policy(self.assistant_url))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def list_directory(self, path: Any) -> None:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(port: int, assistant_url: str) -> ThreadingHTTPServer:
    """The page server on 127.0.0.1:``port`` (not yet serving)."""
    handler = partial(ShopPageHandler, assistant_url=assistant_url.rstrip("/"))
    return ThreadingHTTPServer(("127.0.0.1", port), handler)


def _interrupt(*_: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PAGE_PORT)
    parser.add_argument("--assistant", default=DEFAULT_ASSISTANT,
                        help="the Rasa server's address, as the browser reaches it")
    args = parser.parse_args(argv)
    server = make_server(args.port, args.assistant)
    # Stop on SIGINT (Servers.stop) and SIGTERM, even when started with SIGINT ignored
    # (as a background job of a shell).
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _interrupt)
    try:
        print(f"Shop page on {page_origin(args.port)}/", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
