"""`bot staff add` and `bot staff list` from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.db import session_scope
from bot.staff.accounts import find_account


def test_add_and_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["staff", "add", "Sam Taylor", "--role", "attendant", "--password-stdin"]) == 0
    assert "Added Sam Taylor (attendant)." in capsys.readouterr().out
    with session_scope(url) as session:
        assert find_account(session, "Sam Taylor").password_hash.startswith("$argon2id$")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["staff", "add", "Alex", "--role", "manager", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert main(["staff", "list"]) == 0
    assert capsys.readouterr().out == "Sam Taylor\tattendant\n"
