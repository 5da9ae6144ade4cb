"""Client care conversations: the faulty poles, consent, a returning client, forget-me."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Iterator

import pytest
from sqlalchemy import func, select

from bot.care.desk import CareDesk
from bot.care.limits import MemoryLimitStore
from bot.care.recognition import Recognition
from bot.care.models import Client, Handoff, MakerCase, Order, OrderLine, ReturnCase
from bot.catalogue.needs import current_knowledge
from bot.catalogue.repository import SqlCatalogue
from bot.db import session_scope

NOW = datetime(2026, 11, 23, 10)


@pytest.fixture
def desk(small_db: str, small_interpreter) -> Iterator[CareDesk]:
    with session_scope(small_db) as session:
        order = Order(number="A1001", placed_on=NOW.date() - timedelta(days=120))
        order.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                     unit_price_cents=3900))
        old = Order(number="B2002", placed_on=NOW.date() - timedelta(days=500))
        old.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                   unit_price_cents=3900))
        session.add_all([order, old])
    with session_scope(small_db) as session:
        yield CareDesk(session, current_knowledge(session), SqlCatalogue(session), small_interpreter)


def test_the_poles_that_failed_in_desert_dust(desk: CareDesk) -> None:
    state, replies = desk.report_fault(None, "My trekking poles keep slipping, the locks "
                                       "failed on dusty desert trails", "web-1", NOW)
    assert state["pending"] == "order_number" and "order number" in replies[0].text
    state, replies = desk.order_number_given(state, "it's a1001", "web-1", NOW)
    text = replies[0].text
    assert text.startswith("I'm sorry the Trail poles twist lock let you down.")
    assert "refunded £39.00" in text and "120 days after purchase" in text
    assert "with Leki" in text and "in dust" in text
    assert replies[0].custom["accepted"] is True
    assert replies[1].custom["product"]["sku"] == "POLE-L"
    assert "lever lock instead of a twist one" in replies[1].text
    case = desk.session.scalar(select(ReturnCase))
    assert case.conditions == ["dust"] and "slipping" in case.defect and case.feature == "lock"
    assert desk.session.scalar(select(func.count()).select_from(MakerCase)) == 1


def test_order_number_in_the_first_message(desk: CareDesk) -> None:
    _, replies = desk.report_fault(None, "order A1001: the pole locks won't lock", "w", NOW)
    assert replies[0].custom["order"] == "A1001"


def test_an_order_that_does_not_exist(desk: CareDesk) -> None:
    state, replies = desk.report_fault(None, "pole lock broken, order Z9999", "w", NOW)
    assert replies[0].text.startswith("I can't find an order Z9999")
    assert state["pending"] == "order_number"
    assert desk.session.scalar(select(func.count()).select_from(ReturnCase)) == 0


def test_a_return_outside_the_window_is_refused_but_logged(desk: CareDesk) -> None:
    _, replies = desk.report_fault(None, "B2002 my poles slip in sand", "w", NOW)
    assert "I can't refund it here" in replies[0].text and "500 days ago" in replies[0].text
    assert replies[0].custom["accepted"] is False
    assert desk.session.scalar(select(ReturnCase.outcome)) == "refused"


def test_a_product_never_bought(desk: CareDesk) -> None:
    state, replies = desk.report_fault(None, "order A1001, the drill bit snapped", "w", NOW)
    assert "I can't find the drill bit in order A1001" in replies[0].text
    assert "Trail poles twist lock" in replies[0].text


def test_refused_consent_keeps_nothing(desk: CareDesk) -> None:
    state, replies = desk.offer_memory(None, "web-1")
    assert state["pending"] == "consent" and replies[0].buttons
    state, replies = desk.consent(state, False, "web-1", None, NOW)
    assert replies[0].text == "No problem: I won't keep anything about you."
    assert desk.session.scalar(select(func.count()).select_from(Client)) == 0
    assert desk.offer_memory(state, "web-1")[1] == []  # asked once only


def test_a_client_who_agrees_is_greeted_with_context_next_time(desk: CareDesk) -> None:
    bundle = {"job": "hang_picture", "answers": {"wall": "brick or concrete"},
              "items": [{"sku": "BIT-M6"}, {"sku": "PLUG-R6"}]}
    state, _ = desk.offer_memory(None, "web-1")
    state, replies = desk.consent(state, True, "web-1", {"bundle": bundle}, NOW)
    assert "code" not in replies[0].text.split("?")[0] and state["pending"] == "name"
    state, replies = desk.name_given(state, "I'm sam", "web-1")
    assert replies[0].text.startswith("Nice to meet you, Sam. Your client code is ")
    code = replies[0].text.split("code is ")[1][:12]
    owned, replies = desk.greet("tablet-2", f"hello, my client code is {code}")
    assert owned is None and replies[0].text.startswith("Hello!")  # a code alone: a stranger
    recognition = Recognition(desk.session, MemoryLimitStore())
    state, _ = recognition.code_given(None, f"my code is {code}", "tablet-2", "a")
    _, verdict, _ = recognition.factor_given(state, "Sam", "tablet-2", "a", NOW)
    assert verdict.recognised
    owned, replies = desk.greet("tablet-2", "hello")
    assert replies[0].text.startswith("Welcome back, Sam! How did it go when you set out to "
                                      "hang a picture or mirror on 23 November?")
    assert owned == ["BIT-M6", "PLUG-R6"]


def test_no_name_no_code(desk: CareDesk) -> None:
    state, _ = desk.offer_memory(None, "web-1")
    state, _ = desk.consent(state, True, "web-1", None, NOW)
    _, replies = desk.name_given(state, "42", "web-1")
    assert "there's no code without one" in replies[0].text and "code is" not in replies[0].text


def test_forget_me(desk: CareDesk) -> None:
    state, _ = desk.offer_memory(None, "web-1")
    desk.consent(state, True, "web-1", None, NOW)
    senders, replies = desk.forget_me("web-1")
    assert senders == ["web-1"] and replies[0].text.startswith("Done: I've deleted")
    assert desk.session.scalar(select(func.count()).select_from(Client)) == 0
    senders, replies = desk.forget_me("stranger")
    assert senders == ["stranger"] and "I don't keep anything" in replies[0].text


def test_hand_over_to_a_human(desk: CareDesk) -> None:
    replies = desk.hand_over("web-1", "asked for a person", {"known": {"job": ["hang_picture"]}},
                             ["hi", "I want a person"], NOW)
    assert "number 1 in the queue" in replies[0].text
    assert replies[0].custom == {"type": "handoff", "place": 1, "reason": "asked for a person"}


def test_no_order_number_is_counted_for_the_hand_off(desk: CareDesk) -> None:
    state, _ = desk.report_fault(None, "my poles won't lock", "w", NOW)
    state, replies = desk.order_number_given(state, "I threw the receipt away", "w", NOW)
    assert state["misunderstood"] == 1 and "pass you to a colleague" in replies[0].text
    state, _ = desk.order_number_given(state, "A1001", "w", NOW)
    assert state["misunderstood"] == 0


def test_a_gift_receipt_lists_the_items_without_prices(desk: CareDesk) -> None:
    consultation = {"gift": {"for": None, "owned": []},
                    "bundle": {"items": [{"sku": "POLE-L", "name": "Trail poles lever lock",
                                          "quantity": 1, "unit_price": 59.0}]}}
    state, replies = desk.offer_gift_receipt(None, consultation)
    assert state["pending"] == "gift_receipt" and "so they can exchange" in replies[0].text
    state, replies = desk.gift_receipt(state, True, consultation)
    assert replies[0].custom == {"type": "gift_receipt", "for": "they", "exchange_days": 30,
                                 "items": [{"name": "Trail poles lever lock", "quantity": 1}]}
    assert "- 1 x Trail poles lever lock" in replies[0].text and "59" not in replies[0].text
    assert desk.gift_receipt(state, False, consultation)[1][0].text == "No gift receipt, then."


def test_forgetting_a_stranger_deletes_their_hand_off(desk: CareDesk) -> None:
    desk.hand_over("stranger", "asked", None, ["my name is Jo, call me on 0777"], NOW)
    senders, _ = desk.forget_me("stranger")
    assert senders == ["stranger"]
    assert desk.session.scalar(select(func.count()).select_from(Handoff)) == 0


def test_the_kind_of_lock_named_is_the_feature_that_failed(desk: CareDesk) -> None:
    _, replies = desk.report_fault(None, "A1001: the twist locks stopped holding on dusty "
                                   "hikes", "w", NOW)
    assert replies[0].custom["maker_case"] is not None
    assert replies[1].custom["product"]["sku"] == "POLE-L"
    case = desk.session.scalar(select(ReturnCase))
    assert case.feature == "lock" and case.conditions == ["dust"]


def test_a_remembered_clients_order_is_found_next_time_without_the_number(
        desk: CareDesk) -> None:
    state, _ = desk.offer_memory(None, "web-1")
    desk.consent(state, True, "web-1", None, NOW)
    _, replies = desk.report_fault(None, "my poles won't lock, order B2002", "web-1", NOW)
    assert replies[0].custom["order"] == "B2002"
    _, replies = desk.report_fault(None, "the other poles slip too", "web-1", NOW)
    assert "order number" not in replies[0].text
    assert replies[0].custom["order"] == "B2002"  # already refused, found by history
    stranger_state, replies = desk.report_fault(None, "my poles slip", "web-2", NOW)
    assert stranger_state["pending"] == "order_number"
