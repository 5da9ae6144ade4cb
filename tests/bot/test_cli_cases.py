"""`bot cases report` and `bot db init --demo` from the command line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.care.models import Order
from bot.care.returns import assess, purchases, record_return
from bot.catalogue.repository import SqlCatalogue
from bot.cli import main
from bot.db import session_scope


def test_cases_report_prints_the_cases_for_the_buying_team(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    monkeypatch.setenv("BOT_DATABASE_URL", url)
    assert main(["db", "init", "--demo"]) == 0
    assert main(["cases", "report"]) == 0
    assert capsys.readouterr().out.strip().endswith("No maker cases yet.")
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(Order)) >= 5
        [poles] = [p for p in purchases(session, order_number="A1001") if p.sku == "KOMP-TWIST"]
        record_return(session, poles, SqlCatalogue(session).by_sku(poles.sku),
                      defect="the twist locks slipped on dusty trails", feature="lock",
                      conditions=["dust"], now=datetime.now(),
                      assessment=assess(poles, today=date.today(), faulty=True))
    assert main(["cases", "report"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Maker cases: 1 product(s), 1 return(s)"
    assert "KOMP-TWIST  Komperdell twist-lock trekking poles  (Komperdell)" in out
    assert any(line.startswith("  lock: 1 return(s), open since") and line.endswith("dust 1")
               for line in out)
    assert '    - "the twist locks slipped on dusty trails"' in out
    assert main(["db", "init", "--demo"]) == 0  # again: the orders and the case stay
    with session_scope(url) as session:
        assert sum(p.returned for p in purchases(session, order_number="A1001")) == 1
