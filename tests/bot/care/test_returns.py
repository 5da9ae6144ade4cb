"""A faulty product comes back: policy, return case, maker case, alternative, report."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from bot.care.models import Order, OrderLine
from bot.care.returns import (
    ReturnPolicy,
    alternative,
    assess,
    cases_report,
    format_cases_report,
    purchases,
    record_return,
)
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope

TODAY = date(2026, 11, 23)


def add_order(url: str, number: str, days_ago: int, sku: str = "POLE-T",
              name: str = "Trail poles twist lock", client_id=None) -> None:
    with session_scope(url) as session:
        order = Order(number=number, placed_on=TODAY - timedelta(days=days_ago),
                      client_id=client_id)
        order.lines.append(OrderLine(sku=sku, name=name, quantity=1, unit_price_cents=3900))
        session.add(order)


def test_poles_failing_in_dust_months_later(small_db: str) -> None:
    add_order(small_db, "A1001", days_ago=120)
    with session_scope(small_db) as session:
        [purchase] = purchases(session, order_number="a1001 ")
        verdict = assess(purchase, today=TODAY, faulty=True)
        assert verdict.accepted and verdict.refund_cents == 3900
        assert "120 days after purchase" in verdict.reason
        catalogue = SqlCatalogue(session)
        product = catalogue.by_sku(purchase.sku)
        case = record_return(session, purchase, product, defect="the locks kept slipping",
                             feature="lock", conditions=["dust"], assessment=verdict,
                             now=datetime(2026, 11, 23, 10))
        assert case.maker_case is not None and case.outcome == "refunded"
        assert alternative(catalogue, product, "lock").sku == "POLE-L"
    with session_scope(small_db) as session:
        [again] = purchases(session, order_number="A1001")
        assert not assess(again, today=TODAY, faulty=True).accepted  # already returned


def test_same_product_and_defect_adds_to_the_open_case(small_db: str) -> None:
    add_order(small_db, "A1", 10)
    add_order(small_db, "A2", 20)
    with session_scope(small_db) as session:
        product = SqlCatalogue(session).by_sku("POLE-T")
        for number, conditions in (("A1", ["dust"]), ("A2", ["dust", "wet"])):
            [p] = purchases(session, order_number=number)
            record_return(session, p, product, defect="slips", feature="lock",
                          conditions=conditions, assessment=assess(p, today=TODAY, faulty=True),
                          now=datetime(2026, 11, 23))
        [summary] = cases_report(session)
    assert summary.returns == 2 and summary.conditions == {"dust": 2, "wet": 1}
    assert summary.brand == "Leki" and summary.feature == "lock"


@pytest.mark.parametrize("days, faulty, accepted", [
    (364, True, True), (366, True, False), (29, False, True), (31, False, False)])
def test_return_windows(small_db: str, days: int, faulty: bool, accepted: bool) -> None:
    add_order(small_db, "W1", days)
    with session_scope(small_db) as session:
        [p] = purchases(session, order_number="W1")
        assert assess(p, today=TODAY, faulty=faulty, policy=ReturnPolicy()).accepted is accepted


def test_unknown_order_has_no_purchases(small_db: str) -> None:
    with session_scope(small_db) as session:
        assert purchases(session, order_number="NOPE") == []
        assert purchases(session) == []


def test_cases_report_groups_by_product_then_defect(small_db: str) -> None:
    for number in ("A1", "A2", "A3"):
        add_order(small_db, number, 10)
    add_order(small_db, "B1", 10, sku="POLE-L", name="Trail poles lever lock")
    with session_scope(small_db) as session:
        catalogue = SqlCatalogue(session)
        for number, feature, words, conditions in (
                ("A1", "lock", "twist locks slip in the dust", ["dust"]),
                ("A2", "lock", "won't lock after a wet week", ["wet"]),
                ("A3", "material", "the tip snapped", []),
                ("B1", "lock", "lever came loose", ["load"])):
            [p] = purchases(session, order_number=number)
            record_return(session, p, catalogue.by_sku(p.sku), defect=words, feature=feature,
                          conditions=conditions, assessment=assess(p, today=TODAY, faulty=True),
                          now=datetime(2026, 11, 23))
        text = format_cases_report(cases_report(session))
    lines = text.splitlines()
    assert lines[0] == "Maker cases: 2 product(s), 4 return(s)"
    twist = lines.index("POLE-T  Trail poles twist lock  (Leki)")
    lever = lines.index("POLE-L  Trail poles lever lock  (Black Diamond)")
    assert twist < lever  # the product with most returns first
    assert lines[twist + 1] == ("  lock: 2 return(s), open since 2026-11-23; "
                                "conditions: dust 1, wet 1")
    assert lines[twist + 2] == '    - "twist locks slip in the dust"'
    assert "  material: 1 return(s), open since 2026-11-23; conditions: not said" in lines


def test_cases_report_when_there_are_none(small_db: str) -> None:
    with session_scope(small_db) as session:
        assert format_cases_report(cases_report(session)) == "No maker cases yet."
