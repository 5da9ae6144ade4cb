"""The widget's socket.io channel: the origins it admits, and one event per message with a
payload. The last test asks the live Rasa server itself."""

from __future__ import annotations

import urllib.error
import urllib.request
from types import SimpleNamespace
from typing import Any, Dict, List, Optional, Tuple

import pytest
import websockets

from edge.widget_channel import WidgetSocketIOInput, WidgetSocketIOOutput, allowed_origins

PAGE = "http://127.0.0.1:8080"


class FakeSocketServer:
    """Records what the output channel emits."""

    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Any, Optional[str]]] = []

    async def emit(self, event: str, data: Any = None, room: Optional[str] = None) -> None:
        self.emitted.append((event, data, room))


BUNDLE = {"type": "bundle", "job_name": "hang a picture or mirror", "items": [], "total": 4.5}


async def test_a_message_with_a_payload_is_one_event_with_text_buttons_and_payload() -> None:
    sio = FakeSocketServer()
    await WidgetSocketIOOutput(sio, "bot_uttered").send_response("s1", {
        "text": "To hang a picture:\n- 4 x plugs", "custom": BUNDLE,
        "buttons": [{"title": "Take all", "payload": "/take_all"}]})
    assert sio.emitted == [("bot_uttered", {
        "custom": BUNDLE, "text": "To hang a picture:\n- 4 x plugs",
        "quick_replies": [{"content_type": "text", "title": "Take all", "payload": "/take_all"}],
    }, "s1")]


async def test_a_payload_alone_arrives_under_custom() -> None:
    sio = FakeSocketServer()
    await WidgetSocketIOOutput(sio, "bot_uttered").send_custom_json("s1", BUNDLE)
    assert sio.emitted == [("bot_uttered", {"custom": BUNDLE}, "s1")]


async def test_plain_text_is_sent_as_rasa_sends_it() -> None:
    sio = FakeSocketServer()
    await WidgetSocketIOOutput(sio, "bot_uttered").send_response("s1", {"text": "Hello.\n\nHow can I help?"})
    assert [data for _, data, _ in sio.emitted] == [{"text": "Hello."}, {"text": "How can I help?"}]


@pytest.mark.parametrize("given, admitted", [
    (PAGE, [PAGE]),
    ([PAGE + "/", "https://shop.example"], [PAGE, "https://shop.example"]),
])
def test_origins_from_credentials(given: Any, admitted: List[str]) -> None:
    assert allowed_origins(given) == admitted


@pytest.mark.parametrize("given", [None, [], "*", [PAGE, "*"], [""], [8080]])
def test_no_origin_list_or_a_wildcard_is_refused(given: Any) -> None:
    with pytest.raises(ValueError, match="cors_allowed_origins"):
        allowed_origins(given)


def test_the_socket_server_checks_the_configured_origins() -> None:
    channel = WidgetSocketIOInput.from_credentials({
        "session_persistence": True, "metadata_key": "customData", "cors_allowed_origins": [PAGE]})

    async def on_new_message(_: Any) -> None:
        return None

    channel.blueprint(on_new_message)
    assert channel.sio is not None and channel.sio.eio.cors_allowed_origins == [PAGE]
    assert channel.session_persistence and channel.metadata_key == "customData"


async def test_a_shoppers_message_is_cleaned_and_answered_through_the_widget_output() -> None:
    received: List[Any] = []

    async def on_new_message(message: Any) -> None:
        received.append(message)

    channel = WidgetSocketIOInput.from_credentials({
        "session_persistence": True, "metadata_key": "customData", "cors_allowed_origins": [PAGE]})
    channel.blueprint(on_new_message)
    assert channel.sio is not None
    user_uttered = channel.sio.handlers["/"]["user_uttered"]
    await user_uttered("sid-1", {"message": "a 10mm\x00 drill?\n\n", "session_id": "shopper-1",
                                 "customData": {}})
    assert [(m.text, m.sender_id) for m in received] == [("a 10mm drill?", "shopper-1")]
    assert isinstance(received[0].output_channel, WidgetSocketIOOutput)


@pytest.mark.parametrize("custom_data, trusted, forwarded, address", [
    ({}, [], None, "203.0.113.9"),
    ({"source_address": "10.9.9.9", "page": "/"}, [], "198.51.100.1", "203.0.113.9"),
    ('{"page": "/"}', ["203.0.113.9"], "198.51.100.1", "198.51.100.1"),
    ("not json", [], None, "203.0.113.9"),
])
async def test_the_shoppers_address_goes_into_the_metadata(custom_data: Any, trusted: List[str],
                                                           forwarded: Optional[str],
                                                           address: str) -> None:
    received: List[Any] = []

    async def on_new_message(message: Any) -> None:
        received.append(message)

    channel = WidgetSocketIOInput.from_credentials({
        "session_persistence": True, "metadata_key": "customData", "cors_allowed_origins": [PAGE],
        "trusted_proxies": trusted})
    channel.blueprint(on_new_message)
    assert channel.sio is not None
    environ = {"REMOTE_ADDR": "127.0.0.1", "sanic.request": SimpleNamespace(ip="203.0.113.9")}
    if forwarded:
        environ["HTTP_X_FORWARDED_FOR"] = forwarded
    channel.sio.get_environ = lambda sid, namespace=None: environ  # type: ignore[assignment]
    await channel.sio.handlers["/"]["user_uttered"](
        "sid-1", {"message": "hi", "session_id": "shopper-1", "customData": custom_data})
    assert received[0].metadata["source_address"] == address
    assert received[0].metadata.get("page", "/") == "/"


def polling_status(rasa_url: str, headers: Dict[str, str]) -> int:
    request = urllib.request.Request(f"{rasa_url}/socket.io/?EIO=4&transport=polling",
                                     headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.e2e
async def test_the_live_server_refuses_a_foreign_origin(live_servers: Any) -> None:
    socket_url = live_servers.rasa_url.replace("http://", "ws://") + \
        "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websockets.exceptions.InvalidStatusCode) as refused:
        async with websockets.connect(socket_url, origin="http://foreign.example"):
            pass
    assert refused.value.status_code == 400
    assert polling_status(live_servers.rasa_url, {"Origin": "http://foreign.example"}) == 400

    async with websockets.connect(socket_url, origin=live_servers.page_url) as socket:
        assert (await socket.recv()).startswith("0{")  # engine.io's open packet
    assert polling_status(live_servers.rasa_url, {"Origin": live_servers.page_url}) == 200
