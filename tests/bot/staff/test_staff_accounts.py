"""Staff accounts: Argon2id hashes only, sign-in slowed after repeated failures (per name
and per address), sessions that end, and the roles' pages."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Iterator

import pytest
from sqlalchemy.orm import Session

from bot.db import session_scope
from bot.staff.accounts import (
    AccountError,
    SignInLimits,
    add_account,
    end_session,
    find_account,
    first_name,
    may_use,
    open_session,
    session_of,
    sign_in,
)
from bot.staff.models import StaffSession
from bot.staff.tokens import digest, sign, unsign
from bot.store import ensure_tables

NOW = datetime(2026, 12, 1, 9, 0)
PASSWORD = "correct horse battery"
LIMITS = SignInLimits(base_delay_s=1.0)


@pytest.fixture
def db(tmp_path) -> Iterator[Session]:
    url = f"sqlite:///{tmp_path / 'staff.db'}"
    ensure_tables(url)
    with session_scope(url) as session:
        add_account(session, "Sam Taylor", "attendant", PASSWORD, NOW)
        yield session


def test_only_a_hash_is_kept(db: Session) -> None:
    account = find_account(db, "Sam  Taylor")  # spaces folded
    assert account is not None and account.password_hash.startswith("$argon2id$")
    assert PASSWORD not in account.password_hash
    assert first_name(account) == "Sam"


@pytest.mark.parametrize("name, role, password, problem", [
    ("Sam Taylor", "attendant", PASSWORD, "already"), ("", "attendant", PASSWORD, "name"),
    ("Alex", "cashier", PASSWORD, "role"), ("Alex", "manager", "short", "at least 10"),
])
def test_accounts_are_checked(db: Session, name: str, role: str, password: str,
                              problem: str) -> None:
    with pytest.raises(AccountError, match=problem):
        add_account(db, name, role, password, NOW)


def test_the_right_password_signs_in(db: Session) -> None:
    result = sign_in(db, "Sam Taylor", PASSWORD, "10.0.0.1", NOW, LIMITS)
    assert result.account is not None and result.account.name == "Sam Taylor"


def test_failures_slow_the_next_attempts_down(db: Session) -> None:
    for _ in range(3):  # typos are free
        assert sign_in(db, "Sam Taylor", "wrong", "10.0.0.1", NOW, LIMITS).wait_s == 0
    assert sign_in(db, "Sam Taylor", "wrong", "10.0.0.1", NOW, LIMITS).account is None
    # The fourth failure costs a second: even the right password waits, unchecked.
    early = sign_in(db, "Sam Taylor", PASSWORD, "10.0.0.1", NOW, LIMITS)
    assert early.account is None and early.wait_s == pytest.approx(1.0)
    # From another address the name still waits (a guesser cannot spread over addresses).
    assert sign_in(db, "Sam Taylor", PASSWORD, "10.0.0.2", NOW, LIMITS).wait_s > 0
    # Other names from the same address are not slowed before 20 failures (a shop's staff
    # share an address).
    assert sign_in(db, "Alex", "wrong", "10.0.0.1", NOW, LIMITS).wait_s == 0
    later = NOW + timedelta(seconds=1)
    assert sign_in(db, "Alex", "wrong", "10.0.0.1", later, LIMITS).wait_s == 0
    assert sign_in(db, "Sam Taylor", PASSWORD, "10.0.0.1", later, LIMITS).account is not None
    # Success forgives the name, so the next mistake is free again.
    assert sign_in(db, "Sam Taylor", "wrong", "10.0.0.3", later, LIMITS).wait_s == 0


def test_an_unknown_name_is_refused_like_a_wrong_password(db: Session) -> None:
    result = sign_in(db, "Nobody", PASSWORD, "10.0.0.1", NOW, LIMITS)
    assert result.account is None and result.wait_s == 0


def test_sessions_are_found_by_token_and_end(db: Session) -> None:
    account = find_account(db, "Sam Taylor")
    assert account is not None
    token, row = open_session(db, account, NOW)
    assert row.token_digest == digest(token) and db.get(StaffSession, token) is None
    found = session_of(db, token, NOW + timedelta(hours=1))
    assert found is not None and found[1].id == account.id
    assert session_of(db, token, NOW + timedelta(hours=13)) is None  # expired
    assert session_of(db, "made-up", NOW) is None
    end_session(db, token)
    assert session_of(db, token, NOW) is None


def test_an_inactive_account_has_no_session(db: Session) -> None:
    account = find_account(db, "Sam Taylor")
    assert account is not None
    token, _ = open_session(db, account, NOW)
    account.active = False
    assert session_of(db, token, NOW) is None and not may_use(account, "tablet")


@pytest.mark.parametrize("role, tablet, desk", [
    ("attendant", True, True), ("manager", True, True), ("trainer", False, False)])
def test_roles_and_pages(db: Session, role: str, tablet: bool, desk: bool) -> None:
    account = add_account(db, f"A {role}", role, PASSWORD, NOW)
    assert (may_use(account, "tablet"), may_use(account, "desk")) == (tablet, desk)
    assert not may_use(account, "anything else")


def test_signed_values_refuse_forgeries() -> None:
    secret = "s" * 40
    signed = sign(secret, "token-1", "session")
    assert unsign(secret, signed, "session") == "token-1"
    assert unsign(secret, signed, "device") is None  # signed for another purpose
    assert unsign("t" * 40, signed, "session") is None
    assert unsign(secret, "token-2" + signed[7:], "session") is None
    for forged in (None, "", "token-1", "token-1.", ".abc"):
        assert unsign(secret, forged, "session") is None
