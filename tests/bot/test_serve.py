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


# -- the replicated set's configuration (bot/replicas.py) ------------------------------------

def test_the_replicas_endpoints_keep_passwords_in_the_environment(tmp_path: Path) -> None:
    from bot.replicas import redis_settings
    from bot.serve import write_endpoints

    lock = redis_settings("redis://:s3cret@127.0.0.1:6390/2", "shop")
    path = write_endpoints(ROOT, tmp_path, name="replicas", actions_url="http://127.0.0.1:9/webhook",
                           tracker={"dialect": "postgresql", "url": "${BOT_TRACKER_URL}"},
                           lock_store=lock)
    written = yaml.safe_load(path.read_text())
    assert "s3cret" not in path.read_text()
    assert written["lock_store"] == {"type": "edge.lock_store.AtomicRedisLockStore",
                                     "url": "127.0.0.1", "port": 6390, "db": 2,
                                     "key_prefix": "shop", "use_ssl": False,
                                     "password": "${BOT_REDIS_PASSWORD}"}
    assert written["tracker_store"]["type"] == "edge.tracker_store.ForgetfulSQLTrackerStore"
    assert written["tracker_store"]["url"] == "${BOT_TRACKER_URL}"
    assert written["action_endpoint"]["url"] == "http://127.0.0.1:9/webhook"


def test_the_balancer_s_configuration_is_one_nginx_accepts(tmp_path: Path) -> None:
    import subprocess

    from bot.replicas import nginx_config
    from bot.services import nginx_program

    config = nginx_config(port=18001, rasa_ports=[18002, 18003], actions_port=18004,
                          action_ports=[18005, 18006], folder=tmp_path)
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(config)
    checked = subprocess.run([nginx_program(), "-t", "-p", str(tmp_path), "-c",
                              str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert config.count("server 127.0.0.1:18002") == 2  # round-robin and the socket's hash
    assert "hash $remote_addr consistent" in config
