"""Staff accounts, signing in, and sessions.

- Passwords are kept only as Argon2id hashes (argon2-cffi's ``PasswordHasher``, its RFC 9106
  defaults), and re-hashed on sign-in when those defaults grow.
- Failed sign-ins slow the next ones down, per account name and per address, with the
  counters and policy of the client-code limits (``bot.care.limits``): the first few
  failures are free (typos: 3 per name; 20 per address, which a shop's staff share), then
  each doubles the wait (1, 2, 4 ... seconds, at most five minutes). An attempt inside the
  wait is refused unchecked, so a guesser gets a few hundred tries a day per name, not
  millions, from any number of addresses. There is no lock-out: a locked-out attendant in
  a busy shop would be worse than the slowdown.
- A session is a random token: the browser keeps it (signed, in an HttpOnly cookie: the
  web side's job), the database its digest, the account and a second token that the
  staff's pages send with every request that changes something (against cross-site
  request forgery). Sessions end after ``SESSION_HOURS`` or on signing out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import FrozenSet, List, Mapping, Optional, Tuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.care.limits import Key, Limits, SqlLimitStore, cleared, fail, wait
from bot.staff.models import StaffAccount, StaffSession
from bot.staff.tokens import digest, new_token

ROLES = ("attendant", "trainer", "manager")
PAGES: Mapping[str, FrozenSet[str]] = {
    "tablet": frozenset({"attendant", "manager"}),
    "desk": frozenset({"attendant", "manager"}),
    "replay": frozenset({"trainer", "manager"}),  # replays, stories, sets, export
}
"""Which roles may use which staff page."""
MIN_PASSWORD_CHARS = 10
MAX_NAME_CHARS = 80
SESSION_HOURS = 12
NAME, ADDRESS = "staff_name", "staff_address"  # kinds of key the failures count against
FREE_FAILURES = {NAME: 3, ADDRESS: 20}
DELAY_VARIABLE = "BOT_SIGN_IN_DELAY_S"
NEVER = 10 ** 9

_hasher = PasswordHasher()
# Checked against when the name is unknown, so that an unknown name costs the same time.
_UNKNOWN = _hasher.hash("no such account: the same work as a real one")


class AccountError(ValueError):
    """An account that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class SignInLimits(Limits):
    """The client-code limits' policy, with free failures first and no lock-out."""

    lock_after: Mapping[str, int] = field(default_factory=lambda: {NAME: NEVER, ADDRESS: NEVER})
    base_delay_s: float = 1.0
    max_delay_s: float = 300.0
    free_failures: int = FREE_FAILURES[NAME]

    @classmethod
    def from_environment(cls, environ: Optional[Mapping[str, str]] = None) -> "SignInLimits":
        """The limits, with the first wait from ``BOT_SIGN_IN_DELAY_S`` when set."""
        raw = (os.environ if environ is None else environ).get(DELAY_VARIABLE)
        try:
            return cls(base_delay_s=max(0.0, float(raw))) if raw else cls()
        except ValueError:
            return cls()

    def for_kind(self, kind: str) -> "SignInLimits":
        """The same limits with the free failures of one kind of key."""
        return replace(self, free_failures=FREE_FAILURES.get(kind, self.free_failures))

    def delay(self, failures: int) -> timedelta:
        return super().delay(failures - self.free_failures)


@dataclass(frozen=True)
class SignIn:
    """How a sign-in went: the account (None: refused), or how long to wait first."""

    account: Optional[StaffAccount]
    wait_s: float = 0.0


def add_account(session: Session, name: str, role: str, password: str,
                now: datetime) -> StaffAccount:
    """A new account (the password hashed here, never kept).

    Raises:
        AccountError: the name is taken or empty, the role unknown, the password short.
    """
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise AccountError(f"a name is 1 to {MAX_NAME_CHARS} characters")
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"a password has at least {MIN_PASSWORD_CHARS} characters")
    if find_account(session, name) is not None:
        raise AccountError(f"there is already an account named {name!r}")
    account = StaffAccount(name=name, role=role, password_hash=_hasher.hash(password),
                           created_at=now, active=True)
    session.add(account)
    session.flush()
    return account


def find_account(session: Session, name: str) -> Optional[StaffAccount]:
    found: Optional[StaffAccount] = session.scalar(
        select(StaffAccount).where(StaffAccount.name == " ".join(name.split())))
    return found


def accounts(session: Session) -> List[StaffAccount]:
    return list(session.scalars(select(StaffAccount).order_by(StaffAccount.name)))


def first_name(account: StaffAccount) -> str:
    """What a shopper is told of who joined them: the first name only."""
    name: str = account.name
    return name.split()[0]


def may_use(account: StaffAccount, page: str) -> bool:
    return bool(account.active) and role_may_use(account.role, page)


def role_may_use(role: str, page: str) -> bool:
    return role in PAGES.get(page, frozenset())


def sign_in(session: Session, name: str, password: str, address: str, now: datetime,
            limits: Optional[SignInLimits] = None) -> SignIn:
    """Check a name and password, within the limits on failures (see the module)."""
    limits = limits or SignInLimits.from_environment()
    store = SqlLimitStore(session)
    keys = [Key(NAME, " ".join(name.split()).lower()[:MAX_NAME_CHARS]), Key(ADDRESS, address)]
    waiting = wait(store.peek(keys), now)
    if waiting > timedelta(0):
        return SignIn(None, waiting.total_seconds())
    counters = store.attempt(keys, now)
    account = find_account(session, name)
    if account is None or not account.active or not _verify(account.password_hash, password):
        if account is None:
            _verify(_UNKNOWN, password)
        store.save([fail(c, limits.for_kind(c.kind), now) for c in counters])
        return SignIn(None)
    store.save([cleared(counters[0])])  # the name's failures; never the address's
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    return SignIn(account)


def _verify(hashed: str, password: str) -> bool:
    try:
        return bool(_hasher.verify(hashed, password))
    except (VerificationError, InvalidHashError):
        return False


def open_session(session: Session, account: StaffAccount,
                 now: datetime) -> Tuple[str, StaffSession]:
    """A new session: its token (for the cookie, never stored) and its row."""
    token = new_token()
    row = StaffSession(token_digest=digest(token), staff_id=account.id, csrf=new_token(),
                       created_at=now, expires_at=now + timedelta(hours=SESSION_HOURS))
    session.add(row)
    session.execute(delete(StaffSession).where(StaffSession.expires_at < now))
    session.flush()
    return token, row


def session_of(session: Session, token: str,
               now: datetime) -> Optional[Tuple[StaffSession, StaffAccount]]:
    """The live session of a token and its account, or None (unknown, ended, expired, or
    the account no longer active)."""
    row = session.get(StaffSession, digest(token))
    if row is None or row.expires_at <= now:
        return None
    account = session.get(StaffAccount, row.staff_id)
    if account is None or not account.active:
        return None
    return row, account


def end_session(session: Session, token: str) -> None:
    session.execute(delete(StaffSession).where(StaffSession.token_digest == digest(token)))
