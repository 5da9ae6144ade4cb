"""Today's model, asked over Rasa's HTTP API (``POST /model/parse``, behind the token).

The replay never loads Rasa itself: the running server (``bot run``) reads the message, as
it would for a shopper, without storing anything (``/model/parse`` keeps no conversation).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict

from bot.replay.story_replay import Parsed


class ModelUnavailable(RuntimeError):
    """The Rasa server did not answer; the message says how to start it."""


class RasaParser:
    """Reads messages with the model of the Rasa server at ``url``."""

    def __init__(self, url: str, token: str, timeout: float = 10) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def parse(self, text: str) -> Parsed:
        query = urllib.parse.urlencode({"token": self.token})
        request = urllib.request.Request(
            f"{self.url}/model/parse?{query}", data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer: Dict[str, Any] = json.loads(response.read().decode())
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise ModelUnavailable(f"the Rasa server at {self.url} did not read the message "
                                   f"({error}); is it running (`bot run`)?") from error
        intent = answer.get("intent") or {}
        return Parsed(str(intent.get("name") or ""), float(intent.get("confidence") or 0.0))
