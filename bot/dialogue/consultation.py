"""Needs discovery as a conversation: the shopper's words read against the open question,
the answers recorded, then the engine's next step said (a question, or the list).

The engine decides what to ask (``bot.discovery``); the reader what was said
(``bot.language``); this module keeps the shopper in charge: just the item, changed
answers, answers given before they are asked, and "not sure".
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from bot.dialogue.gifts import Gifts
from bot.dialogue.items import Items
from bot.dialogue.lists import Lists
from bot.dialogue.replies import Act, Ask, Choice, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Consultation, Conversation, DecisionRecord, ItemAsked, Stage, Waiting
from bot.dialogue.turn import Meaning, Turn
from bot.discovery import Step
from bot.knowledge import JOB_QUESTION, Question
from bot.language import Reading, option_for_measure

OTHER_JOB = "other"  # "something else": a job the shop has nothing for
OFF_TOPIC_JOBS = 2  # jobs offered to a shopper who asked for something the shop does not do
FINISHED = (Stage.IDLE, Stage.TAKEN, Stage.ITEM)

Said = Dict[str, Tuple[Optional[Tuple[str, ...]], Tuple[str, ...]]]
"""What a turn answered: question -> (the options before, the options now)."""


class Consultant:
    """A consultation turn, over the shop's services."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.gifts = Gifts(services)
        self.lists = Lists(services, self.gifts)
        self.items = Items(services, self.lists)

    def respond(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The replies to the shopper's words (or a picked answer)."""
        c = conv.consultation
        pending = self.s.pending_question(c)
        reading = self.s.reader.read(turn.text, pending)
        if conv.waiting is Waiting.GIFT_OWNED and turn.meaning is not Meaning.JUST_THE_ITEM:
            return self.advance(conv, self.gifts.owned_answer(conv, reading, turn))
        if turn.answer is not None:
            if not self._offered(*turn.answer):
                return [Say(self.s.words.say("not_an_offered_answer")), *self.repeat(conv)]
            reading.options[turn.answer[0]] = {turn.answer[1]}
        if self._wants_just_the_item(reading, turn, pending):
            return self.items.hand_over(conv, reading)
        fresh = self._start_over_for_item(conv, reading, turn)
        c = conv.consultation
        notes = self._no_such_size(c) if fresh else []
        if c.stage is Stage.BUNDLE and reading.categories and reading.values and not reading.options:
            return self.items.in_the_list(conv, reading)
        self._place_measures(c, reading)
        said = self._record(c, reading)
        gift = self.gifts.note(c, reading)
        if not said and (turn.meaning is Meaning.DONT_KNOW or reading.dont_know) and c.pending:
            return self._dont_know(conv)
        if not said and not fresh and not gift:
            return self.not_understood(conv)
        conv.misunderstood = 0
        # "We do." answers a request for an item, not a shopper who names the job.
        greeted = fresh and not notes and (turn.meaning is Meaning.ASK_FOR_ITEM
                                           or JOB_QUESTION not in reading.options)
        return self.advance(conv, [*notes, *self._changes(said), *gift], greeted)

    def answers_open_question(self, conv: Conversation, text: str) -> bool:
        """Whether ``text`` answers the question the shopper was asked last."""
        pending = self.s.pending_question(conv.consultation)
        return pending is not None and pending.key in self.s.reader.read(text, pending).options

    # -- deciding what to say ---------------------------------------------------------------

    def advance(self, conv: Conversation, notes: Sequence[str],
                greeted: bool = False) -> List[Reply]:
        """The engine's next step: a question, the list, or nothing that fits."""
        c = conv.consultation
        known = self.s.known(c)
        if c.item is not None and JOB_QUESTION not in known:
            # Nothing in our knowledge uses this item: hand it over.
            return self.items.hand_over(conv, Reading())
        step = self.s.engine.next_step(known)
        c.decided(_record_of(step, conv.turn))
        if step.decision.action == "ask" and step.question is not None:
            return [self._ask(conv, step.question, notes, greeted)]
        if step.decision.action == "no_solution":
            c.pending = None
            return [Say(self.s.words.join(*notes, self.s.words.say("no_solution")))]
        return self.lists.offer(conv, step, notes)

    def _ask(self, conv: Conversation, question: Question, notes: Sequence[str],
             greeted: bool) -> Ask:
        c = conv.consultation
        c.pending, c.stage = question.key, Stage.DISCOVERING
        w = self.s.words
        lead = list(notes)
        item = c.item
        if question.key == JOB_QUESTION:
            question = self.s.knowledge.job_question([o.key for o in question.options],
                                                     item.category if item else None)
        if greeted and item is not None:
            lead.insert(0, w.say("we_do") if self.s.shelves.stocked(item.category) else
                        w.say("we_stock", label=self.s.label(item.category)))
        if c.gift is not None:
            question = self.gifts.wording(question, c.gift)
        choices = [Choice(o.label, Act(Meaning.ANSWER, answer=(question.key, o.key)))
                   for o in question.options]
        if question.key == JOB_QUESTION and item is not None:
            choices.append(Choice(w.say("something_else"),
                                  Act(Meaning.ANSWER, answer=(JOB_QUESTION, OTHER_JOB))))
        if question.help:
            choices.append(Choice(w.say("not_sure"), Act(Meaning.DONT_KNOW)))
        decision = c.decisions[-1] if c.decisions else None
        return Ask(w.join(*lead, question.text), question, decision, tuple(choices))

    def repeat(self, conv: Conversation) -> List[Reply]:
        """The open question again, if there is one."""
        if not conv.consultation.pending:
            return []
        step = self.s.engine.next_step(self.s.known(conv.consultation))
        if step.question is None:
            return []
        return [self._ask(conv, step.question, [], False)]

    def resume(self, conv: Conversation) -> List[Reply]:
        """After a side conversation: back to the open question, if there is one."""
        if not conv.consultation.pending:
            return []
        return [Say(self.s.words.say("back_to_project")), *self.repeat(conv)]

    def off_topic(self, conv: Conversation) -> List[Reply]:
        """What the shop can help with (a few of its jobs), then back to the open question."""
        w = self.s.words
        choices = (*self.job_choices(OFF_TOPIC_JOBS),
                   Choice(w.say("talk_to_a_person"), Act(Meaning.ASK_FOR_PERSON)))
        return [Say(w.say("off_topic"), choices), *self.resume(conv)]

    def job_choices(self, limit: Optional[int] = None) -> Tuple[Choice, ...]:
        """A choice per job (the first ``limit`` of them)."""
        jobs = list(self.s.knowledge.jobs.values())[:limit]
        return tuple(Choice(j.name, Act(Meaning.ANSWER, answer=(JOB_QUESTION, j.key)))
                     for j in jobs)

    def not_understood(self, conv: Conversation) -> List[Reply]:
        conv.misunderstood += 1
        if conv.consultation.pending:
            return [Say(self.s.words.say("not_understood")), *self.repeat(conv)]
        return [Say(self.s.words.say("not_understood_no_question"), self.job_choices())]

    def _dont_know(self, conv: Conversation) -> List[Reply]:
        """ "Not sure": the help, then the safe choice where the question has one."""
        c = conv.consultation
        question = self.s.pending_question(c)
        assert question is not None
        help_text = question.help or ""
        option = question.option(question.safe_option) if question.safe_option else None
        if option is None:
            return [Say(self.s.words.say("no_problem_unsure", help=help_text).strip()),
                    *self.repeat(conv)]
        c.known[question.key] = (option.key,)
        c.assumed[question.key] = option.key
        note = self.s.words.say("safe_choice", help=help_text, option=option.label).strip()
        return self.advance(conv, [note])

    # -- understanding ----------------------------------------------------------------------

    def _offered(self, question: str, option: str) -> bool:
        """Whether a picked answer is one the assistant could have offered."""
        k = self.s.knowledge
        if question == JOB_QUESTION:
            return option in k.jobs or option == OTHER_JOB
        return question in k.questions and k.questions[question].option(option) is not None

    def _wants_just_the_item(self, reading: Reading, turn: Turn,
                             pending: Optional[Question]) -> bool:
        """ "Just the drill", or a job we have nothing for. Short answers can sound alike
        ("just me", "just the bit"): words that answer the open question and name no item
        are that answer, whatever the intent classifier made of them."""
        if OTHER_JOB in reading.options.get(JOB_QUESTION, ()):
            return True
        if turn.meaning is not Meaning.JUST_THE_ITEM:
            return False
        answers = pending is not None and pending.key in reading.options
        return not answers or bool(reading.categories)

    def _start_over_for_item(self, conv: Conversation, reading: Reading, turn: Turn) -> bool:
        """A product asked for with no consultation running (or after one ended), or
        another item asked for, starts a consultation about it."""
        if not reading.categories:
            return False
        c = conv.consultation
        category = reading.categories[0]
        current = c.item.category if c.item else None
        bundle = self.lists.current(c)
        listed = bundle is not None and any(i.product.category == category for i in bundle.items)
        another = turn.meaning is Meaning.ASK_FOR_ITEM and category != current and not listed
        if c.stage not in FINISHED and not another:
            return False
        item = ItemAsked(category=category, size_mm=reading.length_mm,
                         values={a: tuple(sorted(v)) for a, v in reading.values.items()})
        conv.consultation = Consultation(owned=c.owned, decisions=c.decisions, item=item,
                                         stage=Stage.DISCOVERING)
        return True

    def _no_such_size(self, c: Consultation) -> List[str]:
        """A size beyond every product of the kind: said at once, rather than "We do.",
        and dropped (the job will settle the size)."""
        item = c.item
        if item is None or item.size_mm is None:
            return []
        if not self.s.shelves.beyond_every_size(item.category, item.size_mm):
            return []
        size, item.size_mm = item.size_mm, None
        return [self.s.words.say("no_such_size", size=f"{size:g}",
                                 label=self.s.label(item.category))]

    def _place_measures(self, c: Consultation, reading: Reading) -> None:
        """Numbers said before their question ("a 55 inch TV") answer it, when exactly one
        open question of the jobs still possible takes a number in that unit."""
        k = self.s.knowledge
        jobs = reading.options.get(JOB_QUESTION) or self.s.known(c).get(JOB_QUESTION)
        open_questions = {q for j in (jobs or k.jobs) for q in k.jobs[j].questions
                          if q not in reading.options and q != c.pending}
        for measure in reading.measures:
            fits = {q: option_for_measure(k.questions[q], measure, volunteered=True)
                    for q in sorted(open_questions)}
            placed = {q: o for q, o in fits.items() if o is not None}
            if len(placed) == 1:
                (question, option), = placed.items()
                reading.options[question] = {option.key}
                open_questions.discard(question)

    def _record(self, c: Consultation, reading: Reading) -> Said:
        """Record what the reading answers; return what it said."""
        said: Said = {}
        for question, options in reading.options.items():
            if question != JOB_QUESTION and question not in self.s.knowledge.questions:
                continue
            new, old = tuple(sorted(options)), c.known.get(question)
            if old == new:
                continue
            c.known[question] = new
            c.assumed.pop(question, None)
            said[question] = (old, new)
        if said and c.stage in FINISHED:
            c.stage = Stage.DISCOVERING
        return said

    def _changes(self, said: Said) -> List[str]:
        """ "Got it: ..." for answers that replace earlier ones."""
        changed = [(q, new) for q, (old, new) in said.items() if old and q != JOB_QUESTION]
        if not changed:
            return []
        parts = [" or ".join(self.s.knowledge.label(q, o) for o in new) for q, new in changed]
        return [self.s.words.say("got_it", answers=", ".join(parts))]


def _record_of(step: Step, turn: int) -> DecisionRecord:
    d = step.decision
    return DecisionRecord(turn=turn, action=d.action, question=d.question, reason=d.reason,
                          solutions=d.solutions, bundles=d.bundles,
                          open_questions=tuple((s.question, round(s.gain, 3))
                                               for s in d.open_questions),
                          known={k: tuple(v) for k, v in d.known.items()})

