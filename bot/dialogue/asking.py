"""Asking: the engine's next step said to the shopper (a question, the list, or nothing
that fits), and what happens when the shopper cannot answer.

No question is put a third time. A shopper who cannot answer, even with the help, gets the
question's safe choice said plainly, or the next most useful question; when nothing else
is left and there is no safe choice, a colleague takes over.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Sequence, Tuple

from bot.dialogue.gifts import Gifts
from bot.dialogue.items import Items
from bot.dialogue.lists import Lists
from bot.dialogue.replies import Act, Ask, Choice, Reply, Say
from bot.dialogue.services import Services, reworded
from bot.dialogue.state import Consultation, Conversation, DecisionRecord, Stage
from bot.dialogue.turn import Meaning
from bot.discovery import Step
from bot.knowledge import JOB_QUESTION, Question
from bot.language import Reading

OTHER_JOB = "other"  # "something else": a job the shop has nothing for
ASKED_AT_MOST = 2  # times one question is put to the shopper
MISUNDERSTOOD_AT_MOST = 2  # turns in a row not understood, before a colleague takes over
CANNOT_TELL = "could not tell"  # a hand-off's reason, with the question


class Asker:
    """Puts the engine's next step to the shopper."""

    def __init__(self, services: Services, gifts: Gifts, lists: Lists, items: Items) -> None:
        self.s = services
        self.gifts = gifts
        self.lists = lists
        self.items = items

    def advance(self, conv: Conversation, notes: Sequence[str], greeted: bool = False,
                counted: bool = True) -> List[Reply]:
        """The engine's next step: a question, the list, or nothing that fits. Questions the
        shopper cannot answer are settled here, when nothing else is left to ask."""
        c = conv.consultation
        notes = list(notes)
        while True:
            known = self.s.known(c)
            if c.item is not None and JOB_QUESTION not in known:
                # Nothing in our knowledge uses this item: hand it over.
                return self.items.hand_over(conv, Reading())
            step = self.s.engine.next_step(known, self.cannot_answer(c))
            c.decided(record_of(step, conv.turn))
            question = step.question
            if step.decision.action != "ask" or question is None:
                break
            if question.key not in self.cannot_answer(c):
                return [self._ask(conv, question, notes, greeted, counted)]
            settled = self.settle(c, question.key)
            if settled is None:  # no safe choice: a colleague will know how to tell
                conv.needs_person = f"{CANNOT_TELL} {question.key}"
                return [Say(self.s.words.join(*notes))] if notes else []
            notes.append(settled)
        if step.decision.action == "no_solution":
            c.pending = None
            return [Say(self.s.words.join(*notes, self.s.words.say("no_solution")))]
        return self.lists.offer(conv, step, notes)

    def cannot_answer(self, c: Consultation) -> FrozenSet[str]:
        """The questions to put aside: the shopper could not tell, or was asked enough."""
        return frozenset(c.unsure) | {q for q, n in c.asked.items() if n >= ASKED_AT_MOST}

    def settle(self, c: Consultation, key: str) -> Optional[str]:
        """Take the safe choice for a question the shopper cannot answer, and say so; None
        when the question has no safe choice (a colleague must help)."""
        question = self.s.knowledge.question(key)
        option = question.option(question.safe_option) if question.safe_option else None
        if option is None:
            return None
        c.known[key] = (option.key,)
        c.assumed[key] = option.key
        return self.s.words.say("safe_choice_settled", option=option.label)

    def dont_know(self, conv: Conversation) -> List[Reply]:
        """ "Not sure": for a question with a safe choice, the help and that choice, said
        plainly; otherwise the help and the question once more; still not sure after the
        help, the next question (or, with nothing else left, a colleague). A second
        question with no safe choice goes to a colleague at once: the shopper is not put
        through every question left."""
        c = conv.consultation
        question = self.s.pending_question(c)
        assert question is not None
        safe = question.option(question.safe_option) if question.safe_option else None
        helped = c.asked.get(question.key, 0) >= ASKED_AT_MOST
        set_aside = self._set_aside(c)
        if safe is None and not helped and not set_aside:
            return [Say(self.s.words.say("no_problem_unsure", help=question.help or "").strip()),
                    *self.repeat(conv, counted=True)]
        c.unsure = tuple(dict.fromkeys((*c.unsure, question.key)))
        if safe is None and set_aside:
            # A second question nobody can settle without seeing the job: a colleague.
            conv.needs_person = f"{CANNOT_TELL} {question.key}"
            return []
        if safe is None:
            # Still not sure after the help, and no choice is safe for every case: the
            # other questions first (the load, the size: what they tell a colleague spares
            # the shopper saying it again); a colleague when nothing else is left (advance).
            return self.advance(conv, [self.s.words.say("unsure_set_aside")])
        self.settle(c, question.key)
        help_text = "" if helped else question.help or ""
        return self.advance(conv, [self.s.words.say("safe_choice", help=help_text,
                                                    option=safe.label).strip()])

    def _set_aside(self, c: Consultation) -> Tuple[str, ...]:
        """The questions the shopper could not answer that have no safe choice."""
        return tuple(k for k in c.unsure if not self.s.knowledge.question(k).safe_option)

    def _ask(self, conv: Conversation, question: Question, notes: Sequence[str],
             greeted: bool, counted: bool = True) -> Ask:
        """Put a question; ``counted``: towards the two times a question may be put (the
        same question again after a side question or a turn not understood is not)."""
        c = conv.consultation
        if counted or c.pending != question.key:
            c.asked = {**c.asked, question.key: c.asked.get(question.key, 0) + 1}
        c.pending, c.stage = question.key, Stage.DISCOVERING
        w = self.s.words
        lead = list(notes)
        item = c.item
        if greeted and item is not None:
            lead.insert(0, w.say("we_do") if self.s.shelves.stocked(item.category) else
                        w.say("we_stock", label=self.s.label(item.category)))
        question = self._worded(c, question)
        decision = c.decisions[-1] if c.decisions else None
        return Ask(w.join(*lead, question.text), question, decision, self._choices(c, question))

    def offered(self, c: Consultation) -> Tuple[Choice, ...]:
        """The choices under the open question, as they were shown (none without one)."""
        question = self.s.pending_question(c)
        return self._choices(c, self._worded(c, question)) if question else ()

    def _worded(self, c: Consultation, question: Question) -> Question:
        """The question as this shopper hears it: the job question over the item in hand,
        a gift's wording, or which matters more of several options named."""
        w = self.s.words
        if question.key == JOB_QUESTION:
            question = self.s.knowledge.job_question([o.key for o in question.options],
                                                     c.item.category if c.item else None)
        if c.gift is not None:
            question = self.gifts.wording(question, c.gift)
        said = c.known.get(question.key, ())
        if len(said) > 1 and question.key not in c.assumed and question.key != JOB_QUESTION:
            labels = " or ".join(o.label for o in question.options if o.key in said)
            question = reworded(question, w.say("which_matters_more", options=labels))
        return question

    def _choices(self, c: Consultation, question: Question) -> Tuple[Choice, ...]:
        w = self.s.words
        choices = [Choice(o.label, Act(Meaning.ANSWER, answer=(question.key, o.key)))
                   for o in question.options]
        if question.key == JOB_QUESTION and c.item is not None:
            choices.append(Choice(w.say("something_else"),
                                  Act(Meaning.ANSWER, answer=(JOB_QUESTION, OTHER_JOB))))
        if question.help or question.safe_option:
            choices.append(Choice(w.say("not_sure"), Act(Meaning.DONT_KNOW)))
        return tuple(choices)

    def repeat(self, conv: Conversation, counted: bool = False) -> List[Reply]:
        """The open question again, if there is one (and it may still be asked); after a
        side question or a turn not understood it does not count as asked again."""
        c = conv.consultation
        if not c.pending or conv.care.handed_off:
            return []
        return self.advance(conv, [], counted=counted)

    def resume(self, conv: Conversation) -> List[Reply]:
        """After a side conversation: back to the open question, if there is one."""
        if not conv.consultation.pending or conv.care.handed_off:
            return []
        return [Say(self.s.words.say("back_to_project")), *self.repeat(conv)]

    def job_choices(self, limit: Optional[int] = None) -> Tuple[Choice, ...]:
        """A choice per job (the first ``limit`` of them)."""
        jobs = list(self.s.knowledge.jobs.values())[:limit]
        return tuple(Choice(j.name, Act(Meaning.ANSWER, answer=(JOB_QUESTION, j.key)))
                     for j in jobs)

    def not_understood(self, conv: Conversation) -> List[Reply]:
        """An apology and the open question again, unless it was asked enough already."""
        conv.misunderstood += 1
        if conv.misunderstood >= MISUNDERSTOOD_AT_MOST:
            return []  # a colleague takes over (the controller): no more questions
        if conv.consultation.pending:
            return [Say(self.s.words.say("not_understood")), *self.repeat(conv)]
        return [Say(self.s.words.say("not_understood_no_question"), self.job_choices())]


def record_of(step: Step, turn: int) -> DecisionRecord:
    d = step.decision
    return DecisionRecord(turn=turn, action=d.action, question=d.question, reason=d.reason,
                          solutions=d.solutions, bundles=d.bundles,
                          open_questions=tuple((s.question, round(s.gain, 3))
                                               for s in d.open_questions),
                          known={k: tuple(v) for k, v in d.known.items()})
