"""Train the model when needed and run the servers, as subprocesses (no Rasa imports).

- ``ensure_model(root)``: ``models/model-<fingerprint>.tar.gz``, trained only when the
  training data (config.yml, domain.yml, data/) changed.
- ``load_secrets(root)``: the API token and the staff's cookie secret, from the environment
  or ``var/secrets.env`` (created 0600 with random ones; never committed).
- ``start_servers(...)``: the action server (``python -m actions``), the Rasa server
  (REST, socket.io and tablet channels, the HTTP API behind the token), the shop page with
  the chat widget (``python -m edge.shop_page``) and the staff server with the tablet and
  the desk (``python -m edge.staff``), on 127.0.0.1, ready when this returns;
  ``Servers.stop()`` ends them. Rasa's CORS and the widget channel's origin check admit
  the shop page's origin (and those listed in credentials.yml), never ``*``.
- ``run(root)``: what ``bot run`` does; ``chat(url, sender)``: a terminal chat over REST.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot import settings

TRAINING_INPUTS = ("config.yml", "domain.yml")
READY_TIMEOUT_S = 240
WIDGET_CHANNEL = "edge.widget_channel.WidgetSocketIOInput"


def _bin(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def model_fingerprint(root: Path) -> str:
    """A digest of everything training reads; it names the model file."""
    digest = hashlib.sha256()
    files = [root / f for f in TRAINING_INPUTS] + sorted((root / "data").rglob("*"))
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def ensure_model(root: Path, *, force: bool = False) -> Path:
    """The trained model for the current training data, training it if missing."""
    name = f"model-{model_fingerprint(root)}"
    model = root / "models" / f"{name}.tar.gz"
    if model.exists() and not force:
        return model
    print(f"Training the model ({name})...", flush=True)
    started = time.monotonic()
    subprocess.run([_bin("rasa"), "train", "--fixed-model-name", name, "--out",
                    str(root / "models"), "--quiet"], cwd=root, check=True,
                   env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    print(f"Trained in {time.monotonic() - started:.0f} s.", flush=True)
    _prune_models(root / "models", keep=model)
    return model


def _prune_models(folder: Path, *, keep: Path, newest: int = 3) -> None:
    # Keep a few recent models, not just the current one: another process (a test run on
    # other training data) may still be loading one of them.
    models = sorted(folder.glob("model-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in models[newest:]:
        if old != keep:
            old.unlink(missing_ok=True)


SECRET_NAMES = ("RASA_TOKEN", "BOT_STAFF_SECRET")
"""Rasa's HTTP API token, and the secret that signs the staff's cookies (edge/staff)."""


def load_secrets(root: Path) -> Dict[str, str]:
    """Secrets from the environment, else from var/secrets.env (made 0600 on first use; a
    secret a newer version needs is added to it)."""
    path = root / "var" / "secrets.env"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    values = dict(line.split("=", 1) for line in path.read_text().split("\n") if "=" in line)
    missing = [name for name in SECRET_NAMES if not values.get(name)]
    if missing:
        with open(path, "a") as handle:
            for name in missing:
                values[name] = secrets.token_urlsafe(32)
                handle.write(f"{name}={values[name]}\n")
    for name in SECRET_NAMES:
        if os.environ.get(name):
            values[name] = os.environ[name]
    return values


@dataclass
class Servers:
    """The running action server and Rasa server."""

    rasa_url: str
    actions_url: str
    token: str
    page_url: str = ""
    staff_url: str = ""
    processes: List["subprocess.Popen[bytes]"] = field(default_factory=list)
    logs: List[Path] = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def __enter__(self) -> "Servers":
        return self

    def __exit__(self, *_: Any) -> None:
        self.stop()


def write_endpoints(root: Path, run_dir: Path, *, actions_port: int, tracker_db: Path) -> Path:
    """endpoints.yml with this run's action server port and tracker database."""
    endpoints = yaml.safe_load((root / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{actions_port}/webhook"
    endpoints["tracker_store"]["db"] = str(tracker_db)
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / f"endpoints-{actions_port}.yml"
    path.write_text(yaml.safe_dump(endpoints))
    return path


def write_credentials(root: Path, run_dir: Path, *, page_origin: str,
                      channels: Optional[Dict[str, Dict[str, Any]]] = None,
                      name: Optional[str] = None) -> Tuple[Path, List[str]]:
    """credentials.yml whose widget channel also admits the shop page's origin, with
    ``channels``' settings laid over each named channel's; and the origins it admits
    (Rasa's ``--cors`` gets the same)."""
    credentials = yaml.safe_load((root / "credentials.yml").read_text())
    for channel, settings_ in (channels or {}).items():
        credentials[channel] = {**(credentials.get(channel) or {}), **settings_}
    widget = credentials.get(WIDGET_CHANNEL) or {}
    key = settings.WIDGET_ORIGINS_KEY
    origins = list(dict.fromkeys([*(widget.get(key) or []), page_origin]))
    credentials[WIDGET_CHANNEL] = {**widget, key: origins}
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / f"credentials-{name or page_origin.rsplit(':', 1)[-1]}.yml"
    path.write_text(yaml.safe_dump(credentials))
    return path, origins


def start_servers(root: Path, *, model: Path, rasa_port: int = 5005, actions_port: int = 5055,
                  page_port: int = settings.DEFAULT_PAGE_PORT, env: Optional[Dict[str, str]] = None,
                  tracker_db: Optional[Path] = None, run_dir: Optional[Path] = None,
                  channels: Optional[Dict[str, Dict[str, Any]]] = None,
                  page: bool = True, staff_port: Optional[int] = None) -> Servers:
    """Start the servers on 127.0.0.1 and return once all answer: the action server, the
    Rasa server, the shop page and the staff server (tablet and desk: edge/staff).

    Args:
        channels: settings laid over credentials.yml's, by channel (trusted proxies, signed
            senders).
        page: also serve the shop page and the staff server (a second Rasa server for a
            test does without).
        staff_port: the staff server's port (default ``BOT_STAFF_PORT`` or 8090).
    """
    run_dir = run_dir or root / "var" / "run"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **(env or {})}
    keys = load_secrets(root)
    token = keys["RASA_TOKEN"]
    tracker_db = tracker_db or root / "var" / "tracker.db"
    endpoints = write_endpoints(root, run_dir, actions_port=actions_port, tracker_db=tracker_db)
    page_url = f"http://127.0.0.1:{page_port}"
    credentials, origins = write_credentials(root, run_dir, page_origin=page_url,
                                             channels=channels, name=str(rasa_port))
    staff_port = staff_port or settings.staff_port()
    servers = Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}", token,
                      page_url, f"http://127.0.0.1:{staff_port}")
    ports = {"actions": actions_port, "rasa": rasa_port, "page": page_port, "staff": staff_port}
    commands = {
        "actions": [sys.executable, "-m", "actions", "--port", str(actions_port)],
        # The token goes in the environment, not on the command line `ps` shows.
        "rasa": [sys.executable, "-m", "edge.rasa_server", "--enable-api", "--model",
                 str(model), "--interface", "127.0.0.1", "--port", str(rasa_port),
                 "--endpoints", str(endpoints), "--credentials", str(credentials),
                 "--cors", *origins],
        "page": [sys.executable, "-m", "edge.shop_page", "--port", str(page_port),
                 "--assistant", servers.rasa_url],
        "staff": [sys.executable, "-m", "edge.staff", "--port", str(staff_port),
                  "--assistant", servers.rasa_url, "--model", str(model)],
    }
    secret_env = {"rasa": {"RASA_TOKEN": token},
                  "staff": {"RASA_TOKEN": token, "BOT_STAFF_SECRET": keys["BOT_STAFF_SECRET"],
                            # The trainer's replays read the conversations Rasa stores.
                            "BOT_TRACKER_URL": f"sqlite:///{tracker_db}"}}
    if not page:
        del commands["page"], commands["staff"]
        servers.page_url = servers.staff_url = ""
    for name, command in commands.items():
        log = run_dir / f"{name}-{ports[name]}.log"
        handle = open(log, "w")
        own_env = {**env, **secret_env.get(name, {})}
        servers.processes.append(subprocess.Popen(command, cwd=root, env=own_env, stdout=handle,
                                                  stderr=subprocess.STDOUT))
        servers.logs.append(log)
    try:
        _wait_ready(servers, f"{servers.actions_url}/health", 0)
        _wait_ready(servers, f"{servers.rasa_url}/status?token={token}", 1)
        if page:
            _wait_ready(servers, f"{servers.page_url}/", 2)
            _wait_ready(servers, f"{servers.staff_url}/login", 3)
    except Exception:
        servers.stop()
        raise
    return servers


def _wait_ready(servers: Servers, url: str, index: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if servers.processes[index].poll() is not None:
            tail = servers.logs[index].read_text()[-3000:]
            raise RuntimeError(f"a server stopped while starting; its log ends:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {READY_TIMEOUT_S} s; see {servers.logs[index]}")


def say(rasa_url: str, sender: str, message: str, timeout: float = 30) -> List[Dict[str, Any]]:
    """One turn over the REST channel."""
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": message}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        replies: List[Dict[str, Any]] = json.loads(response.read().decode())
    return replies


def chat(url: str, sender: str) -> None:
    """A terminal chat over the REST channel; a number clicks the button with that number."""
    print("Type a message (a number clicks a button; Ctrl-D to leave).")
    buttons: List[Dict[str, str]] = []
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            print()
            return
        if text.isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1]["payload"]
        try:
            replies = say(url, sender, text)
        except (urllib.error.URLError, OSError) as error:
            print(f"(the assistant cannot be reached: {error})")
            continue
        buttons = _show(replies)


def _show(replies: List[Dict[str, Any]]) -> List[Dict[str, str]]:
    buttons: List[Dict[str, str]] = []
    for reply in replies:
        if reply.get("text"):
            print(f"bot> {reply['text']}")
        for button in reply.get("buttons") or []:
            buttons.append(button)
            print(f"  [{len(buttons)}] {button['title']}")
    return buttons


def run(root: Path) -> int:
    """Train if needed, start the servers, then chat (or wait when not on a terminal)."""
    model = ensure_model(root)
    print("Starting the action server, the Rasa server, the shop page and the staff server "
          "(about a minute)...", flush=True)
    with start_servers(root, model=model, page_port=settings.page_port()) as servers:
        print(f"\nThe assistant is ready.\n  REST: POST {servers.rasa_url}/webhooks/rest/webhook"
              f"\n  shop page with the chat widget: {servers.page_url}/"
              f"\n  staff: the tablet {servers.staff_url}/tablet, the desk {servers.staff_url}/desk"
              f" (accounts: bot staff add NAME --role attendant)"
              f"\n  HTTP API token: in var/secrets.env (or `bot token`)\n  logs: var/run/\n")
        try:
            if sys.stdin.isatty():
                chat(servers.rasa_url, f"terminal-{secrets.token_hex(4)}")
            else:
                while all(p.poll() is None for p in servers.processes):
                    time.sleep(1)
        except KeyboardInterrupt:
            pass
    return 0
