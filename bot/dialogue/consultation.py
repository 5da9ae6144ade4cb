"""Needs discovery as a conversation: the shopper's words read against the open question,
the answers recorded, then the engine's next step said (``bot.dialogue.asking``).

The engine decides what to ask (``bot.discovery``); the reader what was said
(``bot.language``); this module keeps the shopper in charge: just the item, answers in any
order, changed answers, several answers at once, and a new job only when they ask for one.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

from bot.dialogue.asking import OTHER_JOB, Asker
from bot.dialogue.gifts import Gifts
from bot.dialogue.items import Items
from bot.dialogue.list_changes import ListChanges
from bot.dialogue.lists import Lists
from bot.dialogue.replies import Act, Ask, Choice, Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.state import Consultation, Conversation, ItemAsked, Stage, Waiting
from bot.dialogue.turn import Meaning, Turn
from bot.knowledge import JOB_QUESTION, Option, Question
from bot.language import Reading, option_for_measure

OFF_TOPIC_JOBS = 2  # jobs offered to a shopper who asked for something the shop does not do
FINISHED = (Stage.IDLE, Stage.TAKEN, Stage.ITEM)
SWITCH_QUESTION = "switch"  # the question "start a list for X, or carry on with Y?"

Said = Dict[str, Tuple[Optional[Tuple[str, ...]], Tuple[str, ...]]]
"""What a turn answered: question -> (the options before, the options now)."""


class Consultant:
    """A consultation turn, over the shop's services."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.gifts = Gifts(services)
        self.lists = Lists(services, self.gifts)
        self.changes = ListChanges(services, self.lists)
        self.items = Items(services, self.lists, self.changes)
        self.asker = Asker(services, self.gifts, self.lists, self.items)

    def respond(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The replies to the shopper's words (or a picked answer)."""
        c = conv.consultation
        pending = self.s.pending_question(c)
        reading = self.s.reader.read(turn.text, pending, self.s.settled(c).get(JOB_QUESTION))
        if conv.waiting is Waiting.GIFT_OWNED and turn.meaning is not Meaning.JUST_THE_ITEM:
            return self.asker.advance(conv, self.gifts.owned_answer(conv, reading, turn))
        if turn.answer is not None:
            if not self._offered(*turn.answer):
                return [Say(self.s.words.say("not_an_offered_answer")), *self.asker.repeat(conv)]
            reading.options[turn.answer[0]] = {turn.answer[1]}
        if self._wants_just_the_item(reading, turn, pending, self._job_questions(c)):
            return self.items.hand_over(conv, reading)
        under_way = self._item_during_the_job(conv, reading, turn)
        if under_way is not None:
            return under_way
        fresh = self._start_over_for_item(conv, reading, turn)
        c = conv.consultation
        notes = self._no_such_size(c) if fresh else []
        if c.stage is Stage.BUNDLE and reading.categories and reading.values \
                and not reading.options:
            return self.items.in_the_list(conv, reading)
        self._place_measures(c, reading)
        switch = None if fresh else self._another_job(c, reading, turn)
        if switch is not None:
            return [self._confirm_switch(conv, switch)]
        kept = self._new_job(conv, reading) if not fresh else []
        c = conv.consultation
        said = self._record(c, reading)
        gift = self.gifts.note(c, reading)
        if not said and (turn.meaning is Meaning.DONT_KNOW or reading.dont_know) and c.pending:
            return self.asker.dont_know(conv)
        # An answer given before ("swing it out", said of a swivel mount) is understood too.
        again = any(c.known.get(q) == tuple(sorted(v)) for q, v in reading.options.items())
        if not said and not fresh and not gift and not again:
            return self.asker.not_understood(conv)
        conv.misunderstood = 0
        # "We do." answers a request for an item, not a shopper who names the job.
        greeted = fresh and not notes and (turn.meaning is Meaning.ASK_FOR_ITEM
                                           or JOB_QUESTION not in reading.options)
        notes += [*kept, *self._changes(said), *gift]
        # An answer to another question than the one asked is progress: asking the open one
        # again does not count towards the two times it may be put.
        counted = pending is None or pending.key in said or not said
        return self.asker.advance(conv, notes, greeted, counted=counted)

    def names_a_job(self, text: str) -> bool:
        """Whether ``text`` names one of the shop's jobs ("wiring a new socket")."""
        return bool(self.s.reader.read(text).options.get(JOB_QUESTION))

    def names_what_we_sell(self, text: str) -> bool:
        """Whether ``text`` names a job or a product of the shop ("my fence post")."""
        reading = self.s.reader.read(text)
        return bool(reading.options.get(JOB_QUESTION) or reading.categories)

    def answers_the_job(self, conv: Conversation, text: str) -> bool:
        """Whether ``text`` answers the question asked last, or any question of the job in
        hand (a correction after the list: "sorry, it's heavier than I said")."""
        c = conv.consultation
        pending = self.s.pending_question(c)
        job = self.s.settled(c).get(JOB_QUESTION)
        reading = self.s.reader.read(text, pending, job)
        asked = set(self.s.knowledge.jobs[job].questions) if job else set()
        return any(q in asked or (pending and q == pending.key) for q in reading.options)

    def off_topic(self, conv: Conversation) -> List[Reply]:
        """What the shop can help with (a few of its jobs), then back to the open question."""
        w = self.s.words
        choices = (*self.asker.job_choices(OFF_TOPIC_JOBS),
                   Choice(w.say("talk_to_a_person"), Act(Meaning.ASK_FOR_PERSON)))
        return [Say(w.say("off_topic"), choices), *self.asker.resume(conv)]

    # -- a new job ----------------------------------------------------------------------------

    def _another_job(self, c: Consultation, reading: Reading, turn: Turn) -> Optional[str]:
        """A job other than the one in hand (settled by the shopper before), named by a
        shopper who answers nothing of the job in hand (words of another job inside an
        answer are that answer's)."""
        known = c.known.get(JOB_QUESTION, ())
        current = known[0] if len(known) == 1 else None
        named = reading.options.get(JOB_QUESTION, set())
        if current is None or not named or current in named or c.stage in FINISHED:
            return None
        if turn.answer is not None and turn.answer[0] == JOB_QUESTION:
            return None  # a job picked from the assistant's own buttons
        if turn.meaning not in (Meaning.DESCRIBE_JOB, Meaning.ASK_FOR_ITEM) \
                or self._answers_a_shared_question(c, reading, named):
            del reading.options[JOB_QUESTION]  # an answer that happens to use its words
            return None
        return sorted(named)[0]

    def _item_during_the_job(self, conv: Conversation, reading: Reading,
                             turn: Turn) -> Optional[List[Reply]]:
        """Another item asked for while the questions of a job are under way: one the job
        uses stays with the job (what else the words answer is taken, and the questions go
        on); one only another job uses is that job, checked first ("Shall I start a list to
        mount a TV, or carry on with the one to put up a shelf?"). None (the item's own
        consultation) for an item no job or several other jobs use."""
        c = conv.consultation
        job_key = self.s.settled(c).get(JOB_QUESTION)
        if turn.meaning is not Meaning.ASK_FOR_ITEM or not reading.categories \
                or job_key is None or not c.pending or c.pending in reading.options:
            return None
        category = reading.categories[0]
        if c.item is not None and c.item.category == category:
            return None
        job = self.s.knowledge.jobs[job_key]
        if job.uses(category):
            pending = c.pending
            self._place_measures(c, reading)
            said = self._record(c, reading)
            # Whether the job needs one depends on answers still to come ("a drill, if you
            # have none"): said as such.
            note = self.s.words.say("on_the_list_if_needed", label=self.s.label(category),
                                    job=job.name)
            return self.asker.advance(conv, [note, *self._changes(said)],
                                      counted=pending in said)
        others = [j.key for j in self.s.knowledge.jobs.values() if j.uses(category)]
        return [self._confirm_switch(conv, others[0])] if len(others) == 1 else None

    def _answers_a_shared_question(self, c: Consultation, reading: Reading,
                                   named: Set[str]) -> bool:
        """Whether the words answer the open question, which the jobs they name ask too:
        "we'll drive to the campsite" answers "camp by the car?" when cooking outdoors,
        though "campsite" names going camping."""
        jobs = self.s.knowledge.jobs
        return bool(c.pending) and c.pending in reading.options and \
            all(c.pending in jobs[j].questions for j in named if j in jobs)

    def _confirm_switch(self, conv: Conversation, job: str) -> Reply:
        """ "Start a list for painting, or carry on with the shelf?" """
        c = conv.consultation
        current = self.s.knowledge.jobs[self.s.settled(c)[JOB_QUESTION]]
        new = self.s.knowledge.jobs[job]
        conv.waiting, c.switch_to = Waiting.JOB_SWITCH, job
        w = self.s.words
        text = w.say("start_or_carry_on", new=new.name, current=current.name)
        options = (Option(key=new.key, label=w.say("start_a_list", job=new.name)),
                   Option(key=current.key, label=w.say("carry_on_with", job=current.name)))
        question = Question(key=SWITCH_QUESTION, text=text, options=options)
        return Ask(text, question, None, (Choice(options[0].label, Act(Meaning.YES)),
                                          Choice(options[1].label, Act(Meaning.CARRY_ON))))

    def switch(self, conv: Conversation, agreed: bool) -> List[Reply]:
        """The answer to "start a list for X, or carry on with Y?"."""
        c = conv.consultation
        job, c.switch_to, conv.waiting = c.switch_to, None, Waiting.NOTHING
        if not agreed or job is None:
            return [Say(self.s.words.say("carrying_on")), *self.asker.repeat(conv)]
        reading = Reading(options={JOB_QUESTION: {job}})
        kept = self._new_job(conv, reading)
        self._record(conv.consultation, reading)
        return self.asker.advance(conv, kept)

    def _new_job(self, conv: Conversation, reading: Reading) -> List[str]:
        """A job other than the last one: a new list. Only the answers the new job also
        asks carry over (the wall stays the wall), and the shopper is told."""
        c = conv.consultation
        named = reading.options.get(JOB_QUESTION, set())
        before = self.s.settled(c).get(JOB_QUESTION)
        if len(named) != 1 or before is None or before in named:
            return []
        job = self.s.knowledge.jobs[next(iter(named))]
        keep = {q: v for q, v in c.known.items() if q in job.questions}
        # The item first asked for was for the last job: the new one settles its own.
        conv.consultation = Consultation(owned=c.owned, decisions=c.decisions, known=keep,
                                         assumed={q: o for q, o in c.assumed.items()
                                                  if q in keep},
                                         extras=c.extras, gift=c.gift, stage=Stage.DISCOVERING)
        if not keep:
            return []
        labels = ", ".join(" or ".join(self.s.knowledge.label(q, o) for o in v)
                           for q, v in keep.items())
        return [self.s.words.say("kept_answers", answers=labels)]

    # -- understanding ----------------------------------------------------------------------

    def _offered(self, question: str, option: str) -> bool:
        """Whether a picked answer is one the assistant could have offered."""
        k = self.s.knowledge
        if question == JOB_QUESTION:
            return option in k.jobs or option == OTHER_JOB
        return question in k.questions and k.questions[question].option(option) is not None

    def _wants_just_the_item(self, reading: Reading, turn: Turn,
                             pending: Optional[Question], asked: Set[str]) -> bool:
        """ "Just the drill", or a job we have nothing for. Short answers can sound alike
        ("just me", "just the bit"): words that answer the open question (or, with none
        open, a question of the job in hand: "sorry: just a day trip") and name no item are
        that answer, whatever the intent classifier made of them."""
        if OTHER_JOB in reading.options.get(JOB_QUESTION, ()):
            return True
        if turn.meaning is not Meaning.JUST_THE_ITEM:
            return False
        answers = pending.key in reading.options if pending is not None \
            else bool(asked & set(reading.options))
        return not answers or bool(reading.categories)

    def _job_questions(self, c: Consultation) -> Set[str]:
        """The questions of the job in hand, once the shopper has settled it."""
        spec = self.s.knowledge.jobs.get(self.s.settled(c).get(JOB_QUESTION) or "")
        return set(spec.questions) if spec is not None else set()

    def _start_over_for_item(self, conv: Conversation, reading: Reading, turn: Turn) -> bool:
        """A product asked for with no consultation running (or after one ended), or
        another item asked for, starts a consultation about it."""
        if not reading.categories:
            return False
        c = conv.consultation
        if c.pending and c.pending in reading.options:
            return False  # "a combi drill" answers "what drill have you got?"
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
                                         extras=c.extras, stage=Stage.DISCOVERING)
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
        """Numbers said before their question ("a 55 inch TV", "with three friends") answer
        it, when exactly one open question of the jobs still possible takes that unit."""
        k = self.s.knowledge
        jobs = reading.options.get(JOB_QUESTION) or self.s.known(c).get(JOB_QUESTION)
        open_questions = {q for j in (jobs or k.jobs) for q in k.jobs[j].questions
                          if q not in reading.options and q != c.pending}
        pending = k.questions.get(c.pending or "")
        for measure in reading.measures:
            if pending is not None and pending.key in reading.options and \
                    option_for_measure(pending, measure) is not None:
                continue  # the answer to the question asked, not a second fact
            fits = {q: option_for_measure(k.questions[q], measure, volunteered=True)
                    for q in sorted(open_questions)}
            placed = {q: o for q, o in fits.items() if o is not None}
            if len(placed) == 1:
                (question, option), = placed.items()
                reading.options[question] = {option.key}
                open_questions.discard(question)

    def _record(self, c: Consultation, reading: Reading) -> Said:
        """Record what the reading answers; return what it said. Several options at once
        that include the question's safe one are that safe one."""
        said: Said = {}
        for question, options in reading.options.items():
            if question != JOB_QUESTION and question not in self.s.knowledge.questions:
                continue
            safe = self.s.knowledge.question(question).safe_option
            if len(options) > 1 and safe in options:
                options = {safe}
            new, old = tuple(sorted(options)), c.known.get(question)
            if old == new:
                continue
            c.known[question] = new
            c.assumed.pop(question, None)
            c.unsure = tuple(q for q in c.unsure if q != question)
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

