"""Recognition by code and name: nothing before proof, the same answer for any wrong pair,
and limits per conversation, address and code that only a person lifts."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Iterator, Optional

import pytest
from sqlalchemy import func, select

from bot.care.clients import client_for, remember
from bot.care.limits import ADDRESS, CODE, CONVERSATION, Key, Limits, SqlLimitStore, code_digest
from bot.care.models import Client, ClientLink, RecognitionFailure
from bot.care.recognition import LOCKED, NO_MATCH, RECOGNISED, WAIT, Recognition, Verdict
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
            address: Optional[str] = "203.0.113.7", at: datetime = NOW) -> Verdict:
    """A code, then a name, as a shopper gives them (a locked key stops it at the code)."""
    if recognition.locked(sender, address, code):
        return Verdict(LOCKED)
    return recognition.verify(code, name, sender_id=sender, address=address, now=at)


def test_the_right_code_and_name_link_the_conversation(recognition: Recognition) -> None:
    sam = client(recognition)
    verdict = attempt(recognition, sam.code, "my name is sam")
    assert verdict.status == RECOGNISED and verdict.client is sam
    assert client_for(recognition.session, "tablet-1") is sam


def test_a_wrong_code_and_a_wrong_name_look_the_same_and_both_count(
        recognition: Recognition) -> None:
    sam = client(recognition)
    wrong_code = attempt(recognition, NOBODYS, "Sam", sender="tablet-1")
    wrong_name = attempt(recognition, sam.code, "Pam", sender="tablet-2")
    assert wrong_code == wrong_name and wrong_code.status == NO_MATCH
    assert client_for(recognition.session, "tablet-2") is None
    assert recognition.session.scalar(select(func.count()).select_from(RecognitionFailure)) == 2


def test_a_client_without_a_name_cannot_be_recognised_by_code(recognition: Recognition) -> None:
    nameless = client(recognition, name=None)
    for answer in ("", "none", "I didn't give one"):
        assert recognition.verify(nameless.code, answer, sender_id="t", address="a",
                                  now=NOW).status == NO_MATCH


def test_a_legacy_code_is_accepted_and_replaced(recognition: Recognition) -> None:
    sam = client(recognition, code="K7F3Q2")
    verdict = attempt(recognition, "K7F3Q2", "Sam")
    assert verdict.status == RECOGNISED and len(sam.code) == 10 and verdict.new_code == sam.code
    again = attempt(recognition, "K7F3Q2", "Sam", sender="tablet-9")
    assert again.status == NO_MATCH


def test_a_conversation_is_locked_after_three_failures_even_for_the_right_pair(
        recognition: Recognition) -> None:
    sam = client(recognition)
    statuses = [attempt(recognition, NOBODYS, "Sam", address=f"203.0.113.{n}")
                for n in range(3)]
    assert [v.status for v in statuses] == [NO_MATCH] * 3
    assert [v.locked for v in statuses] == [False, False, True]
    assert recognition.locked("tablet-1", "198.51.100.1", sam.code)
    assert recognition.verify(sam.code, "Sam", sender_id="tablet-1", address="198.51.100.1",
                              now=NOW).status == LOCKED
    assert client_for(recognition.session, "tablet-1") is None


def test_an_address_is_locked_after_ten_failures_from_any_conversations(
        recognition: Recognition) -> None:
    verdicts = [attempt(recognition, NOBODYS[:-1] + c, "Sam", sender=f"bot-{n}")
                for n, c in enumerate("23456789AB")]
    assert [v.locked for v in verdicts] == [False] * 9 + [True]
    sam = client(recognition)
    assert attempt(recognition, sam.code, "Sam", sender="fresh").status == LOCKED
    assert attempt(recognition, sam.code, "Sam", sender="fresh",
                   address="198.51.100.1").status == RECOGNISED


def test_a_code_is_locked_after_five_failures_and_a_person_lifts_it(
        recognition: Recognition) -> None:
    sam = client(recognition)
    for n in range(5):
        attempt(recognition, sam.code, f"Guess{'x' * n}", sender=f"s{n}", address=f"192.0.2.{n}")
    assert attempt(recognition, sam.code, "Sam", sender="sams-phone",
                   address="198.51.100.1").status == LOCKED
    recognition.store.lift(Key(CODE, code_digest(sam.code)))
    assert attempt(recognition, sam.code, "Sam", sender="sams-phone",
                   address="198.51.100.1").status == RECOGNISED


def test_a_code_nobody_has_is_locked_the_same_way(recognition: Recognition) -> None:
    for n in range(5):
        attempt(recognition, NOBODYS, "Sam", sender=f"s{n}", address=f"192.0.2.{n}")
    assert attempt(recognition, NOBODYS, "Sam", sender="s9",
                   address="198.51.100.1").status == LOCKED


def test_the_wait_grows_and_an_early_attempt_is_not_checked(small_db: str) -> None:
    with session_scope(small_db) as session:
        recognition = Recognition(session, SqlLimitStore(session), Limits(base_delay_s=10))
        sam = client(recognition)
        first = attempt(recognition, NOBODYS, "Sam")
        assert first.retry_after == timedelta(seconds=10)
        early = attempt(recognition, sam.code, "Sam", at=NOW + timedelta(seconds=3))
        assert early.status == WAIT and early.retry_after == timedelta(seconds=7)
        assert client_for(session, "tablet-1") is None
        second = attempt(recognition, NOBODYS, "Sam", at=NOW + timedelta(seconds=11))
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


def test_nothing_links_before_proof(recognition: Recognition) -> None:
    sam = client(recognition)
    recognition.locked("tablet-1", "a", sam.code)
    links = recognition.session.scalar(select(func.count()).select_from(ClientLink))
    assert links == 1  # only the conversation where Sam agreed to be remembered
    assert {c.kind for c in recognition.store.peek([Key(CONVERSATION, "tablet-1"),
                                                    Key(ADDRESS, "a")])} == {CONVERSATION, ADDRESS}
