"""The tablet's shoppers, the lists given by QR code, the desk's hold on hand-offs, and the
hand-offs posted to a help desk's webhook."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy.orm import Session

from bot.care.handoff import request_handoff, withdraw_handoff
from bot.care.models import Handoff
from bot.db import session_scope
from bot.staff.accounts import add_account
from bot.staff.desk import NotAvailable, desk_queue, hand_back, held, take
from bot.staff.models import StaffAccount
from bot.staff.shares import list_content, share_list, shared_list
from bot.staff.tablet import new_shopper, recent_shoppers, record_view, shopper_of, summary
from bot.staff.webhook import deliver, document
from bot.store import init_database

NOW = datetime(2026, 12, 1, 9, 0)
BUNDLE = {"type": "bundle", "job": "hang_picture", "job_name": "hang a picture or mirror",
          "answers": {"wall": "brick or concrete"}, "total_pence": 1031, "currency": "GBP",
          "missing": [], "items": [{
              "role": "bit", "sku": "BIT-M5", "name": "Bosch 5 mm masonry drill bit",
              "quantity": 1, "unit_price_pence": 320, "line_total_pence": 320, "aisle": "12",
              "why": "to drill the holes for the plugs", "in_stock": True, "stock": 9,
              "attributes": {"material": "masonry"}, "talking_points": ["..."]}]}


@pytest.fixture
def url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'staff.db'}"
    init_database(url)  # the demo's needs knowledge: the desk names answers in its words
    return url


@pytest.fixture
def db(url: str) -> Iterator[Session]:
    with session_scope(url) as session:
        yield session


def staff(session: Session, name: str) -> StaffAccount:
    return add_account(session, name, "attendant", "a long enough password", NOW)


# -- the tablet's shoppers -------------------------------------------------------------------

def test_a_tablet_reopens_only_its_own_shoppers(db: Session) -> None:
    first = new_shopper(db, "tablet-a", None, NOW)
    second = new_shopper(db, "tablet-a", None, NOW + timedelta(minutes=5))
    other = new_shopper(db, "tablet-b", None, NOW)
    assert first.sender_id.startswith("tablet-") and first.sender_id != second.sender_id
    assert [s.id for s in recent_shoppers(db, "tablet-a")] == [second.id, first.id]
    assert shopper_of(db, "tablet-a", other.id) is None  # a number alone opens nothing
    record_view(first, "turn-1", {"briefing": {"bundle": BUNDLE, "facts": []}},
                NOW + timedelta(minutes=9))
    assert [s.id for s in recent_shoppers(db, "tablet-a")][0] == first.id
    assert summary(first)["job"] == "hang a picture or mirror"
    assert summary(first)["items"] == 1 and summary(first)["total_pence"] == 1031


# -- lists given by QR code ------------------------------------------------------------------

def test_a_shared_list_holds_nothing_about_the_shopper_and_expires(db: Session) -> None:
    token, share = share_list(db, BUNDLE, NOW, hours=2)
    assert share.token_digest != token and len(token) >= 40
    content = shared_list(db, token, NOW + timedelta(hours=1)).content
    assert content == list_content(BUNDLE)
    assert set(content["items"][0]) == {"name", "quantity", "unit_price_pence",
                                        "line_total_pence", "aisle", "why", "in_stock"}
    assert "answers" not in content and "sku" not in content["items"][0]
    assert shared_list(db, token, NOW + timedelta(hours=3)) is None
    assert shared_list(db, "guessed", NOW) is None


# -- the desk --------------------------------------------------------------------------------

def test_the_queue_is_newest_first_and_hides_the_conversation(db: Session) -> None:
    request_handoff(db, "web-1", reason="asked for a person", now=NOW,
                    summary={"answers": {"job": ["hang_picture"], "wall": ["brick"]}})
    request_handoff(db, "web-2", reason="not understood twice", summary={}, now=NOW +
                    timedelta(minutes=1))
    request_handoff(db, "web-3", reason="asked for a person", summary={}, now=NOW +
                    timedelta(minutes=2))
    withdraw_handoff(db, "web-3")
    queue = desk_queue(db)
    assert [h["reason"] for h in queue] == ["not understood twice", "asked for a person"]
    assert all("web-" not in str(h) for h in queue)
    assert queue[1]["said"] == [
        {"question": "The job", "answer": "hang a picture or mirror"},
        {"question": "What is the wall made of?", "answer": "brick or concrete"}]


def test_one_member_of_staff_takes_a_hand_off_and_hands_it_back(db: Session) -> None:
    sam, alex = staff(db, "Sam Taylor"), staff(db, "Alex Green")
    handoff = request_handoff(db, "web-1", reason="asked for a person", summary={}, now=NOW)
    take(db, handoff.id, sam, "Sam", NOW)
    with pytest.raises(NotAvailable) as refused:
        take(db, handoff.id, alex, "Alex", NOW)
    assert refused.value.by == "Sam"
    assert held(db, handoff.id, alex) is None and held(db, handoff.id, sam) is handoff
    assert desk_queue(db)[0]["taken_by"] == "Sam"
    hand_back(db, handoff, NOW)
    assert handoff.status == "returned" and held(db, handoff.id, sam) is None
    with pytest.raises(NotAvailable):
        take(db, handoff.id, alex, "Alex", NOW)


def test_two_processes_taking_at_once_one_wins(url: str) -> None:
    with session_scope(url) as session:
        ids = [staff(session, name).id for name in ("Sam Taylor", "Alex Green")]
        handoff_id = request_handoff(session, "web-1", reason="asked for a person",
                                     summary={}, now=NOW).id
    results: List[str] = []
    start = threading.Barrier(2)

    def attempt(staff_id: int) -> None:
        start.wait()
        try:
            with session_scope(url) as session:
                account = session.get(StaffAccount, staff_id)
                take(session, handoff_id, account, account.name.split()[0], NOW)
            results.append("took")
        except NotAvailable:
            results.append("refused")

    threads = [threading.Thread(target=attempt, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "took"]


# -- the help desk's webhook -----------------------------------------------------------------

def test_each_hand_off_is_posted_once_and_failures_are_tried_again(db: Session) -> None:
    request_handoff(db, "web-1", reason="asked for a person", summary={"job": "x"}, now=NOW)
    sent: List[Dict[str, Any]] = []
    failing = True

    def send(doc: Dict[str, Any]) -> None:
        if failing:
            raise OSError("help desk down")
        sent.append(doc)

    assert deliver(db, send, NOW) == 0
    failing = False
    assert deliver(db, send, NOW) == 1 and deliver(db, send, NOW) == 0
    handoff = db.query(Handoff).one()
    assert sent == [document(handoff)]
    assert sent[0]["conversation"] == "web-1" and sent[0]["summary"] == {"job": "x"}
