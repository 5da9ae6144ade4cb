"""`bot security report`, `lift` and `sign` from the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.care.limits import Limits, SqlLimitStore
from bot.care.recognition import Recognition
from bot.cli import main
from bot.db import session_scope
from bot.signing import sign_sender
from bot.store import init_database


@pytest.fixture
def shop_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    init_database(url)
    return url


def test_report_and_lift(shop_db: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["security", "report"]) == 0
    assert "Failed recognitions since" in capsys.readouterr().out
    with session_scope(shop_db) as session:
        recognition = Recognition(session, SqlLimitStore(session), Limits(base_delay_s=0.0))
        for _ in range(3):
            recognition.verify("7KQXM4PARW", "Sam", sender_id="web-1", address="203.0.113.7",
                               now=datetime.now())
    assert main(["security", "report", "--hours", "1"]) == 0
    assert "  conversation web-1: since" in capsys.readouterr().out
    assert main(["security", "lift", "--conversation", "web-1"]) == 0
    assert "had 3 failure(s) and was locked out" in capsys.readouterr().out
    assert main(["security", "lift", "--address", "198.51.100.1"]) == 0
    assert "nothing to lift" in capsys.readouterr().out
    assert main(["security", "lift", "--code", "not-a-code"]) == 1
    assert main(["security", "report"]) == 0
    out = capsys.readouterr().out
    assert "Locked out (only a person lifts these: bot security lift --KIND VALUE): none" in out
    assert "lift_lock: failures 3, limit conversation, was_locked True" in out


def test_sign(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("BOT_SENDER_SECRET", "x" * 32)
    assert main(["security", "sign", "shopper-1"]) == 0
    assert capsys.readouterr().out.strip() == sign_sender("x" * 32, "shopper-1")
    monkeypatch.delenv("BOT_SENDER_SECRET")
    assert main(["security", "sign", "shopper-1"]) == 1
