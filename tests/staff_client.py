"""A member of staff's browser, without the browser: a cookie jar and the staff server's
API over HTTP, as any client could use it (redirects are not followed, so tests see them)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import Cookie, CookieJar
from typing import Any, Dict, Optional, Tuple

Answer = Tuple[int, Dict[str, str], Any]
"""Status, headers, and the body (JSON decoded when it is JSON)."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class StaffClient:
    """One browser profile on the staff server."""

    def __init__(self, base: str, headers: Optional[Dict[str, str]] = None) -> None:
        self.base = base.rstrip("/")
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  _NoRedirects())
        self.csrf = ""
        self.headers = dict(headers or {})  # sent with every request (X-Forwarded-For, say)

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[Dict[str, str]] = None) -> Answer:
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={**self.headers, **(headers or {})})
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status, dict(answer.headers), _decode(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), _decode(error.read())

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, body: Any = None, *, csrf: bool = True,
             origin: Optional[str] = None) -> Answer:
        headers = {"Content-Type": "application/json"}
        if csrf:
            headers["X-CSRF-Token"] = self.csrf
        if origin:
            headers["Origin"] = origin
        data = None if body is None else json.dumps(body).encode()
        return self.request("POST", path, data, headers)

    def sign_in(self, name: str, password: str, next_path: str = "") -> Answer:
        """The sign-in form, filled in and sent, as a browser would."""
        _, _, page = self.get("/login")
        token = re.search(r'name="login_token" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"name": name, "password": password,
                                       "login_token": token, "next": next_path}).encode()
        answer = self.request("POST", "/login", form, {
            "Content-Type": "application/x-www-form-urlencoded", "Origin": self.base})
        if answer[0] == 303:
            self.csrf = self.get("/api/me")[2]["csrf"]
        return answer

    def set_cookie(self, name: str, value: str) -> None:
        host = urllib.parse.urlsplit(self.base).hostname or ""
        self.jar.set_cookie(Cookie(0, name, value, None, False, host, False, False, "/", True,
                                   False, None, False, None, None, {}))

    def on(self, base: str) -> "StaffClient":
        """The same browser profile (cookies, CSRF token) on another staff server of the
        same database: a second server behind a balancer, say."""
        other = StaffClient(base)
        other.jar, other.csrf = self.jar, self.csrf
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                   _NoRedirects())
        return other

    def cookie(self, name: str) -> Optional[str]:
        return next((c.value for c in self.jar if c.name == name), None)


def _decode(raw: bytes) -> Any:
    text = raw.decode(errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text
