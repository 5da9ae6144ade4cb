"""The dialogue controller: the one place that decides what a turn is about.

A ``Turn`` (what was said, what it was understood to mean, which face) and the stored
``Conversation`` go in; an ``Outcome`` (the new conversation, the replies, and any stored
conversations to forget) comes out. Everything that routes a turn lives here: answers the
assistant waits for, side questions, the list, and the hand-off to a person (once, when the
shopper is not understood twice or the assistant cannot go on alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Dict, List, Tuple

from bot.dialogue.asking import MISUNDERSTOOD_AT_MOST
from bot.dialogue.briefing import Briefer, Briefing
from bot.dialogue.care import CareFlow, order_number
from bot.dialogue.consultation import Consultant
from bot.dialogue.items import Asked
from bot.dialogue.recognition import RecognitionFlow
from bot.dialogue.replies import Reply, Say
from bot.dialogue.services import Services
from bot.dialogue.shop_info import ShopInfo
from bot.dialogue.shortcuts import Shortcuts
from bot.dialogue.state import Consultation, Conversation, Waiting
from bot.dialogue.turn import Meaning, Turn
from bot.knowledge import JOB_QUESTION

MISREAD_ANSWERS = frozenset({Meaning.DROP_ITEM, Meaning.GOODBYE, Meaning.THANKS,
                             Meaning.CARRY_ON})
"""Meanings the model gives some answers; words answering the open question are that answer."""
PURCHASE = re.compile(r"\b(bought|purchased?|got (?:it |them |this |these )?(?:here|from you)|"
                      r"order|receipt|return|refund|replace(?:ment)?|broke|broken|faulty)\b",
                      re.IGNORECASE)
"""Words that speak of something bought: a fault report stays one."""
UNSURE = 0.5  # confidence below which a fault report must show a sign of a fault
# Words that start something new even while the assistant waits for an answer.
NEW_TOPIC = frozenset({Meaning.ASK_FOR_ITEM, Meaning.DESCRIBE_JOB, Meaning.JUST_THE_ITEM})
# Meanings a message leaving out an item of the list may be read as, besides a drop.
LIST_CHANGE_MISREADINGS = frozenset({Meaning.NO, Meaning.ANSWER, Meaning.UNCLEAR,
                                     Meaning.TAKE_ALL, Meaning.OFF_TOPIC, Meaning.ASK_FOR_ITEM,
                                     Meaning.DESCRIBE_JOB})
# Meanings the consultation reads (and an awaited answer may claim first).
CONSULTING = frozenset({Meaning.ASK_FOR_ITEM, Meaning.DESCRIBE_JOB, Meaning.ANSWER,
                        Meaning.DONT_KNOW, Meaning.JUST_THE_ITEM, Meaning.YES, Meaning.NO,
                        Meaning.UNCLEAR})
# Meanings a request for a product may be read as, while a job's questions are under way.
ITEM_MISREADINGS = frozenset({Meaning.DESCRIBE_JOB, Meaning.UNCLEAR, Meaning.SHOP_INFO,
                              Meaning.ANSWER})
# Meanings a message giving a client code may be read as.
PRODUCT_QUESTIONS = {Meaning.ASK_PRICE: Asked.PRICE, Meaning.ASK_STOCK: Asked.STOCK,
                     Meaning.ASK_LOCATION: Asked.LOCATION}
# What is still answered while a colleague is awaited; anything else is passed on to them.
WHILE_WAITING = frozenset({Meaning.CARRY_ON, Meaning.START_OVER, Meaning.GOODBYE,
                           Meaning.THANKS, Meaning.ASK_IF_BOT, Meaning.SHOP_INFO,
                           Meaning.SHOW_LIST, Meaning.TAKE_ALL, Meaning.ASK_FOR_PERSON,
                           *PRODUCT_QUESTIONS})


@dataclass
class Outcome:
    """What a turn did: the conversation to keep, the replies to render, and the stored
    conversations to delete (a client who asked to be forgotten)."""

    conversation: Conversation
    replies: List[Reply]
    forget: Tuple[str, ...] = ()


Handler = Callable[[Conversation, Turn], List[Reply]]


def plain_words(text: str) -> str:
    """Words only, in lower case: how a typed choice is compared with its label."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


class Dialogue:
    """One turn of any conversation, for any face."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.consultant = Consultant(services)
        self.asker = self.consultant.asker
        self.lists = self.consultant.lists
        self.changes = self.consultant.changes
        self.care = CareFlow(services, self.lists, self.changes)
        self.shop_info = ShopInfo(services)
        self.recognition = RecognitionFlow(services, self.care)
        self.shortcuts = Shortcuts(services, self.asker)
        self.briefer = Briefer(services, self.lists, self.asker.job_choices)
        self.handlers: Dict[Meaning, Handler] = {
            Meaning.GREETING: self.care.greet,
            Meaning.GOODBYE: lambda conv, turn: [self._say("goodbye")],
            Meaning.THANKS: lambda conv, turn: self._aside(conv, [self._say("you_are_welcome")]),
            Meaning.ASK_IF_BOT: lambda conv, turn: self._aside(conv, [self._say("i_am_a_bot")]),
            Meaning.SHOP_INFO: self._shop_info,
            Meaning.OFF_TOPIC: self._off_topic,
            Meaning.UNCLEAR: self._unclear,
            Meaning.REPORT_FAULT: self._report_fault,
            Meaning.ASK_FOR_PERSON: self._ask_for_person,
            Meaning.CARRY_ON: self._carry_on,
            Meaning.TAKE_ALL: self._take_all,
            Meaning.DROP_ITEM: lambda conv, turn: self.changes.drop(conv, turn.sku, turn.text),
            Meaning.SHOW_LIST: lambda conv, turn: self.lists.show(conv),
            Meaning.START_OVER: self._start_over,
            Meaning.SKIP_QUESTION: lambda conv, turn: self.shortcuts.skip(conv),
            Meaning.FINISH_NOW: lambda conv, turn: self.shortcuts.finish_now(conv),
        }

    def handle(self, turn: Turn, conversation: Conversation) -> Outcome:
        """The outcome of one turn (``conversation`` itself is left as it was)."""
        conv = conversation.copy(deep=True)
        conv.turn += 1
        turn = self._as_picked(conv, turn)
        turn = self._as_left_out(conv, turn)
        turn = self._as_answer(conv, turn)
        turn = self._as_request(conv, turn)
        turn = self._as_item_asked(conv, turn)
        turn = self._as_job_asked(conv, turn)
        turn = self._as_price_asked(turn)
        turn = self._as_fault_told(conv, turn)
        forgetting = turn.meaning is Meaning.FORGET_ME or (
            conv.waiting is Waiting.FORGET_CONFIRM and turn.meaning is Meaning.YES)
        if forgetting:
            forget, replies = self.recognition.forget_me(conv, turn)
            return Outcome(Conversation() if forget else conv, replies, tuple(forget))
        offer_answered = conv.waiting is Waiting.OFFER and turn.meaning in (Meaning.YES,
                                                                           Meaning.NO)
        if conv.care.handed_off and turn.meaning not in WHILE_WAITING and not offer_answered:
            replies = self._while_waiting(conv, turn)
        elif self._about_recognition(conv, turn):
            replies = self._recognition(conv, turn)
        elif turn.meaning in PRODUCT_QUESTIONS and not self._answers_pending(conv, turn):
            replies = self.consultant.items.answer(conv, turn, PRODUCT_QUESTIONS[turn.meaning])
        elif turn.meaning in self.handlers:
            replies = self.handlers[turn.meaning](conv, turn)
        elif conv.waiting not in (Waiting.NOTHING, Waiting.GIFT_OWNED) \
                and turn.meaning in CONSULTING:
            replies = self._awaited(conv, turn)
        else:
            replies = self._consult(conv, turn)
        return Outcome(conv, replies + self._hand_over_if_needed(conv, turn))

    def brief(self, outcome: Outcome) -> Briefing:
        """The consultation after a turn, as a member of staff needs to see it (the
        tablet): what is known, why the open question matters, the list's talking points."""
        return self.briefer.brief(outcome.conversation, outcome.replies)

    def _as_picked(self, conv: Conversation, turn: Turn) -> Turn:
        """A choice's words typed as shown are that choice, whatever the model read them
        as: "fine cracks" is no "fine, carry on", "yes, we'll cook" no "yes, take it"."""
        if turn.answer is not None or not conv.consultation.pending or conv.care.handed_off:
            return turn
        typed = plain_words(turn.text)
        for choice in self.asker.offered(conv.consultation):
            if plain_words(choice.label) == typed:
                act = choice.act
                return replace(turn, meaning=act.meaning, answer=act.answer, sku=act.sku,
                               confidence=1.0)
        return turn

    def _as_left_out(self, conv: Conversation, turn: Turn) -> Turn:
        """Words leaving out an item of the list on the table are a drop, whatever the model
        read them as: "not the gloves" is no plain no, "everything except the primer" no
        "take it all"."""
        c = conv.consultation
        if turn.meaning not in LIST_CHANGE_MISREADINGS or c.pending or conv.care.handed_off:
            return turn
        bundle = self.lists.current(c)
        reading = self.s.reader.read(turn.text)
        if bundle is None or not reading.leaves_out:
            return turn
        if not {i.product.category for i in bundle.items} & set(reading.categories):
            return turn
        return replace(turn, meaning=Meaning.DROP_ITEM, confidence=1.0)

    def _as_answer(self, conv: Conversation, turn: Turn) -> Turn:
        """Words that answer the job in hand (its open question, or a correction after the
        list) are that answer when the model read them as a goodbye, thanks, carrying on,
        or leaving out an item of a list there is not yet: "I've got a rucksack already"
        answers "Have you got a rucksack?", "a euro cylidner" is no goodbye, "actually no: a
        single lever mixer" no carry on. Words naming a job, with no list to leave an item
        out of, describe the job they speak of."""
        c = conv.consultation
        if turn.meaning not in MISREAD_ANSWERS or turn.sku or conv.care.handed_off \
                or conv.waiting is not Waiting.NOTHING:
            return turn
        listed = self.lists.current(c) is not None
        if turn.meaning is Meaning.DROP_ITEM and listed:
            return turn
        if (c.pending or listed) and self.consultant.answers_the_job(conv, turn.text):
            return replace(turn, meaning=Meaning.ANSWER, confidence=1.0)
        if turn.meaning is Meaning.DROP_ITEM and not c.pending and self._speaks_of_a_job(turn):
            return replace(turn, meaning=Meaning.DESCRIBE_JOB, confidence=1.0)
        return turn

    def _as_request(self, conv: Conversation, turn: Turn) -> Turn:
        """A question about a product that also names a job, with no consultation under
        way, asks for the item for that job: "Have you got head torches? Me and my brother
        are camping in December" is answered with the questions for the camping list."""
        c = conv.consultation
        if turn.meaning not in PRODUCT_QUESTIONS or turn.sku or c.pending or conv.care.handed_off \
                or conv.waiting is not Waiting.NOTHING or self.s.settled(c).get(JOB_QUESTION):
            return turn
        reading = self.s.reader.read(turn.text)
        if not (reading.categories and reading.options.get(JOB_QUESTION)):
            return turn
        return replace(turn, meaning=Meaning.ASK_FOR_ITEM, confidence=1.0)

    def _as_item_asked(self, conv: Conversation, turn: Turn) -> Turn:
        """A product only another job uses, named while a job's questions are under way in
        words that name no job and answer nothing of it, is a request for that product,
        whatever the model read ("is the tv bracket in stock?" read as a job): the shopper
        is asked whether to start that job, never told "not understood". A product of the
        job in hand is left as read: "a cordless drill" may answer "what drill have you
        got?" in words the reader cannot tie to an option. Read as an answer, only with a
        question mark ("I've got a drill already" is no request)."""
        c = conv.consultation
        if turn.meaning not in ITEM_MISREADINGS or turn.answer is not None or turn.sku \
                or not c.pending or conv.care.handed_off or conv.waiting is not Waiting.NOTHING:
            return turn
        if turn.meaning is Meaning.ANSWER and "?" not in turn.text:
            return turn
        if turn.meaning is Meaning.SHOP_INFO and self.shop_info.asks_about_the_shop(turn.text):
            return turn  # "are you open on Sunday? I need plugs": the hours first
        reading = self.s.reader.read(turn.text)
        job = self.s.knowledge.jobs.get(self.s.settled(c).get(JOB_QUESTION) or "")
        if job is None or not reading.categories or reading.options or reading.gift \
                or job.uses(reading.categories[0]) \
                or self.consultant.answers_the_job(conv, turn.text):
            return turn
        return replace(turn, meaning=Meaning.ASK_FOR_ITEM)

    def _as_price_asked(self, turn: Turn) -> Turn:
        """A product named with words asking its price is a question about the price,
        whatever the model read: "how much is the Bosch 5 mm masonry drill bit?"."""
        if turn.meaning is not Meaning.ASK_FOR_ITEM:
            return turn
        reading = self.s.reader.read(turn.text)
        if not (reading.asks_a_price and reading.categories):
            return turn
        return replace(turn, meaning=Meaning.ASK_PRICE)

    def _as_fault_told(self, conv: Conversation, turn: Turn) -> Turn:
        """A complaint with an order number, with no question open, is a fault reported,
        whatever the model read: "the drill I got is faulty, order A1003"."""
        if turn.meaning in (Meaning.REPORT_FAULT, Meaning.FORGET_ME) or \
                conv.consultation.pending or conv.waiting is not Waiting.NOTHING:
            return turn
        if not (order_number(turn.text) and self.s.reader.read(turn.text).complains):
            return turn
        return replace(turn, meaning=Meaning.REPORT_FAULT, confidence=1.0)

    def _speaks_of_a_job(self, turn: Turn) -> bool:
        """Whether the words name a job or answer any job's question ("water seeps out
        under the lever of our mixer tap")."""
        return bool(self.s.reader.read(turn.text).options)

    def _as_job_asked(self, conv: Conversation, turn: Turn) -> Turn:
        """A job named without a word for a member of staff is the job, whatever the model
        read it as: "I'd like to get the mains electrics done" asks for no colleague."""
        if turn.meaning is not Meaning.ASK_FOR_PERSON:
            return turn
        reading = self.s.reader.read(turn.text)
        if reading.names_a_person or not reading.options.get(JOB_QUESTION):
            return turn
        return replace(turn, meaning=Meaning.DESCRIBE_JOB)

    def _answers_pending(self, conv: Conversation, turn: Turn) -> bool:
        """Words that answer the open question and name no product are that answer,
        whatever the model read them as ("medium, I'd say" is no question about a price);
        "how much is the masonry bit?" names one, and is the question it seems."""
        return bool(conv.consultation.pending) and not turn.sku and \
            not self.s.reader.read(turn.text).categories and \
            self.consultant.answers_the_job(conv, turn.text)

    def _about_recognition(self, conv: Conversation, turn: Turn) -> bool:
        """A client code given, or the name or confirmation the assistant waits for: these
        are the recognition's, whatever the model read the message as ("hello, my code is
        ..." reads as a greeting, an answer, or even a new job; a name as an answer or as
        off-topic, or, a name the model never saw, as a request: "Philippa"). A new job
        breaks off a wait for a name only when its words are the shop's."""
        if conv.waiting in (Waiting.SECOND_FACTOR, Waiting.FORGET_CONFIRM):
            if turn.meaning not in NEW_TOPIC or not self.s.reader.read(turn.text).understood:
                return True
        return self.recognition.claims_a_code(turn)

    def _recognition(self, conv: Conversation, turn: Turn) -> List[Reply]:
        if conv.waiting is Waiting.FORGET_CONFIRM:
            return self.recognition.kept(conv)  # a yes was forgetting, above
        if conv.waiting is Waiting.SECOND_FACTOR and not self.recognition.claims_a_code(turn):
            return self.recognition.name_given(conv, turn)
        return self.recognition.code_given(conv, turn)

    def _awaited(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """A message while the assistant waits for an answer: that answer, if it can be;
        otherwise the wait ends and the consultation reads it."""
        waiting, agreed = conv.waiting, turn.meaning is Meaning.YES
        answering = turn.meaning in (Meaning.YES, Meaning.NO)
        if waiting is Waiting.ORDER_NUMBER and turn.meaning not in NEW_TOPIC:
            return self.care.order_number_given(conv, turn)
        if waiting is Waiting.GIFT_RECEIPT and answering:
            return self.care.gift_receipt(conv, agreed) + self.care.offer_memory(conv, turn.sender)
        if waiting is Waiting.CONSENT and answering:
            return self.care.consent(conv, agreed, turn)
        if waiting is Waiting.NAME and turn.meaning not in NEW_TOPIC:
            return self.care.name_given(conv, turn)
        if waiting is Waiting.JOB_SWITCH and answering:
            return self.consultant.switch(conv, agreed)
        if waiting is Waiting.DROP_BOTH and answering:
            return self.changes.drop_both(conv, agreed)
        if waiting is Waiting.OFFER and answering:
            return self.changes.take_offer(conv, agreed)
        conv.waiting = Waiting.NOTHING
        conv.consultation.switch_to = conv.consultation.dropping = None
        return self._consult(conv, turn)

    def _consult(self, conv: Conversation, turn: Turn) -> List[Reply]:
        if not conv.consultation.owned:
            # A remembered client's purchases inform the list, greeted or not.
            conv.consultation.owned = self.care.owned(turn.sender) or ()
        return self.consultant.respond(conv, turn)

    def _hand_over_if_needed(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Not understood twice, no order number twice, or a question nobody can settle
        without seeing the job: a colleague takes over (once)."""
        if conv.care.handed_off:
            return []
        if conv.misunderstood >= MISUNDERSTOOD_AT_MOST:
            return self.care.hand_over(conv, turn, "not understood twice")
        if conv.needs_person:
            return self.care.hand_over(conv, turn, conv.needs_person)
        return []

    def _while_waiting(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """While a colleague is awaited, anything said is passed on to them; a question
        about the shop itself the model did not place is answered at once as well (nobody
        should wait in a queue to learn when the shop closes), unless it names a person or
        a fault ("when will someone come?", "it's faulty, I want a refund")."""
        passed = self.care.while_waiting(conv, turn)
        reading = self.s.reader.read(turn.text)
        if turn.meaning in (Meaning.OFF_TOPIC, Meaning.UNCLEAR) and not reading.names_a_person \
                and not reading.complains and self.shop_info.asks_about_the_shop(turn.text):
            return [*self.shop_info.answer(turn.text, turn.now), *passed]
        return passed

    def _aside(self, conv: Conversation, said: List[Reply]) -> List[Reply]:
        """A word on the side (thanks, the shop's hours), then back to the open question."""
        return [*said, *self.asker.resume(conv)]

    def _shop_info(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """A question about the shop; but words read so that name nothing of the shop and
        answer the job, or name a job or a product ("my fence post is leaning"), are the
        consultation's."""
        if not self.shop_info.asks_about_the_shop(turn.text) and (
                self.consultant.answers_the_job(conv, turn.text)
                or self.consultant.names_what_we_sell(turn.text)):
            return self._consult(conv, turn)
        return self._aside(conv, self.shop_info.answer(turn.text, turn.now))

    def _off_topic(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Words read as off-topic: what the shop can help with, then back to the open
        question. Short answers can read as off-topic ("three or four", asked how many will
        sleep in the tent): words that answer the job are that answer; words about the
        shop itself ("do you deliver?") are answered from the shop's facts."""
        if self.consultant.answers_the_job(conv, turn.text) or \
                self.consultant.names_a_job(turn.text):
            return self._consult(conv, turn)
        if self.shop_info.asks_about_the_shop(turn.text):
            return self._aside(conv, self.shop_info.answer(turn.text, turn.now))
        return self.consultant.off_topic(conv)

    def _unclear(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Words the model could not place: the consultation's to read, unless they are
        about the shop itself and answer nothing of the job."""
        if conv.waiting in (Waiting.NOTHING, Waiting.GIFT_OWNED) and \
                not self.consultant.answers_the_job(conv, turn.text) and \
                self.shop_info.asks_about_the_shop(turn.text):
            return self._aside(conv, self.shop_info.answer(turn.text, turn.now))
        if conv.waiting not in (Waiting.NOTHING, Waiting.GIFT_OWNED):
            return self._awaited(conv, turn)
        return self._consult(conv, turn)

    def _ask_for_person(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """A person, unless the words name work the shop always refers ("I would like to get
        mains electrics done"): the referral says who does it, and what the shop sells."""
        if not conv.care.handed_off and self._names_referred_work(turn):
            return self._consult(conv, replace(turn, meaning=Meaning.DESCRIBE_JOB))
        return self.care.hand_over(conv, turn, "asked for a person")

    def _names_referred_work(self, turn: Turn) -> bool:
        jobs = self.s.knowledge.jobs
        named = self.s.reader.read(turn.text).options.get(JOB_QUESTION, set())
        return any(j in jobs and any(not r.alternatives for r in jobs[j].referrals)
                   for j in named)

    def _report_fault(self, conv: Conversation, turn: Turn) -> List[Reply]:
        fault = self.care.shows_a_fault(turn.text)
        if not fault and not self.s.reader.read(turn.text).understood:
            # Nothing in the words is the shop's or a fault's ("flibber jabberwock"): unclear.
            return self._unclear(conv, turn)
        if not fault and (
                turn.confidence < UNSURE or self._answers_the_question(conv, turn)
                or self._names_the_job_in_hand(conv, turn) or self._names_a_new_job(conv, turn)):
            # The model half thinks it a fault, yet nothing in it is one: "Do you have a 10mm
            # drill? really really..." is a request, and the consultation reads it as one;
            # "my drill has the hammer function" answers "What drill have you got?"; "I'd
            # like to get gas work done" names a job.
            return self._consult(conv, turn)
        return self.care.report_fault(conv, turn)

    def _names_a_new_job(self, conv: Conversation, turn: Turn) -> bool:
        """Whether, with no consultation under way, the words name a job and say nothing of
        a purchase ("I would like to choose waterproofs and layers" reports no fault)."""
        c = conv.consultation
        if c.pending or self.lists.current(c) is not None or PURCHASE.search(turn.text):
            return False
        return self.consultant.names_a_job(turn.text)

    def _names_the_job_in_hand(self, conv: Conversation, turn: Turn) -> bool:
        """Whether the words name the job the shopper settled ("waterproof clothing and
        layers", said again after the list)."""
        job = self.s.settled(conv.consultation).get(JOB_QUESTION)
        named = self.s.reader.read(turn.text).options.get(JOB_QUESTION, set())
        return job is not None and job in named

    def _answers_the_question(self, conv: Conversation, turn: Turn) -> bool:
        """Whether the words answer the open question of a consultation under way, or put
        right an answer the list was made from ("sorry, I got that wrong: from the spout")."""
        c = conv.consultation
        return bool(c.pending or self.lists.current(c) is not None) and \
            not conv.care.handed_off and self.consultant.answers_the_job(conv, turn.text)

    def _carry_on(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Back to the assistant: no colleague after all, or the job in hand after all."""
        if conv.waiting is Waiting.JOB_SWITCH:
            return self.consultant.switch(conv, False)
        said = self.care.take_back(conv, turn) if conv.care.handed_off else []
        resumed = self.asker.resume(conv)
        if resumed or self.lists.current(conv.consultation) is not None:
            return said + resumed
        # Nothing open to carry on with: the shopper still needs a way forward.
        w = self.s.words
        return [Say(w.join(w.say("carry_on_then"), w.say("what_today")),
                    self.asker.job_choices())]

    def _take_all(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The list taken; then, once, a gift receipt or the offer to remember the client."""
        replies = self.changes.take_all(conv)
        if conv.consultation.bundle is None and not conv.consultation.extras:
            return replies
        if conv.consultation.gift is not None:
            return replies + self.care.offer_gift_receipt(conv)
        return replies + self.care.offer_memory(conv, turn.sender)

    def _start_over(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """A fresh start, at any time: a colleague awaited is no longer."""
        if conv.care.handed_off:
            self.care.take_back(conv, turn)
        conv.consultation = Consultation(owned=conv.consultation.owned)
        conv.waiting, conv.misunderstood, conv.needs_person = Waiting.NOTHING, 0, None
        return [self._say("fresh_start")]

    def _say(self, key: str) -> Say:
        return Say(self.s.words.say(key))
