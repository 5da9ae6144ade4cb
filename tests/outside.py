"""Helpers for tests that talk to the live servers from outside, as any HTTP client could:
raw POSTs, reading a conversation through the token-protected API, and fuzzed bodies; and
the answer of a stand-in server of a test's own."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler
from typing import Any, Dict, List, Optional, Tuple

from hypothesis import strategies as st


def post(url: str, body: bytes, timeout: float = 60,
         headers: Optional[Dict[str, str]] = None) -> Tuple[int, Any]:
    """POST ``body`` as JSON; the status and the decoded JSON answer (None when empty)."""
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, _json(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())


def get(url: str, timeout: float = 30) -> Tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, _json(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, _json(error.read())


def answer_json(handler: BaseHTTPRequestHandler, body: Any) -> None:
    """A stand-in server's answer: 200, ``body`` as JSON, its length given (so that a
    keep-alive connection, nginx's to its upstreams, stays usable)."""
    encoded = json.dumps(body).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(encoded)))
    handler.end_headers()
    handler.wfile.write(encoded)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode() or "null")
    except ValueError:
        return raw.decode(errors="replace")


def tracker(rasa_url: str, token: str, sender: str) -> Dict[str, Any]:
    status, answer = get(f"{rasa_url}/conversations/{sender}/tracker?token={token}")
    assert status == 200, answer
    return answer


def user_texts(rasa_url: str, token: str, sender: str) -> List[Optional[str]]:
    """What the shopper said in the stored conversation, in order."""
    return [e.get("text") for e in tracker(rasa_url, token, sender)["events"]
            if e["event"] == "user"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner,
                                                                 max_size=3),
    max_leaves=8)
BODIES = (st.binary(max_size=200)
          | JSON_VALUES.map(lambda v: json.dumps(v).encode())
          | st.fixed_dictionaries({"sender": JSON_VALUES | st.text(min_size=1, max_size=20),
                                   "message": JSON_VALUES | st.text(max_size=200)}).map(
                                       lambda v: json.dumps(v).encode()))
"""Request bodies a fuzzer would send: bytes, any JSON, and near-messages."""
