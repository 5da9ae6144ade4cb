"""Being recognised on another device, and being forgotten, as conversation.

A client code alone changes and tells nothing: whatever code is given, the shopper is asked
for the name that goes with it, and what comes of the pair is said the same way whichever
part was wrong (the check and its limits: ``bot.care.recognition``). Only a match links the
conversation to the client, and only then are they greeted by name. "Forget me" in a
conversation linked to a client is confirmed first (saying it again confirms), and every
deletion is audited (``bot.care.erasure``).
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Callable, List, Optional, Tuple

from bot.care.codes import code_in, format_code, mentions_a_code
from bot.care.erasure import needs_confirmation
from bot.care.recognition import LOCKED, WAIT, Recognition
from bot.dialogue.care import CareFlow
from bot.dialogue.replies import Act, Choice, Recognised, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Conversation, Waiting
from bot.dialogue.turn import Meaning, Turn

SECOND_FACTOR, NO_MATCH, NOT_A_CODE = "second_factor", "no_match", "not_a_code"


class RecognitionFlow:
    """Codes, names and confirmations, over the shop's services."""

    def __init__(self, services: Services, care: CareFlow,
                 check: Optional[Callable[[], Recognition]] = None) -> None:
        self.s = services
        self.care = care
        # The check and its limits (tests give their own, with no delays).
        self.check = check or (lambda: Recognition.over(self.s.session))

    def claims_a_code(self, turn: Turn) -> bool:
        """A message that gives a client code (a greeting that only mentions one, too)."""
        if code_in(turn.text) is not None:
            return True
        return turn.meaning is Meaning.GREETING and mentions_a_code(turn.text)

    def code_given(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Ask for the name that goes with the code: the same for any code (a code alone is
        checked against nothing, and counts against nothing)."""
        w = self.s.words
        code = code_in(turn.text)
        if code is None:
            return [Recognised(w.say("not_a_code"), NOT_A_CODE)]
        if self.check().locked(turn.sender, turn.source, code):
            conv.care.claimed_code, conv.waiting = None, Waiting.NOTHING
            return [Recognised(w.say("checks_stopped"), LOCKED)]
        conv.care.claimed_code, conv.waiting = code, Waiting.SECOND_FACTOR
        return [Recognised(w.say("ask_name_for_code"), SECOND_FACTOR)]

    def name_given(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The answer to "what name did you give me?": the pair checked, under the limits."""
        w = self.s.words
        verdict = self.check().verify(conv.care.claimed_code or "", turn.text,
                                       sender_id=turn.sender, address=turn.source, now=turn.now)
        if verdict.status == WAIT:
            return [Recognised(w.say("wait_then_name", wait=self._spoken(verdict.retry_after)),
                               WAIT, round(verdict.retry_after.total_seconds(), 3))]
        conv.care.claimed_code, conv.waiting = None, Waiting.NOTHING
        if verdict.recognised:
            replies = self.care.greet(conv, turn)
            if verdict.new_code:
                replies.append(Say(w.say("new_code", code=format_code(verdict.new_code))))
            return replies
        if verdict.status == LOCKED:
            return [Recognised(w.say("checks_stopped"), LOCKED)]
        if verdict.locked:
            return [Recognised(w.join(w.say("no_match"), w.say("checks_stopped")), NO_MATCH,
                               locked=True)]
        wait = verdict.retry_after
        when = w.say("try_again_in", wait=self._spoken(wait)) if wait else ""
        return [Recognised(w.join(w.say("no_match"), w.say("try_again", when=when)), NO_MATCH,
                           round(wait.total_seconds(), 3))]

    def forget_me(self, conv: Conversation, turn: Turn) -> Tuple[List[str], List[Reply]]:
        """ "Forget me": a remembered client confirms first (saying it again confirms);
        anyone else's conversation is forgotten at once. The conversations to delete, and
        the replies."""
        confirming = conv.waiting is Waiting.FORGET_CONFIRM
        if not confirming and needs_confirmation(self.s.session, turn.sender):
            w = self.s.words
            conv.waiting = Waiting.FORGET_CONFIRM
            return [], [Say(w.say("confirm_forget"),
                            (Choice(w.say("yes_delete_all"), Act(Meaning.YES)),
                             Choice(w.say("no_keep_it"), Act(Meaning.NO))))]
        return self.care.forget_me(turn)

    def kept(self, conv: Conversation) -> List[Reply]:
        """The client said no: nothing deleted."""
        conv.waiting = Waiting.NOTHING
        return [Say(self.s.words.say("kept_everything"))]

    def _spoken(self, span: timedelta) -> str:
        """A wait as a shopper reads it: "a moment", "8 seconds", "4 minutes"."""
        seconds = span.total_seconds()
        if seconds < 1:
            return self.s.words.say("a_moment")
        if seconds < 90:
            return self.s.words.say("seconds", n=math.ceil(seconds))
        return self.s.words.say("minutes", n=math.ceil(seconds / 60))
