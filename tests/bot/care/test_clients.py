"""Remembered clients: consent first, context when they return, forgotten on request."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from bot.care.clients import (
    by_code,
    client_for,
    forget,
    link,
    new_code,
    record_project,
    remember,
    view,
)
from bot.care.codes import ALPHABET, CODE_LENGTH
from bot.care.handoff import request_handoff
from bot.care.models import Client, ClientLink, Handoff, Order, OrderLine, Project
from bot.db import session_scope

NOW = datetime(2026, 11, 23, 10)


def test_nothing_is_remembered_without_consent(small_db: str) -> None:
    with session_scope(small_db) as session:
        assert client_for(session, "web-1") is None
        assert session.scalar(select(func.count()).select_from(Client)) == 0


def test_a_remembered_client_returns_with_context(small_db: str) -> None:
    with session_scope(small_db) as session:
        client = remember(session, "web-1", name="Sam", now=NOW)
        record_project(session, client, job="hang_picture", answers={"wall": "brick"},
                       skus=["BIT-M6", "PLUG-R6"], on=date(2026, 10, 1))
        code = client.code
    with session_scope(small_db) as session:
        returning = by_code(session, code)
        assert client_for(session, "tablet-7") is None  # finding a code links nothing
        link(session, returning, "tablet-7")
        seen = view(session, returning)
        assert seen.name == "Sam" and seen.last_project == "hang_picture"
        assert "BIT-M6" in seen.owned_skus
        assert client_for(session, "tablet-7").id == returning.id


def test_forget_me_deletes_every_personal_row(small_db: str) -> None:
    with session_scope(small_db) as session:
        client = remember(session, "web-1", name="Sam", now=NOW)
        link(session, client, "web-2")
        record_project(session, client, job="hang_picture", answers={}, skus=[], on=NOW.date())
        order = Order(number="F1", placed_on=NOW.date(), client_id=client.id)
        order.lines.append(OrderLine(sku="BIT-M6", name="bit", quantity=1, unit_price_cents=349))
        session.add(order)
        request_handoff(session, "web-1", reason="asked", summary={"x": 1}, now=NOW)
    with session_scope(small_db) as session:
        senders = forget(session, client_for(session, "web-1"))
    assert sorted(senders) == ["web-1", "web-2"]
    with session_scope(small_db) as session:
        for model in (Client, ClientLink, Project, Handoff):
            assert session.scalar(select(func.count()).select_from(model)) == 0, model
        assert session.scalar(select(Order.client_id).where(Order.number == "F1")) is None


def test_new_clients_get_long_codes(small_db: str) -> None:
    with session_scope(small_db) as session:
        code = remember(session, "web-1", name="Sam", now=NOW).code
        assert len(code) == CODE_LENGTH and set(code) <= set(ALPHABET)
        assert new_code(session) != code
        assert by_code(session, code.lower()) is None  # codes are looked up normalised
