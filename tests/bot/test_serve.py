"""Starting the servers: the credentials each run writes for the widget's channel."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.serve import WIDGET_CHANNEL, write_credentials
from bot.settings import WIDGET_ORIGINS_KEY as WIDGET_ORIGINS

ROOT = Path(__file__).resolve().parents[2]


def test_the_run_admits_its_shop_page_and_the_configured_origins(tmp_path: Path) -> None:
    configured = yaml.safe_load((ROOT / "credentials.yml").read_text())[WIDGET_CHANNEL]
    path, origins = write_credentials(ROOT, tmp_path, page_origin="http://127.0.0.1:18123")
    assert origins == [*configured[WIDGET_ORIGINS], "http://127.0.0.1:18123"]
    written = yaml.safe_load(path.read_text())[WIDGET_CHANNEL]
    assert written == {**configured, WIDGET_ORIGINS: origins}
    assert "*" not in origins


def test_the_configured_page_origin_is_not_listed_twice(tmp_path: Path) -> None:
    configured = yaml.safe_load((ROOT / "credentials.yml").read_text())[WIDGET_CHANNEL]
    page = configured[WIDGET_ORIGINS][0]
    assert write_credentials(ROOT, tmp_path, page_origin=page)[1] == configured[WIDGET_ORIGINS]


def test_a_run_can_set_channel_options_over_the_file(tmp_path: Path) -> None:
    rest = "edge.rest.ShopRestInput"
    path, _ = write_credentials(ROOT, tmp_path, page_origin="http://127.0.0.1:18123",
                                channels={rest: {"signed_sender": True},
                                          WIDGET_CHANNEL: {"trusted_proxies": ["127.0.0.1"]}},
                                name="second")
    written = yaml.safe_load(path.read_text())
    assert path.name == "credentials-second.yml"
    assert written[rest] == {"trusted_proxies": [], "signed_sender": True}
    assert written[WIDGET_CHANNEL]["trusted_proxies"] == ["127.0.0.1"]
    assert written[WIDGET_CHANNEL][WIDGET_ORIGINS][-1] == "http://127.0.0.1:18123"
