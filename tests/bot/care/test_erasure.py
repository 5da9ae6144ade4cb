"""Forget-me with confirmation for a recognised client, and an audit record of every
deletion that says what and when, never who."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Iterator

import pytest
from sqlalchemy import func, select

from bot.care.clients import link, record_project, remember
from bot.care.desk import CareDesk
from bot.care.erasure import (
    FORGET_CONFIRM,
    FORGET_ME,
    ask_to_forget,
    audit_since,
    forget_and_record,
    inventory,
    kept,
    needs_confirmation,
)
from bot.care.handoff import request_handoff
from bot.care.models import AuditRecord, Client, Order, OrderLine
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope

NOW = datetime(2026, 11, 23, 10)


@pytest.fixture
def desk(small_db: str, small_interpreter) -> Iterator[CareDesk]:
    with session_scope(small_db) as session:
        yield CareDesk(session, current_knowledge(session), SqlCatalogue(session),
                       small_interpreter)


def sam(desk: CareDesk) -> Client:
    """A remembered client on two devices, with a project, an order and a hand-off."""
    client = remember(desk.session, "web-1", name="Sam Taylor", now=NOW)
    record_project(desk.session, client, job="hang_picture", answers={}, skus=["BIT-M6"],
                   on=NOW.date())
    order = Order(number="F1", placed_on=NOW.date(), client_id=client.id)
    order.lines.append(OrderLine(sku="BIT-M6", name="bit", quantity=1, unit_price_cents=349))
    desk.session.add(order)
    desk.session.flush()
    link(desk.session, client, "tablet-1")
    request_handoff(desk.session, "tablet-1", reason="asked", summary={"said": "I'm Sam"}, now=NOW)
    return client


def test_only_a_recognised_client_is_asked_to_confirm(desk: CareDesk) -> None:
    assert not needs_confirmation(desk.session, "tablet-1")
    sam(desk)
    assert needs_confirmation(desk.session, "tablet-1")
    state, said = ask_to_forget({"pending": None, "fault": None})
    assert state["pending"] == FORGET_CONFIRM and "can't be undone" in said[0].text
    assert [b["payload"] for b in said[0].buttons] == ["/affirm", "/deny"]
    state, said = kept(state)
    assert state["pending"] is None and "kept everything" in said[0].text
    assert desk.session.scalar(select(func.count()).select_from(Client)) == 1


def test_a_deletion_is_audited_in_counts_only(desk: CareDesk) -> None:
    sam(desk)
    assert inventory(desk.session, "tablet-1") == {"clients": 1, "projects": 1,
                                                   "orders_unlinked": 1, "handoffs": 1}
    senders, said = forget_and_record(desk.session, "tablet-1", NOW, desk.forget_me)
    assert sorted(senders) == ["tablet-1", "web-1"] and said[0].text.startswith("Done")
    [entry] = audit_since(desk.session, NOW)
    assert (entry.action, entry.sender_id, entry.at) == (FORGET_ME, "tablet-1", NOW)
    assert entry.detail == {"clients": 1, "projects": 1, "orders_unlinked": 1, "handoffs": 1,
                            "conversations": 2}
    assert "Sam" not in json.dumps(entry.detail) and "F1" not in json.dumps(entry.detail)


def test_a_strangers_deletion_is_audited_too(desk: CareDesk) -> None:
    request_handoff(desk.session, "stranger", reason="asked", summary={}, now=NOW)
    senders, _ = forget_and_record(desk.session, "stranger", NOW, desk.forget_me)
    assert senders == ["stranger"]
    entry = desk.session.scalar(select(AuditRecord))
    assert entry.detail == {"clients": 0, "projects": 0, "orders_unlinked": 0, "handoffs": 1,
                            "conversations": 1}
