"""Secrets: the API token comes from the environment or var/secrets.env (made 0600,
ignored by git), is never in a tracked file, and never on a process's command line."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest

from bot.serve import load_secrets
from tests.conftest import ROOT, LiveServers

# What secrets.token_urlsafe(32) makes, and assignments of likely secret names.
TOKEN_SHAPE = re.compile(rb"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
ASSIGNED = re.compile(rb"(?i)(rasa_token|auth[_-]?token|jwt[_-]?secret|password|api[_-]?key)"
                      rb"\s*[:=]\s*['\"]?[A-Za-z0-9_\-+/]{16,}")


def tracked_files() -> list:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True)
    return [ROOT / name for name in out.stdout.decode().split("\0") if name]


def test_no_tracked_file_holds_a_token_or_a_secret_assignment(live_servers: LiveServers) -> None:
    found = []
    for path in tracked_files():
        if not path.is_file() or path.suffix in (".gz", ".png", ".woff2"):
            continue
        data = path.read_bytes()
        if live_servers.token.encode() in data:
            found.append((str(path), "the running token"))
        found += [(str(path), m.group(0)[:60]) for m in ASSIGNED.finditer(data)]
        if path.suffix in (".env", ".yml", ".yaml", ".cfg", ".ini", ".toml", ".json"):
            found += [(str(path), m.group(0)) for m in TOKEN_SHAPE.finditer(data)]
    assert found == []


def test_the_secrets_file_is_ignored_by_git() -> None:
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/secrets.env"], cwd=ROOT)
    assert ignored.returncode == 0


def test_a_new_secrets_file_is_private_and_holds_a_strong_token(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASA_TOKEN", raising=False)
    token = load_secrets(tmp_path)["RASA_TOKEN"]
    mode = stat.S_IMODE((tmp_path / "var" / "secrets.env").stat().st_mode)
    assert mode == 0o600
    assert len(token) >= 32 and load_secrets(tmp_path)["RASA_TOKEN"] == token


def test_the_environment_wins_over_the_file(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASA_TOKEN", "from-the-environment-" + "x" * 20)
    assert load_secrets(tmp_path)["RASA_TOKEN"].startswith("from-the-environment-")


def test_the_token_is_not_on_any_server_command_line(live_servers: LiveServers) -> None:
    # /proc/<pid>/cmdline is readable by every local user (`ps aux` shows it).
    for process in live_servers.servers.processes:
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert live_servers.token.encode() not in cmdline, process.args[:3]
