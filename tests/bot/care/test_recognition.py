"""Recognition by code and name: nothing before proof, the same answer for any wrong pair,
and limits per conversation, address and code that only a person lifts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from sqlalchemy import func, select

from bot.care.clients import client_for, remember
from bot.care.codes import format_code
from bot.care.limits import ADDRESS, CODE, CONVERSATION, Key, Limits, SqlLimitStore, code_digest
from bot.care.models import Client, ClientLink, RecognitionFailure
from bot.care.recognition import (
    CLAIMED_CODE,
    LOCKED,
    NO_MATCH,
    RECOGNISED,
    SECOND_FACTOR,
    WAIT,
    Recognition,
    Verdict,
)
from bot.consultation import Message
from bot.db import session_scope

NOW = datetime(2026, 11, 23, 10)
NO_DELAY = Limits(base_delay_s=0.0)
NOBODYS = "7KQXM4PARW"


@pytest.fixture
def recognition(small_db: str) -> Iterator[Recognition]:
    with session_scope(small_db) as session:
        yield Recognition(session, SqlLimitStore(session), NO_DELAY)


def client(recognition: Recognition, name: Optional[str] = "Sam", code: Optional[str] = None,
           sender: str = "web-1") -> Client:
    remembered = remember(recognition.session, sender, name=name, now=NOW)
    if code:
        remembered.code = code
    recognition.session.flush()
    return remembered


def attempt(recognition: Recognition, code: str, name: str, sender: str = "tablet-1",
            address: Optional[str] = "203.0.113.7",
            at: datetime = NOW) -> Tuple[Dict[str, Any], Any, List[Message]]:
    """A code, then a name, as a shopper gives them (a locked key stops it at the code)."""
    state, said = recognition.code_given(None, f"hello, my code is {format_code(code)}", sender,
                                         address)
    if said[0].custom["status"] == LOCKED:
        return state, Verdict(LOCKED), said
    assert state["pending"] == SECOND_FACTOR
    return recognition.factor_given(state, name, sender, address, at)


def shown(messages: List[Message]) -> List[Tuple[Optional[str], Any]]:
    return [(m.text, m.custom) for m in messages]


def test_a_code_alone_reveals_and_changes_nothing(recognition: Recognition) -> None:
    sam = client(recognition)
    answers = [recognition.code_given({"pending": None}, f"hi, my code is {code}", "tablet-1",
                                      "203.0.113.7") for code in (sam.code, NOBODYS)]
    (known, said_known), (unknown, said_unknown) = answers
    assert shown(said_known) == shown(said_unknown)
    assert "Sam" not in said_known[0].text
    assert known["pending"] == unknown["pending"] == SECOND_FACTOR
    assert known[CLAIMED_CODE] == sam.code and unknown[CLAIMED_CODE] == NOBODYS
    assert client_for(recognition.session, "tablet-1") is None


def test_the_right_code_and_name_link_the_conversation(recognition: Recognition) -> None:
    sam = client(recognition)
    state, verdict, said = attempt(recognition, sam.code, "my name is sam")
    assert verdict.status == RECOGNISED and verdict.client is sam and said == []
    assert state["pending"] is None and state[CLAIMED_CODE] is None
    assert client_for(recognition.session, "tablet-1") is sam


def test_a_wrong_code_and_a_wrong_name_look_the_same_and_both_count(
        recognition: Recognition) -> None:
    sam = client(recognition)
    _, wrong_code, said_code = attempt(recognition, NOBODYS, "Sam", sender="tablet-1")
    _, wrong_name, said_name = attempt(recognition, sam.code, "Pam", sender="tablet-2")
    assert wrong_code.status == wrong_name.status == NO_MATCH
    assert shown(said_code) == shown(said_name)
    assert said_code[0].custom == {"type": "recognition", "status": NO_MATCH,
                                   "retry_after_s": 0.0}
    assert client_for(recognition.session, "tablet-2") is None
    assert recognition.session.scalar(select(func.count()).select_from(RecognitionFailure)) == 2


def test_a_client_without_a_name_cannot_be_recognised_by_code(recognition: Recognition) -> None:
    nameless = client(recognition, name=None)
    for answer in ("", "none", "I didn't give one"):
        assert recognition.verify(nameless.code, answer, sender_id="t", address="a",
                                  now=NOW).status == NO_MATCH


def test_a_legacy_code_is_accepted_and_replaced(recognition: Recognition) -> None:
    sam = client(recognition, code="K7F3Q2")
    _, verdict, said = attempt(recognition, "K7F3Q2", "Sam")
    assert verdict.status == RECOGNISED and len(sam.code) == 10 and verdict.new_code == sam.code
    assert format_code(sam.code) in said[0].text
    _, again, _ = attempt(recognition, "K7F3Q2", "Sam", sender="tablet-9")
    assert again.status == NO_MATCH


def test_a_conversation_is_locked_after_three_failures_even_for_the_right_pair(
        recognition: Recognition) -> None:
    sam = client(recognition)
    statuses = [attempt(recognition, NOBODYS, "Sam", address=f"203.0.113.{n}")[1]
                for n in range(3)]
    assert [v.status for v in statuses] == [NO_MATCH] * 3
    assert [v.locked for v in statuses] == [False, False, True]
    state, said = recognition.code_given(None, f"my code is {sam.code}", "tablet-1",
                                         "198.51.100.1")
    assert state["pending"] is None and said[0].custom["status"] == LOCKED
    assert recognition.verify(sam.code, "Sam", sender_id="tablet-1", address="198.51.100.1",
                              now=NOW).status == LOCKED
    assert client_for(recognition.session, "tablet-1") is None


def test_an_address_is_locked_after_ten_failures_from_any_conversations(
        recognition: Recognition) -> None:
    verdicts = [attempt(recognition, NOBODYS[:-1] + c, "Sam", sender=f"bot-{n}")[1]
                for n, c in enumerate("23456789AB")]
    assert [v.locked for v in verdicts] == [False] * 9 + [True]
    sam = client(recognition)
    assert attempt(recognition, sam.code, "Sam", sender="fresh")[1].status == LOCKED
    assert attempt(recognition, sam.code, "Sam", sender="fresh", address="198.51.100.1")[1] \
        .status == RECOGNISED


def test_a_code_is_locked_after_five_failures_and_a_person_lifts_it(
        recognition: Recognition) -> None:
    sam = client(recognition)
    for n in range(5):
        attempt(recognition, sam.code, f"Guess{'x' * n}", sender=f"s{n}", address=f"192.0.2.{n}")
    assert attempt(recognition, sam.code, "Sam", sender="sams-phone",
                   address="198.51.100.1")[1].status == LOCKED
    recognition.store.lift(Key(CODE, code_digest(sam.code)))
    assert attempt(recognition, sam.code, "Sam", sender="sams-phone",
                   address="198.51.100.1")[1].status == RECOGNISED


def test_a_code_nobody_has_is_locked_the_same_way(recognition: Recognition) -> None:
    for n in range(5):
        attempt(recognition, NOBODYS, "Sam", sender=f"s{n}", address=f"192.0.2.{n}")
    assert attempt(recognition, NOBODYS, "Sam", sender="s9", address="198.51.100.1")[1] \
        .status == LOCKED


def test_the_wait_grows_and_an_early_attempt_is_not_checked(small_db: str) -> None:
    with session_scope(small_db) as session:
        recognition = Recognition(session, SqlLimitStore(session), Limits(base_delay_s=10))
        sam = client(recognition)
        _, first, said = attempt(recognition, NOBODYS, "Sam")
        assert first.retry_after == timedelta(seconds=10) and "in 10 seconds" in said[0].text
        state, early, said = attempt(recognition, sam.code, "Sam", at=NOW + timedelta(seconds=3))
        assert early.status == WAIT and said[0].custom["retry_after_s"] == 7.0
        assert state["pending"] == SECOND_FACTOR  # the name can be given again after the wait
        assert client_for(session, "tablet-1") is None
        _, second, _ = attempt(recognition, NOBODYS, "Sam", at=NOW + timedelta(seconds=11))
        assert second.retry_after == timedelta(seconds=20)


def test_a_burst_is_logged(small_db: str, caplog: pytest.LogCaptureFixture) -> None:
    with session_scope(small_db) as session:
        recognition = Recognition(session, SqlLimitStore(session),
                                  Limits(base_delay_s=0.0, burst_failures=4))
        with caplog.at_level(logging.WARNING, logger="bot.care.recognition"):
            for n in range(4):
                attempt(recognition, NOBODYS[:-1] + "23456789"[n], "Sam", sender=f"b{n}",
                        address=f"192.0.2.{n}")
    bursts = [r.getMessage() for r in caplog.records if "burst" in r.getMessage()]
    assert bursts == ["burst of failed recognitions: 4 in the last 0:10:00, from 4 address(es) "
                      "and 4 conversation(s); see `bot security report`"]


def test_a_message_without_a_code_is_answered_plainly(recognition: Recognition) -> None:
    state, said = recognition.code_given(None, "hi, my code is on my other phone", "t", "a")
    assert "doesn't look like a client code" in said[0].text and not state.get("pending")


def test_nothing_links_before_proof(recognition: Recognition) -> None:
    sam = client(recognition)
    recognition.code_given(None, f"my code is {sam.code}", "tablet-1", "a")
    links = recognition.session.scalar(select(func.count()).select_from(ClientLink))
    assert links == 1  # only the conversation where Sam agreed to be remembered
    assert {c.kind for c in recognition.store.peek([Key(CONVERSATION, "tablet-1"),
                                                    Key(ADDRESS, "a")])} == {CONVERSATION, ADDRESS}
