"""The assistant as the staff server reaches it: Rasa's tablet channel and its HTTP API
(behind the token), over one aiohttp session.

- ``tablet_turn``: a tablet's words or tap, answered with the tablet payload.
- ``pause`` / ``resume``: Rasa's own ``ConversationPaused`` / ``ConversationResumed`` events:
  while paused, Rasa records the shopper's messages and runs no action.
- ``say``: a message to the shopper's widget, appended as the bot's utterance and sent
  through the socket.io channel (``output_channel=socketio``). It reaches a widget only
  if its socket is on this Rasa process; with several, the socket.io server needs a shared
  queue (docs/staff.md).
- ``carry_on``: the dialogue's own "carry on" intent, triggered, so the consultation
  resumes where it was and the widget gets its next question.
- ``events``: what the conversation holds, for the desk's view of it.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional
from urllib.parse import quote

import aiohttp

WIDGET_CHANNEL = "socketio"
TABLET_WEBHOOK = "/webhooks/tablet/webhook"
TIMEOUT_S = 15


class AssistantError(Exception):
    """The assistant did not answer as asked (down, slow, or refused); ``status`` is the
    HTTP status, or 0 when it could not be reached."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"the assistant answered {status}: {detail}" if status
                         else f"the assistant cannot be reached: {detail}")
        self.status = status


class Assistant:
    """Rasa, for the staff server."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self._session: Optional[aiohttp.ClientSession] = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT_S))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def tablet_turn(self, sender: str, text: str, act: Optional[Dict[str, Any]],
                          address: str) -> Dict[str, Any]:
        """One tablet turn; the tablet payload it produced."""
        body = {"sender": sender, "message": text, "act": act, "address": address}
        messages = await self._call("POST", TABLET_WEBHOOK, body, auth_header=True)
        found = [m["custom"] for m in messages or [] if isinstance(m.get("custom"), dict)
                 and m["custom"].get("type") == "tablet"]
        if not found:
            raise AssistantError(502, "the turn gave no tablet payload")
        payload: Dict[str, Any] = found[-1]
        return payload

    async def pause(self, sender: str) -> None:
        await self._events(sender, [{"event": "pause"}])

    async def resume(self, sender: str) -> None:
        await self._events(sender, [{"event": "resume"}])

    async def say(self, sender: str, text: str, custom: Dict[str, Any]) -> None:
        """A message to the shopper's widget, kept in the conversation as the bot's."""
        await self._events(sender, [{"event": "bot", "text": text, "data": {"custom": custom},
                                     "metadata": {"staff": custom.get("name")}}],
                           to_widget=True)

    async def carry_on(self, sender: str, intent: str) -> None:
        path = f"/conversations/{quote(sender, safe='')}/trigger_intent"
        await self._call("POST", path, {"name": intent, "entities": {}},
                         params={"output_channel": WIDGET_CHANNEL})

    async def events(self, sender: str) -> List[Dict[str, Any]]:
        path = f"/conversations/{quote(sender, safe='')}/tracker"
        tracker = await self._call("GET", path, None, params={"include_events": "ALL"})
        found: List[Dict[str, Any]] = (tracker or {}).get("events") or []
        return found

    async def _events(self, sender: str, events: List[Dict[str, Any]],
                      to_widget: bool = False) -> None:
        path = f"/conversations/{quote(sender, safe='')}/tracker/events"
        params = {"include_events": "NONE"}
        if to_widget:
            params.update(output_channel=WIDGET_CHANNEL, execute_side_effects="true")
        await self._call("POST", path, events, params=params)

    async def _call(self, method: str, path: str, body: Any, *, auth_header: bool = False,
                    params: Optional[Dict[str, str]] = None) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if auth_header else {}
        query = dict(params or {})
        if not auth_header:
            query["token"] = self.token
        try:
            async with self.session.request(method, self.url + path, json=body, params=query,
                                            headers=headers) as answer:
                if answer.status >= 300:
                    raise AssistantError(answer.status, (await answer.text())[:200])
                return await answer.json(content_type=None)
        except aiohttp.ClientError as error:
            raise AssistantError(0, str(error)) from error
        except asyncio.TimeoutError as error:
            raise AssistantError(0, "timed out") from error
