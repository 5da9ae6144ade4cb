"""An attendant's shortcuts (the tablet): skip the open question, or finish now with the
safest list.

A shopper in the aisle may not know the answer, or may be in a hurry. Both shortcuts take,
for each question they pass over, its safe option (the one that also covers the others:
fixings for the heavier load hold a light one too) or, where the question has none, its
likeliest option by the data's weights. The answer is kept as *assumed*, so a staff face
shows it as such and one tap changes it (the list follows, as for any changed answer).
The job itself is never assumed: there is no safe guess at what someone wants to do.
"""

from __future__ import annotations

from typing import List, Optional

from bot.dialogue.asking import Asker
from bot.dialogue.replies import Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Consultation, Conversation
from bot.knowledge import JOB_QUESTION, Option


class Shortcuts:
    """Skip and finish now, over the consultation's asker."""

    def __init__(self, services: Services, asker: Asker) -> None:
        self.s = services
        self.asker = asker

    def skip(self, conv: Conversation) -> List[Reply]:
        """Pass over the open question: its safe (or likeliest) answer, said, then on."""
        c = conv.consultation
        question = self.s.pending_question(c)
        if question is None:
            return [Say(self.s.words.say("nothing_to_skip"))]
        if question.key == JOB_QUESTION:
            return [Say(self.s.words.say("job_first"))]  # the question stands, not asked again
        option = self.assume(c, question.key)
        note = self.s.words.say("skipped", option=option.label) if option else ""
        return self.asker.advance(conv, [note])

    def finish_now(self, conv: Conversation) -> List[Reply]:
        """The list at once: every question still open gets its safe (or likeliest)
        answer, and the shopper is told which."""
        c = conv.consultation
        if JOB_QUESTION not in self.s.settled(c):
            return [Say(self.s.words.say("job_first"))]
        assumed: List[str] = []
        while True:
            step = self.s.engine.next_step(self.s.known(c))
            if step.done or step.question is None:
                break
            option = self.assume(c, step.question.key)
            if option is None:  # cannot happen with a consistent engine; never loop on it
                break
            assumed.append(option.label)
        note = self.s.words.say("finished_early", answers=self.s.words.listing(assumed)) \
            if assumed else ""
        return self.asker.advance(conv, [note])

    def assume(self, c: Consultation, key: str) -> Optional[Option]:
        """Take the safe option of a question (else its likeliest) among those still
        possible, as an assumed answer; the option, or None when none is possible."""
        question = self.s.knowledge.question(key)
        possible = {s.answers.get(key) for s in self.s.engine.candidates(self.s.known(c))}
        options = [o for o in question.options if o.key in possible]
        if not options:
            return None
        safe = next((o for o in options if o.key == question.safe_option), None)
        option = safe or max(options, key=lambda o: o.weight)
        c.known[key] = (option.key,)
        c.assumed[key] = option.key
        return option
