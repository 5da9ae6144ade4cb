"""Client care over the REST channel, against the real Rasa and action servers with the
demo catalogue and its past orders: the faulty poles come back, a client is remembered
and then forgotten everywhere, a gift, and a person on request."""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any, Dict, List, Optional

import pytest
from sqlalchemy import func, select

from bot.care.models import Client, ClientLink, Handoff, MakerCase, Project, ReturnCase
from bot.cli import main
from bot.db import session_scope

pytestmark = pytest.mark.e2e


def custom(replies: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    found = [r["custom"] for r in replies if (r.get("custom") or {}).get("type") == kind]
    return found[-1] if found else None


def text(replies: List[Dict[str, Any]]) -> str:
    return " ".join(r.get("text") or "" for r in replies)


def sender(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:8]}"


def stored_events(live_servers, sender_id: str) -> int:
    """Events of this conversation in the Rasa tracker store (the SQL file on disk)."""
    with sqlite3.connect(live_servers.folder / "tracker.db") as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?",
                          (sender_id,)).fetchone()[0]


def answer_until(live_servers, who: str, replies: List[Dict[str, Any]], kind: str,
                 words: Dict[str, str], max_turns: int = 6) -> List[Dict[str, Any]]:
    """Answer each question (in words when given, else by its first button) until a
    payload of ``kind`` arrives."""
    for _ in range(max_turns):
        if custom(replies, kind):
            return replies
        question = custom(replies, "question")
        assert question, f"neither a question nor a {kind}: {replies}"
        buttons = [b for r in replies for b in r.get("buttons") or []]
        replies = live_servers.say(who, words.get(question["question"], buttons[0]["payload"]))
    raise AssertionError(f"no {kind} after {max_turns} turns")


def test_the_poles_that_failed_in_desert_dust_come_back(live_servers, capsys) -> None:
    who = sender("poles")
    replies = live_servers.say(who, "Hi, I bought trekking poles here a few months back and "
                                    "the twist locks stopped holding after a couple of dusty hikes")
    assert "order number" in text(replies)
    replies = live_servers.say(who, "the receipt says A1001")
    refund = custom(replies, "return")
    assert refund["order"] == "A1001" and refund["sku"] == "KOMP-TWIST"
    assert refund["accepted"] is True and refund["refund"] == 39.0 and refund["maker_case"]
    assert "sorry" in text(replies).lower() and "refunded £39.00" in text(replies)
    better = custom(replies, "product")["product"]
    assert better["category"] == "trekking_poles" and better["attributes"]["lock"] == "lever"
    assert better["stock"] > 0 and "lever lock instead of a twist one" in text(replies)
    with session_scope(live_servers.database_url) as session:
        case = session.scalar(select(ReturnCase).where(ReturnCase.sku == "KOMP-TWIST"))
        assert "twist locks stopped holding" in case.defect and case.conditions == ["dust"]
        maker = session.get(MakerCase, refund["maker_case"])
        assert (maker.sku, maker.brand, maker.feature) == ("KOMP-TWIST", "Komperdell", "lock")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BOT_DATABASE_URL", live_servers.database_url)
        capsys.readouterr()
        assert main(["cases", "report"]) == 0
    report = capsys.readouterr().out
    assert "KOMP-TWIST  Komperdell twist-lock trekking poles  (Komperdell)" in report
    assert "twist locks stopped holding" in report


@pytest.mark.parametrize("words, answer", [
    ("my walking poles from you slip all the time, order Z99999",
     "I can't find an order Z99999"),
    ("the twist locks on my poles slip since the desert, order B0917",
     "I can't refund it here"),
    ("the drill I got is faulty, order A1003", "I can't find the drill"),
])
def test_returns_that_cannot_be_settled_say_why(live_servers, words: str, answer: str) -> None:
    replies = live_servers.say(sender("bad"), words)
    assert answer in text(replies)


def test_a_client_remembered_on_two_devices_is_forgotten_everywhere(live_servers) -> None:
    web, tablet = sender("web"), sender("tablet")
    replies = live_servers.say(web, "I'm going walking on dusty desert trails")
    answer_until(live_servers, web, replies, "bundle", {})
    offer = live_servers.say(web, "/take_all")
    assert "remember your name" in text(offer)
    assert "What name shall I use?" in text(live_servers.say(web, "yes please"))
    named = text(live_servers.say(web, "my name is Sam"))
    assert "Nice to meet you, Sam" in named
    code = named.split("client code is ")[1].split(":")[0]
    asked = live_servers.say(tablet, f"hello, my code is {code}")
    assert custom(asked, "recognition")["status"] == "second_factor"
    hello = live_servers.say(tablet, "Sam")
    assert text(hello).startswith("Welcome back, Sam! How did it go when you set out to go hiking")
    with session_scope(live_servers.database_url) as session:
        client = session.scalar(select(Client).where(Client.code == code.replace("-", "")))
        assert client.name == "Sam" and len(client.links) == 2 and client.projects
        client_id = client.id
    assert stored_events(live_servers, web) > 0 and stored_events(live_servers, tablet) > 0

    replies = live_servers.say(tablet, "please forget everything about me")
    assert "Shall I delete everything" in text(replies)
    replies = live_servers.say(tablet, "/affirm")
    assert text(replies).startswith("Done: I've deleted")
    with session_scope(live_servers.database_url) as session:
        assert session.scalar(select(Client).where(Client.code == code.replace("-", ""))) is None
        for model, column in ((ClientLink, ClientLink.sender_id), (Handoff, Handoff.sender_id)):
            assert session.scalar(select(func.count()).select_from(model)
                                  .where(column.in_([web, tablet]))) == 0
        assert session.scalar(select(func.count()).select_from(Project)
                              .where(Project.client_id == client_id)) == 0
    assert stored_events(live_servers, web) == 0 and stored_events(live_servers, tablet) == 0
    assert text(live_servers.say(tablet, "hello")).startswith("Hello!")  # a stranger now


def test_a_gift_for_dad_with_a_receipt_and_no_memory(live_servers) -> None:
    who = sender("gift")
    replies = live_servers.say(who, "I'd like some trekking poles for my dad")
    assert "your dad" in text(replies)
    replies = answer_until(live_servers, who, replies, "question", {})
    replies = answer_until(live_servers, who, replies, "bundle",
                           {"gift_owned": "he has none of those"})
    assert "As a gift for your dad" in text(replies)
    offer = live_servers.say(who, "/take_all")
    assert "gift receipt" in text(offer)
    replies = live_servers.say(who, "yes, a gift receipt please")
    receipt = custom(replies, "gift_receipt")
    assert receipt["for"] == "your dad" and receipt["items"][0]["quantity"] >= 1
    assert "unit_price" not in receipt["items"][0]
    assert "remember" in text(replies)
    replies = live_servers.say(who, "no thank you")
    assert "I won't keep anything about you" in text(replies)
    with session_scope(live_servers.database_url) as session:
        assert session.scalar(select(func.count()).select_from(ClientLink)
                              .where(ClientLink.sender_id == who)) == 0


def test_a_person_on_request_with_everything_said(live_servers) -> None:
    who = sender("person")
    live_servers.say(who, "I need to put up a shelf")
    replies = live_servers.say(who, "could I talk to an actual person please")
    assert custom(replies, "handoff")["reason"] == "asked for a person"
    assert "won't need to repeat yourself" in text(replies)
    with session_scope(live_servers.database_url) as session:
        summary = session.scalar(select(Handoff.summary).where(Handoff.sender_id == who))
    assert summary["job"] == "put_up_shelf" and summary["pending_question"]
    assert summary["transcript"] == ["I need to put up a shelf",
                                     "could I talk to an actual person please"]
