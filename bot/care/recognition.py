"""Recognising a returning client on another device: their code, then a second factor
(the name they gave), under limits that hold against guessing.

Nothing personal before proof. A code alone changes nothing and tells nothing: whatever
code is given (a client's, or one nobody has), the shopper is asked for the name, and a
wrong pair gets the same answer and the same work (one lookup, one constant-time
comparison, three counters written) whether the code, the name or both were wrong. Only
when both match is the conversation linked to the client; the greeting by name, their
last project and their purchases follow from that link (``CareDesk.greet``).

Every checked attempt is counted against the conversation, the source address and the
code (``bot.care.limits``); the counts are written before the check, in the same
transaction, so concurrent attempts in several server processes cannot slip past a
limit. A burst of failures is logged as a warning and listed by ``bot security report``.

The conversation state is the care desk's (the ``care`` slot): ``pending`` is
``SECOND_FACTOR`` while the name is awaited, with the code given in ``CLAIMED_CODE``.
"""

from __future__ import annotations

import copy
import logging
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Dict, List, Mapping, Optional, Tuple

from sqlalchemy.orm import Session

from bot.care.clients import by_code, link, new_code
from bot.care.codes import code_in, format_code, is_legacy
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
from bot.consultation import Message

logger = logging.getLogger(__name__)

SECOND_FACTOR = "second_factor"
CLAIMED_CODE = "claimed_code"
SOURCE_ADDRESS_KEY = "source_address"
"""The message metadata key under which the channels (edge/) put the shopper's address."""

RECOGNISED, NO_MATCH, WAIT, LOCKED = "recognised", "no_match", "wait", "locked"
State = Dict[str, Any]

ASK_NAME = ("Thanks. Before I look you up: what name did you give me when I started "
            "remembering you?")
NOT_A_CODE = ("That doesn't look like a client code: they're 10 letters and digits, like "
              "7KQX-M4PA-RW (older ones have 6).")
NO_MATCH_TEXT = "Sorry, I can't match that code and name."
TRY_AGAIN_TEXT = " Please check both and give me your code again{when}."
WAIT_TEXT = "Please wait {wait}, then tell me the name again."
LOCKED_TEXT = ("For your security I've stopped checking client codes here. A colleague can "
               "unlock it for you: just ask for a person.")
NEW_CODE_TEXT = ("Your client code is now {code}: longer, so nobody can guess it. The old one "
                 "no longer works.")


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

    # -- the conversation ------------------------------------------------------------------

    def code_given(self, state: Optional[Mapping[str, Any]], text: str, sender_id: str,
                   address: Optional[str]) -> Tuple[State, List[Message]]:
        """A message with a code: ask for the name, the same way for any code (nothing is
        counted yet: a code alone is checked against nothing)."""
        state = copy.deepcopy(dict(state or {}))
        code = code_in(text)
        if code is None:
            return state, [_message(NOT_A_CODE, "not_a_code")]
        if any(c.locked for c in self.store.peek(keys_for(sender_id, address, code))):
            state.update(pending=None, **{CLAIMED_CODE: None})
            return state, [_message(LOCKED_TEXT, LOCKED)]
        state.update(pending=SECOND_FACTOR, **{CLAIMED_CODE: code})
        return state, [_message(ASK_NAME, SECOND_FACTOR)]

    def factor_given(self, state: Mapping[str, Any], answer: str, sender_id: str,
                     address: Optional[str], now: datetime) -> Tuple[State, Verdict, List[Message]]:
        """The answer to "what name did you give me?": check the pair and say what came of
        it. On success the conversation is the client's; the caller greets them."""
        state = copy.deepcopy(dict(state))
        code = state.get(CLAIMED_CODE) or ""
        verdict = self.verify(code, answer, sender_id=sender_id, address=address, now=now)
        if verdict.status == WAIT:
            return state, verdict, [_message(WAIT_TEXT.format(wait=_spoken(verdict.retry_after)),
                                             WAIT, verdict.retry_after)]
        state.update(pending=None, **{CLAIMED_CODE: None})
        if verdict.recognised:
            notice = NEW_CODE_TEXT.format(code=format_code(verdict.new_code or ""))
            return state, verdict, [Message(notice)] if verdict.new_code else []
        if verdict.status == LOCKED:
            return state, verdict, [_message(LOCKED_TEXT, LOCKED)]
        if verdict.locked:
            return state, verdict, [_message(f"{NO_MATCH_TEXT} {LOCKED_TEXT}", NO_MATCH,
                                             locked=True)]
        when = f" in {_spoken(verdict.retry_after)}" if verdict.retry_after else ""
        return state, verdict, [_message(NO_MATCH_TEXT + TRY_AGAIN_TEXT.format(when=when),
                                         NO_MATCH, verdict.retry_after)]

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


def _message(text: str, status: str, retry_after: Optional[timedelta] = None,
             locked: bool = False) -> Message:
    """A reply with a ``recognition`` payload (docs/payloads.md): the same for any code."""
    custom: Dict[str, Any] = {"type": "recognition", "status": status}
    if retry_after is not None:
        custom["retry_after_s"] = round(retry_after.total_seconds(), 3)
    if locked:
        custom["locked"] = True
    return Message(text, custom=custom)


def _spoken(span: timedelta) -> str:
    """A wait as a shopper reads it: "a moment", "8 seconds", "4 minutes"."""
    seconds = span.total_seconds()
    if seconds < 1:
        return "a moment"
    if seconds < 90:
        return f"{math.ceil(seconds)} seconds"
    return f"{math.ceil(seconds / 60)} minutes"
