"""Recognising a returning client on another device: their code, then a second factor
(the name they gave), under limits that hold against guessing.

Nothing personal before proof. A code alone changes nothing and tells nothing: whatever
code is given (a client's, or one nobody has), the shopper is asked for the name, and a
wrong pair gets the same answer and the same work (one lookup, one constant-time
comparison, three counters written) whether the code, the name or both were wrong. Only
when both match is the conversation linked to the client; the greeting by name, their
last project and their purchases follow from that link.

Every checked attempt is counted against the conversation, the source address and the
code (``bot.care.limits``); the counts are written before the check, in the same
transaction, so concurrent attempts in several server processes cannot slip past a
limit. A burst of failures is logged as a warning and listed by ``bot security report``.

The conversation around it (asking for the name, saying what came of it) is the
dialogue's (``bot.dialogue.recognition``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import List, Optional

from sqlalchemy.orm import Session

from bot.care.clients import by_code, link, new_code
from bot.care.codes import is_legacy
from bot.care.limits import (
    CODE,
    UNKNOWN_ADDRESS,
    Counter,
    Failure,
    Limits,
    LimitStore,
    SqlLimitStore,
    cleared,
    code_digest,
    fail,
    keys_for,
    wait,
)
from bot.care.models import Client
from bot.care.names import same_name

logger = logging.getLogger(__name__)

RECOGNISED, NO_MATCH, WAIT, LOCKED = "recognised", "no_match", "wait", "locked"


@dataclass(frozen=True)
class Verdict:
    """What a checked attempt came to."""

    status: str
    client: Optional[Client] = None
    retry_after: timedelta = timedelta(0)
    new_code: Optional[str] = None
    locked: bool = False
    """A failure that reached a limit: no further attempt will be checked."""

    @property
    def recognised(self) -> bool:
        return self.status == RECOGNISED


@dataclass
class Recognition:
    """Recognition by code and name over one database session (one action call)."""

    session: Session
    store: LimitStore
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def over(cls, session: Session) -> "Recognition":
        """Recognition with the limits in the database and the delays from the environment."""
        return cls(session, SqlLimitStore(session), Limits.from_environment())

    def locked(self, sender_id: str, address: Optional[str], code: str) -> bool:
        """Whether checking is stopped for this conversation, address or code (looked at
        without counting: a code alone is checked against nothing)."""
        return any(c.locked for c in self.store.peek(keys_for(sender_id, address, code)))

    # -- the check -------------------------------------------------------------------------

    def verify(self, code: str, answer: str, *, sender_id: str, address: Optional[str],
               now: datetime) -> Verdict:
        """Check a code and a name, counting the attempt against every limit first.

        Args:
            code: the normalised code given (``bot.care.codes.code_in``).
            answer: the shopper's words for the second factor.
            sender_id: the conversation.
            address: where the message came from (None: the channel did not say).
            now: the time of the attempt.
        """
        counters = self.store.attempt(keys_for(sender_id, address, code), now)
        if any(c.locked for c in counters):
            return Verdict(LOCKED)
        pause = wait(counters, now)
        if pause > timedelta(0):
            return Verdict(WAIT, retry_after=pause)
        client = by_code(self.session, code) if code else None
        if same_name(client.name if client else None, answer) and client is not None:
            return self._recognised(client, counters, sender_id)
        return self._failed(counters, code, sender_id, address, now)

    def _recognised(self, client: Client, counters: List[Counter], sender_id: str) -> Verdict:
        # Only the code's own failures are forgiven: forgiving the address or the
        # conversation would let an attacker reset them by recognising themselves.
        self.store.save([cleared(c) for c in counters if c.kind == CODE])
        link(self.session, client, sender_id)
        replaced = None
        if is_legacy(client.code):
            client.code = replaced = new_code(self.session)
        logger.info("client recognised by code in conversation %s", sender_id)
        return Verdict(RECOGNISED, client, new_code=replaced)

    def _failed(self, counters: List[Counter], code: str, sender_id: str,
                address: Optional[str], now: datetime) -> Verdict:
        failed = [fail(c, self.limits, now) for c in counters]
        self.store.save(failed)
        self.store.log_failure(Failure(now, sender_id, address or UNKNOWN_ADDRESS,
                                       code_digest(code)))
        for after in failed:
            if after.locked:  # newly: an attempt on a locked key is never checked
                logger.warning("recognition locked for %s after %d failures; only a person "
                               "can lift it (bot security lift)", _shown(after), after.failures)
        self._watch_for_bursts(now)
        return Verdict(NO_MATCH, retry_after=wait(failed, now),
                       locked=any(c.locked for c in failed))

    def _watch_for_bursts(self, now: datetime) -> None:
        recent = self.store.failures_since(now - self.limits.burst_window)
        threshold = self.limits.burst_failures
        if len(recent) >= threshold and len(recent) % threshold == 0:
            logger.warning("burst of failed recognitions: %d in the last %s, from %d "
                           "address(es) and %d conversation(s); see `bot security report`",
                           len(recent), self.limits.burst_window,
                           len({f.address for f in recent}), len({f.sender_id for f in recent}))


def _shown(counter: Counter) -> str:
    """A key as the log shows it: a code only by the start of its digest."""
    kind, _, value = counter.key.partition(":")
    return f"{kind} {value[:12] if kind == CODE else value}"
