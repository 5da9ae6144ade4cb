"""Forget-me with confirmation for a recognised client, and an audit record of every
deletion that says what and when, never who."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Iterator, List

import pytest
from sqlalchemy import func, select

from bot.care.clients import link, record_project, remember
from bot.care.erasure import (
    FORGET_ME,
    audit_since,
    forget_and_record,
    inventory,
    needs_confirmation,
)
from bot.care.handoff import request_handoff
from bot.care.models import AuditRecord, Client, Order, OrderLine
from bot.shop import Shop, open_shop
from tests.conftest import Shopper

NOW = datetime(2026, 11, 23, 10)


class Desk:
    """What the tests need of the shop: its session, and the dialogue's forget-me."""

    def __init__(self, shop: Shop) -> None:
        self.shop = shop
        self.session = shop.services.session

    def forget_me(self, sender: str) -> List[str]:
        return self.shop.dialogue.care._forget(sender)


@pytest.fixture
def desk(small_db: str) -> Iterator[Desk]:
    with open_shop(small_db) as shop:
        yield Desk(shop)


def sam(desk: Desk) -> Client:
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


def test_only_a_recognised_client_is_asked_to_confirm(desk: Desk) -> None:
    assert not needs_confirmation(desk.session, "tablet-1")
    sam(desk)
    assert needs_confirmation(desk.session, "tablet-1")
    shopper = Shopper(desk.shop, "tablet-1", NOW)
    said = shopper.say("forget me", "forget_me")
    assert shopper.conversation.waiting == "forget_confirm" and "can't be undone" in said[0].text
    assert [b["payload"] for b in said[0].buttons] == ["/affirm", "/deny"]
    said = shopper.say("no, keep it", "deny")
    assert shopper.conversation.waiting == "nothing" and "kept everything" in said[0].text
    assert desk.session.scalar(select(func.count()).select_from(Client)) == 1


def test_a_deletion_is_audited_in_counts_only(desk: Desk) -> None:
    sam(desk)
    assert inventory(desk.session, "tablet-1") == {"clients": 1, "projects": 1,
                                                   "orders_unlinked": 1, "handoffs": 1}
    senders = forget_and_record(desk.session, "tablet-1", NOW, desk.forget_me)
    assert sorted(senders) == ["tablet-1", "web-1"]
    [entry] = audit_since(desk.session, NOW)
    assert (entry.action, entry.sender_id, entry.at) == (FORGET_ME, "tablet-1", NOW)
    assert entry.detail == {"clients": 1, "projects": 1, "orders_unlinked": 1, "handoffs": 1,
                            "conversations": 2}
    assert "Sam" not in json.dumps(entry.detail) and "F1" not in json.dumps(entry.detail)


def test_a_strangers_deletion_is_audited_too(desk: Desk) -> None:
    request_handoff(desk.session, "stranger", reason="asked", summary={}, now=NOW)
    senders = forget_and_record(desk.session, "stranger", NOW, desk.forget_me)
    assert senders == ["stranger"]
    entry = desk.session.scalar(select(AuditRecord))
    assert entry.detail == {"clients": 0, "projects": 0, "orders_unlinked": 0, "handoffs": 1,
                            "conversations": 1}
