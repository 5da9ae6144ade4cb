"""Client care conversations: the faulty poles, consent, a returning client, forget-me,
a person, a gift receipt (small test catalogue, with two past orders)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.care.models import (
    Client,
    FaultReport,
    Handoff,
    MakerCase,
    Order,
    OrderContact,
    OrderLine,
    ReturnCase,
)
from bot.db import session_scope
from bot.dialogue.state import Fault
from bot.shop import Shop
from tests.conftest import Shopper, bundle_of

NOW = datetime(2026, 11, 23, 10)


@pytest.fixture
def orders(small_db: str) -> None:
    with session_scope(small_db) as session:
        order = Order(number="A1001", placed_on=NOW.date() - timedelta(days=120))
        order.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                     unit_price_cents=3900))
        old = Order(number="B2002", placed_on=NOW.date() - timedelta(days=500))
        old.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                   unit_price_cents=3900))
        session.add_all([order, old])


def count(shop: Shop, model: type) -> int:
    return shop.services.session.scalar(select(func.count()).select_from(model))


def shopper(shop: Shop, sender: str = "web-1") -> Shopper:
    return Shopper(shop, sender, NOW)


def taken(shop: Shop, sender: str = "web-1") -> Shopper:
    """A shopper who has just taken a list, and is asked whether to be remembered."""
    who = shopper(shop, sender)
    bundle_of(who.say("a light picture on a brick wall", "describe_job"))
    who.say("/take_all", "take_all")
    assert who.conversation.waiting == "consent"
    return who


def test_the_poles_that_failed_in_desert_dust(orders: None, shop: Shop) -> None:
    who = shopper(shop)
    replies = who.say("My trekking poles keep slipping, the locks failed on dusty desert "
                      "trails", "report_fault")
    assert who.conversation.waiting == "order_number" and "order number" in replies[0].text
    replies = who.say("it's a1001", "inform")
    text = replies[0].text
    assert text.startswith("I'm sorry the Trail poles twist lock let you down.")
    assert "refunded £39.00" in text and "120 days after purchase" in text
    assert "with Leki" in text and "in dust" in text
    assert replies[0].custom["accepted"] is True and replies[0].custom["refund"] == 39.0
    assert replies[1].custom["product"]["sku"] == "POLE-L"
    assert "lever lock instead of a twist one" in replies[1].text
    case = shop.services.session.scalar(select(ReturnCase))
    assert case.conditions == ["dust"] and "slipping" in case.defect and case.feature == "lock"
    assert count(shop, MakerCase) == 1


def test_order_number_in_the_first_message(orders: None, shop: Shop) -> None:
    replies = shopper(shop).say("order A1001: the pole locks won't lock", "report_fault")
    assert replies[0].custom["order"] == "A1001"


def test_an_order_that_does_not_exist(orders: None, shop: Shop) -> None:
    who = shopper(shop)
    replies = who.say("pole lock broken, order Z9999", "report_fault")
    assert replies[0].text.startswith("I can't find an order Z9999")
    assert who.conversation.waiting == "order_number"
    assert count(shop, ReturnCase) == 0


def test_a_return_outside_the_window_is_refused_but_logged(orders: None, shop: Shop) -> None:
    replies = shopper(shop).say("B2002 my poles slip in sand", "report_fault")
    assert "I can't refund it here" in replies[0].text and "500 days ago" in replies[0].text
    assert replies[0].custom["accepted"] is False
    assert shop.services.session.scalar(select(ReturnCase.outcome)) == "refused"


def test_a_product_never_bought(orders: None, shop: Shop) -> None:
    replies = shopper(shop).say("order A1001, the drill bit snapped", "report_fault")
    assert "I can't find the drill bit in order A1001" in replies[0].text
    assert "Trail poles twist lock" in replies[0].text


def test_refused_consent_keeps_nothing(shop: Shop) -> None:
    who = taken(shop)
    assert who.replies[-1].choices
    replies = who.say("/deny", "deny")
    assert replies[0].text == "No problem: I won't keep anything about you."
    assert count(shop, Client) == 0
    who.say("a light picture on a brick wall", "describe_job")
    assert len(who.say("/take_all", "take_all")) == 1  # asked once only


def test_a_client_who_agrees_is_greeted_with_context_next_time(shop: Shop) -> None:
    who = taken(shop)
    bought = sorted(line.sku for line in who.consultation.bundle.lines)
    replies = who.say("/affirm", "affirm")
    assert "code" not in replies[0].text.split("?")[0] and who.conversation.waiting == "name"
    replies = who.say("I'm sam", "inform")
    assert replies[0].text.startswith("Nice to meet you, Sam. Your client code is ")
    code = replies[0].text.split("code is ")[1][:12]
    elsewhere = shopper(shop, "tablet-2")
    replies = elsewhere.say(f"hello, my client code is {code}", "greet")
    assert replies[0].custom["status"] == "second_factor" and "Sam" not in replies[0].text
    assert not elsewhere.consultation.owned  # a code alone: still a stranger
    replies = elsewhere.say("Sam", "inform")
    assert replies[0].text.startswith("Welcome back, Sam! How did it go when you set out to "
                                      "hang a picture or mirror on 23 November?")
    assert list(elsewhere.consultation.owned) == bought


@pytest.mark.parametrize("misread_as", ["describe_job", "request_item", "ask_shop_info",
                                        "human_handoff"])
def test_a_code_given_is_recognition_whatever_the_model_read(shop: Shop, misread_as: str) -> None:
    """Found by the replicated set-up's forget-me test: "hello, my code is ..." read as a new
    job asked nothing, and the name that followed was not understood."""
    who = taken(shop)
    who.say("/affirm", "affirm")
    code = who.say("I'm sam", "inform")[0].text.split("code is ")[1][:12]
    elsewhere = shopper(shop, "tablet-2")
    replies = elsewhere.say(f"hello, my code is {code}", misread_as)
    assert replies[0].custom["status"] == "second_factor"
    assert elsewhere.say("Sam", misread_as)[0].text.startswith("Welcome back, Sam!")


def test_no_name_no_code(shop: Shop) -> None:
    who = taken(shop)
    who.say("/affirm", "affirm")
    replies = who.say("42", "inform")
    assert "there's no code without one" in replies[0].text and "code is" not in replies[0].text


def test_forget_me(shop: Shop) -> None:
    who = taken(shop)
    who.say("/affirm", "affirm")
    replies = who.say("forget me", "forget_me")
    assert "Shall I delete everything" in replies[0].text and not who.forgotten
    replies = who.say("/affirm", "affirm")
    assert who.forgotten == ("web-1",) and replies[0].text.startswith("Done: I've deleted")
    assert count(shop, Client) == 0
    stranger = shopper(shop, "stranger")
    replies = stranger.say("forget me", "forget_me")
    assert stranger.forgotten == ("stranger",) and "I don't keep anything" in replies[0].text


def test_hand_over_to_a_human(shop: Shop) -> None:
    who = shopper(shop)
    who.say("I want to hang a picture", "describe_job")
    replies = who.say("I want a person", "human_handoff")
    assert "number 1 in the queue" in replies[0].text
    assert replies[0].custom == {"type": "handoff", "place": 1, "reason": "asked for a person"}
    summary = shop.services.session.scalar(select(Handoff.summary))
    assert summary["answers"] == {"job": ["hang_picture"]} and summary["pending_question"] == "wall"
    assert summary["transcript"] == ["I want to hang a picture", "I want a person"]


def test_no_order_number_asks_another_way_then_goes_on_without_the_order(
        orders: None, shop: Shop) -> None:
    who = shopper(shop, "w")
    who.say("my poles won't lock", "report_fault")
    replies = who.say("I threw the receipt away", "inform")
    assert who.conversation.care.order_tries == 1 and "e-mail address" in replies[0].text
    who.say("A1001", "inform")
    assert who.conversation.care.order_tries == 0
    who.say("my other twist lock poles won't lock either", "report_fault")
    who.say("no receipt", "inform")
    replies = who.say("it's on my email somewhere", "inform")
    texts = [r.text for r in replies]
    assert texts[0].startswith("I'm sorry the trekking poles let you down, and that we can't "
                               "find the order.") and "I've logged the fault" in texts[0]
    assert replies[1].custom["product"]["sku"] == "POLE-L"  # no twist locks to fail again
    assert replies[-1].custom["reason"] == "refund without an order"
    summary = shop.services.session.scalar(select(Handoff.summary))
    assert summary["fault"]["feature"] == "lock" and summary["transcript"][-1].startswith("it's on")
    report = shop.services.session.scalar(select(FaultReport))
    assert report.sku == "POLE-T" and report.maker_case is not None


def test_an_order_is_found_by_the_email_it_was_placed_with(shop: Shop) -> None:
    order = Order(number="C3003", placed_on=NOW.date() - timedelta(days=30))
    order.lines.append(OrderLine(sku="POLE-T", name="Trail poles twist lock", quantity=1,
                                 unit_price_cents=3900))
    shop.services.session.add(order)
    shop.services.session.flush()
    shop.services.session.add(OrderContact(order_id=order.id, email="sam@example.com"))
    who = shopper(shop)
    who.say("my trekking poles keep slipping", "report_fault")
    replies = who.say("I ordered with Sam@Example.com", "inform")
    assert replies[0].custom["order"] == "C3003" and replies[0].custom["accepted"] is True


def test_yes_to_the_replacement_puts_it_on_a_list_to_take(orders: None, shop: Shop) -> None:
    who = shopper(shop)
    replies = who.say("A1001: the twist locks stopped holding", "report_fault")
    assert [c.label for c in who.replies[1].choices][0] == "Yes, add it to my list"
    replies = who.say("yes please", "affirm")
    assert replies[0].text.startswith("I've added the Trail poles lever lock to your list.")
    assert [i["sku"] for i in replies[0].custom["items"]] == ["POLE-L"]
    assert who.say("/take_all", "take_all")[0].custom["type"] == "order"


def test_a_gift_receipt_lists_the_items_without_prices(shop: Shop) -> None:
    who = shopper(shop)
    who.say("trekking poles as a present", "request_item")
    who.say("desert trails")
    who.say("/inform", choice="gift_owned:none")
    replies = who.say("/take_all", "take_all")
    assert who.conversation.waiting == "gift_receipt" and "so they can exchange" in replies[-1].text
    replies = who.say("/affirm", "affirm")
    assert replies[0].custom == {"type": "gift_receipt", "for": "they", "exchange_days": 30,
                                 "items": [{"name": "Trail poles lever lock", "quantity": 1}]}
    assert "- 1 x Trail poles lever lock" in replies[0].text and "59" not in replies[0].text
    assert "remember" in replies[-1].text  # then, once, the offer to be remembered
    again = shopper(shop, "web-2")
    again.say("trekking poles as a present", "request_item")
    again.say("desert trails")
    again.say("/inform", choice="gift_owned:none")
    again.say("/take_all", "take_all")
    assert again.say("/deny", "deny")[0].text == "No gift receipt, then."


def test_forgetting_a_stranger_deletes_their_hand_off(shop: Shop) -> None:
    who = shopper(shop, "stranger")
    who.say("my name is Jo, call me on 0777", "human_handoff")
    who.say("forget me", "forget_me")
    assert who.forgotten == ("stranger",)
    assert count(shop, Handoff) == 0


def test_the_kind_of_lock_named_is_the_feature_that_failed(orders: None, shop: Shop) -> None:
    replies = shopper(shop).say("A1001: the twist locks stopped holding on dusty hikes",
                                "report_fault")
    assert replies[0].custom["maker_case"] is not None
    assert replies[1].custom["product"]["sku"] == "POLE-L"
    case = shop.services.session.scalar(select(ReturnCase))
    assert case.feature == "lock" and case.conditions == ["dust"]


def test_a_remembered_clients_order_is_found_next_time_without_the_number(
        orders: None, shop: Shop) -> None:
    who = taken(shop)
    who.say("/affirm", "affirm")
    replies = who.say("my poles won't lock, order B2002", "report_fault")
    assert replies[0].custom["order"] == "B2002"
    replies = who.say("the other poles slip too", "report_fault")
    assert "order number" not in replies[0].text
    assert replies[0].custom["order"] == "B2002"  # already refused, found by history
    stranger = shopper(shop, "web-2")
    stranger.say("my poles slip", "report_fault")
    assert stranger.conversation.waiting == "order_number"


def test_a_fault_report_the_model_doubts_with_no_sign_of_a_fault_is_a_request(
        shop: Shop) -> None:
    who = shopper(shop)
    replies = who.say("Do you have a 10mm drill? really really", "report_fault",
                      confidence=0.3)
    assert replies[0].text.startswith("We do.")
    assert who.conversation.care.fault is None


@pytest.mark.parametrize("words", ["my new tent's zip broke on the first night",
                                   "the torch died after a day, I want my money back"])
def test_a_complaint_is_a_fault_even_when_the_model_doubts_it(shop: Shop, words: str) -> None:
    who = shopper(shop)
    who.say(words, "report_fault", confidence=0.3)
    assert who.conversation.care.fault is not None


def test_the_summary_names_the_job_the_fault_and_keeps_every_word(shop: Shop) -> None:
    who = shopper(shop)
    bundle = bundle_of(who.say("a light picture on a brick wall", "describe_job"))
    conversation = who.conversation.copy(deep=True)
    conversation.care.fault = Fault(words=("locks slip",), feature="lock")
    words = [f"message {n}" for n in range(40)]
    summary = shop.dialogue.care.summary(conversation, words)
    assert summary["job"] == "hang_picture"
    assert summary["total_cents"] == round(bundle["total"] * 100)
    assert summary["bundle"] == [{"sku": i["sku"], "name": i["name"], "quantity": i["quantity"]}
                                 for i in bundle["items"]]
    assert summary["fault"]["words"] == ["locks slip"]
    assert summary["transcript"] == words
