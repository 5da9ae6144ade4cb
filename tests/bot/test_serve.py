"""Starting the servers: the credentials each run writes for the widget's channel."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
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


def test_without_staff_servers_the_balancer_has_no_staff_part(tmp_path: Path) -> None:
    from bot.replicas import nginx_config

    config = nginx_config(port=18001, rasa_ports=[18002], actions_port=18004,
                          action_ports=[18005], folder=tmp_path, staff_port=18090)
    assert "upstream staff" not in config and "18090" not in config


def test_the_staff_servers_balancer_passes_each_request_on_as_a_staff_server_needs(
        tmp_path: Path) -> None:
    """nginx itself, in front of two stand-ins for staff servers that answer what they
    received: turns taken in turn by each, the browser's Host (its port too, which the
    origin check compares), the caller's address in X-Forwarded-For, a body over the
    Rasa servers' 64 KB."""
    from bot.replicas import nginx_config
    from bot.services import free_port, start_nginx

    stand_ins = [_echo_server(name) for name in ("first", "second")]
    port, staff_port = free_port(), free_port()
    try:
        balancer = start_nginx(tmp_path, nginx_config(
            port=port, rasa_ports=[free_port()], actions_port=free_port(),
            action_ports=[free_port()], folder=tmp_path, staff_port=staff_port,
            staff_ports=[s.server_port for s in stand_ins]), port)
        try:
            heard = [_post(f"http://127.0.0.1:{staff_port}/api/tablet/shoppers/1/turns",
                           b"x" * 200_000, {"X-Forwarded-For": "203.0.113.7"})
                     for _ in range(4)]
        finally:
            balancer.stop()
    finally:
        for stand_in in stand_ins:
            stand_in.shutdown()
    assert [h["server"] for h in heard] == ["first", "second", "first", "second"]
    assert {h["host"] for h in heard} == {f"127.0.0.1:{staff_port}"}
    assert {h["forwarded"] for h in heard} == {"203.0.113.7, 127.0.0.1"}
    assert {h["length"] for h in heard} == {200_000}


def _echo_server(name: str) -> Any:
    """A stand-in for a staff server: answers with its name and what it was sent."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from tests.outside import answer_json

    class Echo(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as nginx's upstream keepalive uses it

        def do_POST(self) -> None:
            length = len(self.rfile.read(int(self.headers["Content-Length"])))
            answer_json(self, {"server": name, "host": self.headers["Host"], "length": length,
                               "forwarded": self.headers["X-Forwarded-For"]})

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _post(url: str, body: bytes, headers: Dict[str, str]) -> Dict[str, Any]:
    from tests.outside import post

    status, answer = post(url, body, timeout=10, headers=headers)
    assert status == 200, answer
    found: Dict[str, Any] = answer
    return found


def test_each_staff_server_trusts_the_balancer_and_only_the_first_posts_hand_offs() -> None:
    from bot.replicas import staff_envs

    env = {"BOT_STAFF_SECRET": "s" * 40, "BOT_HANDOFF_WEBHOOK": "https://desk.example/hook",
           "BOT_HANDOFF_WEBHOOK_SECRET": "w" * 20}
    first, second, third = staff_envs(env, "http://127.0.0.1:8090", 3)
    assert first == {**env, "BOT_STAFF_TRUSTED_PROXIES": "127.0.0.1",
                     "BOT_PUBLIC_URL": "http://127.0.0.1:8090"}
    assert second == third == {"BOT_STAFF_SECRET": "s" * 40,
                               "BOT_STAFF_TRUSTED_PROXIES": "127.0.0.1",
                               "BOT_PUBLIC_URL": "http://127.0.0.1:8090"}
    shop_s = staff_envs({**env, "BOT_PUBLIC_URL": "https://staff.shop.example"}, "x", 1)[0]
    assert shop_s["BOT_PUBLIC_URL"] == "https://staff.shop.example"
    behind_its_own = staff_envs({**env, "BOT_STAFF_TRUSTED_PROXIES": "10.0.0.5"}, "x", 1)[0]
    assert behind_its_own["BOT_STAFF_TRUSTED_PROXIES"] == "127.0.0.1,10.0.0.5"


@pytest.mark.parametrize("arguments, message", [
    (["--replicas", "2", "--staff-servers", "0"], "--staff-servers: must be 1 or more, not 0"),
    (["--replicas", "2", "--action-servers", "two"], "--action-servers: 'two' is not a whole"),
    (["--replicas", "-1"], "--replicas: must be 0 or more, not -1"),
    (["--staff-servers", "2"], "go with --replicas N")])
def test_bot_run_refuses_a_count_of_servers_it_cannot_start_with_a_clear_message(
        arguments: List[str], message: str, capsys: pytest.CaptureFixture) -> None:
    from bot.cli import main

    try:
        status = main(["run", *arguments])
    except SystemExit as stopped:
        status = stopped.code
    assert status == 2
    assert message in capsys.readouterr().err
