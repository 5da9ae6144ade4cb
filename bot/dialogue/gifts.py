"""Buying for someone else: the questions are about the recipient, what they already own
is asked once before the list and left out of it, and what the buyer owns does not count."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from bot.bundles import Bundle
from bot.dialogue.replies import Act, Ask, Choice, Reply
from bot.dialogue.services import Services, reworded
from bot.dialogue.state import Consultation, Conversation, Gift, Stage, Waiting
from bot.dialogue.turn import Meaning, Turn
from bot.knowledge import Option, Question
from bot.language import Reading

OWNED_QUESTION = "gift_owned"  # the question "might they already own any of these?"
NOTHING_OWNED = "none"
NO_WORDS = frozenset({"none", "nothing", "no", "neither", "nope"})


class Gifts:
    """The gift's part of a consultation."""

    def __init__(self, services: Services) -> None:
        self.s = services

    def note(self, c: Consultation, reading: Reading) -> List[str]:
        """The shopper says the item is for someone else: from now on the questions are
        about the recipient. Returns the note for the shopper when that is news."""
        if not reading.gift:
            return []
        before = c.gift
        if before is not None and (not reading.recipient or reading.recipient == before.recipient):
            return []
        recipient = reading.recipient or (before.recipient if before else None)
        c.gift = Gift(recipient=recipient, owned=before.owned if before else None)
        return [self.s.words.say("gift_noted", whom=self.whom(c.gift, "a_present"))]

    def whom(self, gift: Gift, lead: str) -> str:
        """ "A present for your dad", or just "A present" when the shopper did not say who."""
        if gift.recipient:
            return self.s.words.say(f"{lead}_for", recipient=self.who(gift))
        return self.s.words.say(lead)

    def who(self, gift: Gift) -> str:
        return self.s.knowledge.gifts.who(gift.recipient)

    def ask_owned(self, conv: Conversation, bundle: Bundle, lead: Sequence[str]) -> List[Reply]:
        """Before a gift's list: which of its kinds of item the recipient already has."""
        gift = conv.consultation.gift
        assert gift is not None
        kinds = list(dict.fromkeys(i.product.category for i in bundle.items))
        conv.consultation.stage = Stage.DISCOVERING
        conv.waiting = Waiting.GIFT_OWNED
        text = self.s.knowledge.gifts.owned_question.format(who=self.who(gift))
        options = tuple(Option(key=k, label=self.s.label(k)) for k in kinds)
        question = Question(key=OWNED_QUESTION, text=text, options=options)
        choices = [Choice(o.label, Act(Meaning.ANSWER, answer=(OWNED_QUESTION, o.key)))
                   for o in options]
        choices.append(Choice(self.s.words.say("none_of_these"),
                              Act(Meaning.ANSWER, answer=(OWNED_QUESTION, NOTHING_OWNED))))
        return [Ask(self.s.words.join(*lead, text), question, None, tuple(choices))]

    def owned_answer(self, conv: Conversation, reading: Reading, turn: Turn) -> List[str]:
        """Read the answer to "might they already own any of these?" into the state.
        Returns the apology when it was no answer (the list then comes without asking)."""
        c = conv.consultation
        assert c.gift is not None
        conv.waiting = Waiting.NOTHING
        question, choice = turn.answer or ("", "")
        if question == OWNED_QUESTION:
            owned: Tuple[str, ...] = () if choice == NOTHING_OWNED else (choice,)
        elif reading.categories:
            owned = tuple(reading.categories)
        elif turn.meaning is Meaning.NO or _says_none(turn.text):
            owned = ()
        else:
            conv.misunderstood += 1
            return [self.s.words.say("not_understood")]
        c.gift = c.gift.copy(update={"owned": owned})
        conv.misunderstood = 0
        return []

    def without_what_they_own(self, bundle: Bundle, gift: Gift) -> Tuple[Bundle, str]:
        whom = self.whom(gift, "as_a_gift")
        theirs = set(gift.owned or ())
        bundle, left_out = bundle.leaving_out(lambda i: i.product.category in theirs)
        if not left_out:
            return bundle, self.s.words.say("gift_list", whom=whom)
        kinds = ", ".join(self.s.label(i.product.category) for i in left_out)
        return bundle, self.s.words.say("gift_list_without", whom=whom, kinds=kinds)

    def wording(self, question: Question, gift: Gift) -> Question:
        """The question as put to a gift buyer ("What's the ground like where your dad
        will walk?")."""
        return reworded(question, self.s.knowledge.gifts.wording(question, gift.recipient))


def _says_none(text: str) -> bool:
    words = set(text.lower().replace(",", " ").replace(".", " ").split())
    return bool(words & NO_WORDS)

