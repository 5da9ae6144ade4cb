"""Client care as conversation: a faulty product coming back, a gift receipt, being
remembered (or forgotten), a returning client's welcome, and a person to take over.
The records themselves are kept by ``bot.care`` (returns, clients, hand-offs)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.care.clients import (
    claim_order,
    client_for,
    forget,
    forget_conversations,
    owned_by,
    record_project,
    remember,
    view,
)
from bot.care.codes import format_code
from bot.care.erasure import forget_and_record
from bot.care.handoff import queue, request_handoff, withdraw_handoff
from bot.care.models import MakerCase
from bot.care.names import name_in
from bot.care.returns import (
    Purchase,
    alternative,
    assess,
    purchases,
    record_fault,
    record_return,
)
from bot.dialogue.list_changes import ListChanges
from bot.dialogue.lists import Lists
from bot.dialogue.replies import (
    Act,
    Choice,
    GiftReceipt,
    HandedOff,
    ProductAnswer,
    Reply,
    ReturnSettled,
    Say,
)
from bot.dialogue.services import Services
from bot.dialogue.state import Conversation, Fault, Waiting
from bot.dialogue.turn import Meaning, Turn
from bot.products import ProductInfo
from bot.rules import ResolvedRule
from bot.text import MAX_MESSAGE_CHARS

ORDER_NUMBER = re.compile(r"\b([A-Za-z]{1,3}-?\d{3,8})\b")
GIFT_FOR = "gift_for"  # in a project's answers: who a remembered client bought it for
FAULT_WORDS_KEPT = 5
ORDER_TRIES = 2  # answers without an order number before going on without the order
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")


class CareFlow:
    """Client care over the shop's services."""

    def __init__(self, services: Services, lists: Lists, changes: ListChanges) -> None:
        self.s = services
        self.lists = lists
        self.changes = changes

    # -- faulty products -----------------------------------------------------------------

    def report_fault(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The shopper describes a problem with something they bought."""
        reading = self.s.reader.read(turn.text)
        fault = conv.care.fault or Fault()
        category = next(iter(reading.categories), None) or fault.category
        feature = fault.feature
        for defect_category, defect_feature in sorted(reading.defects):
            category, feature = category or defect_category, defect_feature
        # "The twist locks stopped holding": naming the kind of lock names the feature (and,
        # when only one kind of product has such a feature, the product) too.
        named = sorted((c, f) for c, features in self.s.knowledge.defects.items()
                       for f in features if f in reading.values and category in (None, c))
        if feature is None and len(named) == 1:
            category, feature = category or named[0][0], named[0][1]
        said = sorted(reading.values.get(feature, ())) if feature else []
        conv.care.fault = Fault(words=(*fault.words, turn.text.strip()[:500])[-FAULT_WORDS_KEPT:],
                                category=category, feature=feature,
                                value=said[0] if len(said) == 1 else fault.value,
                                conditions=tuple(sorted(set(fault.conditions) | reading.conditions)))
        return self._find_purchase(conv, order_number(turn.text), turn)

    def shows_a_fault(self, text: str) -> bool:
        """Whether a message carries any sign of a fault: words for a failing feature, for
        the conditions of use or of a complaint, or an order number."""
        reading = self.s.reader.read(text)
        return bool(reading.defects or reading.conditions or reading.complains
                    or order_number(text))

    def order_number_given(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Any message while the order is sought: an order number, the e-mail address the
        order was placed with, or neither ("I don't have it"): then another way is asked
        for once, and after that the fault is dealt with without the order."""
        number = order_number(turn.text)
        if number is not None:
            conv.care.order_tries = 0
            return self._find_purchase(conv, number, turn)
        email = email_in(turn.text)
        fault = conv.care.fault or Fault()
        found = purchases(self.s.session, email=email) if email else []
        match = self._matching(found, fault.category)
        if match is not None:
            conv.waiting, conv.care.order_tries = Waiting.NOTHING, 0
            return self._settle(conv, match, turn.now)
        conv.care.order_tries += 1
        if conv.care.order_tries >= ORDER_TRIES:
            return self.without_order(conv, turn)
        key = "no_order_for_email" if email else "another_way"
        return [Say(self.s.words.say(key))]

    def without_order(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """No order found: still an apology, the fault recorded for the maker from the
        product the shopper describes, the alternative without the failed feature, and
        the refund passed to a colleague with the summary."""
        w = self.s.words
        fault = conv.care.fault or Fault()
        conv.waiting, conv.care.order_tries = Waiting.NOTHING, 0
        described = self._described(fault)
        spec = self.s.knowledge.categories.get(fault.category or "")
        what = w.say("the_category", label=spec.label) if spec else w.say("that_product")
        lines = [w.say("sorry_no_order", what=what)]
        if fault.category:
            report = record_fault(self.s.session, described, fault.category,
                                  defect=" / ".join(fault.words), feature=fault.feature,
                                  conditions=fault.conditions, now=turn.now)
            if report.maker_case is not None:
                lines.append(self._logged(fault, report.maker_case))
        replies: List[Reply] = [Say(w.join(*lines))]
        if described is not None and fault.feature:
            replies += self._better(conv, described, fault.feature)
        handed = self.hand_over(conv, turn, "refund without an order")
        conv.care.fault = None
        return replies + handed

    def _described(self, fault: Fault) -> Optional[ProductInfo]:
        """The product the shopper describes ("my twist-lock poles"), when the catalogue
        can tell which: of the kind named, with the failed feature as they said it."""
        if not fault.category or not fault.feature or not fault.value:
            return None
        rule = ResolvedRule(fault.feature, "=", fault.value)
        return self.s.shelves.catalogue.cheapest(fault.category, [rule])

    def _find_purchase(self, conv: Conversation, number: Optional[str],
                       turn: Turn) -> List[Reply]:
        w, session = self.s.words, self.s.session
        client = client_for(session, turn.sender)
        if number:
            found = purchases(session, order_number=number)
            if not found:
                conv.waiting = Waiting.ORDER_NUMBER
                return [Say(w.say("no_such_order", number=number.upper()))]
            if client is not None:
                claim_order(session, client, number)
        elif client is not None:
            found = purchases(session, client_id=client.id)
        else:
            conv.waiting = Waiting.ORDER_NUMBER
            return [Say(w.say("sorry_order_number"))]
        fault = conv.care.fault or Fault()
        match = self._matching(found, fault.category)
        if match is None:
            conv.waiting = Waiting.ORDER_NUMBER
            spec = self.s.knowledge.categories.get(fault.category or "")
            what = w.say("the_category", label=spec.label) if spec else w.say("that_product")
            where = w.say("order_named", number=number.upper()) if number else w.say(
                "your_purchases")
            bought = ", ".join(sorted({p.name for p in found})) or w.say("nothing")
            return [Say(w.say("not_in_order", what=what, where=where, bought=bought))]
        conv.waiting = Waiting.NOTHING
        return self._settle(conv, match, turn.now)

    def _matching(self, found: Sequence[Purchase], category: Optional[str]) -> Optional[Purchase]:
        candidates = list(found)
        if category:
            candidates = [p for p in found if (product := self.s.shelves.by_sku(p.sku))
                          is not None and product.category == category]
        returnable = [p for p in candidates if p.returnable > 0] or candidates
        return returnable[0] if returnable else None

    def _settle(self, conv: Conversation, purchase: Purchase, now: datetime) -> List[Reply]:
        w = self.s.words
        fault = conv.care.fault or Fault()
        product = self.s.shelves.by_sku(purchase.sku)
        verdict = assess(purchase, today=now.date(), faulty=True, policy=self.s.policy)
        case = record_return(self.s.session, purchase, product, defect=" / ".join(fault.words),
                             feature=fault.feature, conditions=fault.conditions,
                             assessment=verdict, now=now)
        lines = [w.say("let_you_down", product=purchase.name),
                 w.say("refunded", refund=w.price(verdict.refund_cents), reason=verdict.reason)
                 if verdict.accepted else w.say("not_refunded", reason=verdict.reason)]
        maker = case.maker_case
        if maker is not None:
            lines.append(self._logged(fault, maker))
        replies: List[Reply] = [ReturnSettled(w.join(*lines), purchase.order_number, purchase.sku,
                                              verdict.accepted, verdict.refund_cents,
                                              maker.id if maker else None)]
        if product is not None and fault.feature:
            replies += self._better(conv, product, fault.feature)
        conv.care.fault = None
        return replies

    def _logged(self, fault: Fault, maker: MakerCase) -> str:
        w = self.s.words
        worn = w.say("worn_in", conditions=", ".join(fault.conditions)) if fault.conditions else ""
        return w.say("fault_logged", feature=fault.feature, worn=worn,
                     maker=maker.brand or w.say("the_maker"), case=maker.id, reports=maker.count)

    def _better(self, conv: Conversation, product: ProductInfo, feature: str) -> List[Reply]:
        """One that won't fail the same way, offered for the list."""
        w = self.s.words
        better = alternative(self.s.shelves.catalogue, product, feature)
        if better is None:
            return []
        text = w.say("better_replacement", product=better.name,
                     now_has=better.attributes.get(feature), feature=feature.replace("_", " "),
                     failed=product.attributes.get(feature), price=w.price(better.price_cents),
                     aisle=better.aisle)
        return [ProductAnswer(text, better, None, (self.changes.suggest(conv, better),
                                                   Choice(w.say("no_thanks"), Act(Meaning.NO))))]

    # -- gifts ---------------------------------------------------------------------------------

    def offer_gift_receipt(self, conv: Conversation) -> List[Reply]:
        """A gift's list was taken: offer a receipt without prices."""
        w = self.s.words
        conv.waiting = Waiting.GIFT_RECEIPT
        return [Say(w.say("offer_gift_receipt", recipient=self._recipient(conv)),
                    (Choice(w.say("yes_gift_receipt"), Act(Meaning.YES)),
                     Choice(w.say("no_thanks"), Act(Meaning.NO))))]

    def gift_receipt(self, conv: Conversation, agreed: bool) -> List[Reply]:
        """The answer to the gift receipt offer: the receipt itself (names and quantities,
        no prices)."""
        w = self.s.words
        conv.waiting = Waiting.NOTHING
        if not agreed:
            return [Say(w.say("no_gift_receipt"))]
        bundle = self.lists.current(conv.consultation)
        items = tuple((i.product.name, i.quantity) for i in bundle.items) if bundle else ()
        recipient = self._recipient(conv)
        text = "\n".join([w.say("gift_receipt", recipient=recipient,
                                days=self.s.policy.unused_days),
                          *(w.say("gift_receipt_line", quantity=q, product=n) for n, q in items)])
        return [GiftReceipt(text, recipient, items, self.s.policy.unused_days)]

    def _recipient(self, conv: Conversation) -> str:
        gift = conv.consultation.gift
        return self.s.knowledge.gifts.who(gift.recipient if gift else None)

    # -- remembering clients -------------------------------------------------------------

    def offer_memory(self, conv: Conversation, sender: str) -> List[Reply]:
        """After a purchase: ask, once, whether to remember the client."""
        if conv.care.offered_memory or client_for(self.s.session, sender) is not None:
            return []
        w = self.s.words
        conv.care.offered_memory, conv.waiting = True, Waiting.CONSENT
        return [Say(w.say("offer_memory"), (Choice(w.say("yes_remember"), Act(Meaning.YES)),
                                            Choice(w.say("no_thanks"), Act(Meaning.NO))))]

    def consent(self, conv: Conversation, agreed: bool, turn: Turn) -> List[Reply]:
        if not agreed:
            conv.waiting = Waiting.NOTHING
            return [Say(self.s.words.say("keep_nothing"))]
        client = remember(self.s.session, turn.sender, name=None, now=turn.now)
        ref = conv.consultation.bundle
        if ref is not None:
            gift = conv.consultation.gift
            answers = dict(ref.answers)
            if gift is not None:
                # Bought for someone else: the client does not own it, so it leaves no bundle.
                answers[GIFT_FOR] = self.s.knowledge.gifts.who(gift.recipient)
            record_project(self.s.session, client, job=ref.job, answers=answers,
                           skus=[] if gift is not None else ref.skus(), on=turn.now.date())
        conv.waiting = Waiting.NAME
        return [Say(self.s.words.say("what_name"))]

    def name_given(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """The name is the second factor of a recognition by code (``bot.care.recognition``),
        so the code is given only with a name: a code alone must never be enough."""
        conv.waiting = Waiting.NOTHING
        client = client_for(self.s.session, turn.sender)
        name = name_in(turn.text)
        if client is None or not name:
            return [Say(self.s.words.say("no_name"))]
        client.name = name
        return [Say(self.s.words.say("nice_to_meet", name=name, code=format_code(client.code)))]

    def greet(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """Hello; for a returning client (this conversation is theirs: they started it, or
        proved who they are, ``bot.dialogue.recognition``), with their last project, and
        what they own noted so that the next list leaves it out."""
        w, session = self.s.words, self.s.session
        client = client_for(session, turn.sender)
        if client is None:
            return [Say(w.say("hello"))]
        seen = view(session, client)
        conv.consultation.owned = tuple(sorted(seen.owned_skus))
        parts = [w.say("welcome_back", comma_name=f", {seen.name}" if seen.name else "")]
        if seen.last_project:
            job = self.s.knowledge.jobs.get(seen.last_project)
            what = job.name if job else seen.last_project
            recipient = (client.projects[-1].answers or {}).get(GIFT_FOR)
            parts.append(w.say("did_they_like_it", recipient=recipient, job=what) if recipient
                         else w.say("how_did_it_go", job=what,
                                    day=f"{seen.last_project_on:%d %B}"))
        return [Say(w.join(*parts, w.say("what_today")))]

    def owned(self, sender: str) -> Optional[Tuple[str, ...]]:
        """What a remembered client already owns (None for a stranger)."""
        found = owned_by(self.s.session, sender)
        return None if found is None else tuple(found)

    def forget_me(self, turn: Turn) -> Tuple[List[str], List[Reply]]:
        """Delete everything about the shopper (a client's data, or this conversation's),
        record the deletion in the audit log, in counts; the conversations to delete too."""
        known = client_for(self.s.session, turn.sender) is not None
        senders = forget_and_record(self.s.session, turn.sender, turn.now, self._forget)
        return senders, [Say(self.s.words.say("forgot_client" if known else "forgot_stranger"))]

    def _forget(self, sender: str) -> List[str]:
        client = client_for(self.s.session, sender)
        if client is None:
            forget_conversations(self.s.session, [sender])
            return [sender]
        return forget(self.s.session, client)

    # -- a person --------------------------------------------------------------------------

    def hand_over(self, conv: Conversation, turn: Turn, reason: str) -> List[Reply]:
        """Queue the conversation for a colleague, with a summary of it. From then on the
        assistant asks nothing more until the shopper takes it back ("carry on")."""
        handoff = request_handoff(self.s.session, turn.sender, reason=reason,
                                  summary=self.summary(conv, turn.transcript), now=turn.now)
        place = [h.id for h in queue(self.s.session)].index(handoff.id) + 1
        w = self.s.words
        key = "still_waiting" if conv.care.handed_off else "handed_off"
        conv.care.handed_off, conv.misunderstood, conv.needs_person = True, 0, None
        return [HandedOff(w.say(key, place=place), place, reason,
                          (Choice(w.say("carry_on_instead"), Act(Meaning.CARRY_ON)),))]

    def while_waiting(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """A message while a colleague is awaited: added to what they will see."""
        request_handoff(self.s.session, turn.sender, reason="asked for a person",
                        summary=self.summary(conv, turn.transcript), now=turn.now, keep_reason=True)
        w = self.s.words
        return [Say(w.say("passed_on"), (Choice(w.say("carry_on_instead"),
                                                Act(Meaning.CARRY_ON)),))]

    def take_back(self, conv: Conversation, turn: Turn) -> List[Reply]:
        """ "Never mind, carry on": the shopper no longer waits for a colleague."""
        withdraw_handoff(self.s.session, turn.sender)
        conv.care.handed_off = False
        return [Say(self.s.words.say("carry_on_then"))]

    def summary(self, conv: Conversation, transcript: Sequence[str]) -> Dict[str, Any]:
        """What a colleague needs: the job, the answers so far, the list so far, a fault
        being reported, and every word the shopper said."""
        c = conv.consultation
        bundle = self.lists.current(c)
        jobs = c.known.get("job") or ()
        fault = conv.care.fault
        return {
            "job": bundle.job if bundle else (jobs[0] if len(jobs) == 1 else None),
            "item": c.item.category if c.item else None,
            "answers": {q: list(v) for q, v in c.known.items()},
            "assumed": dict(c.assumed),
            "pending_question": c.pending,
            "gift": None if c.gift is None else {"for": c.gift.recipient,
                                                 "owned": list(c.gift.owned or ())},
            "bundle": [{"sku": i.product.sku, "name": i.product.name, "quantity": i.quantity}
                       for i in (bundle.items if bundle else ())],
            "total_cents": None if bundle is None else bundle.total_cents,
            "fault": None if fault is None else {"words": list(fault.words),
                                                 "category": fault.category,
                                                 "feature": fault.feature,
                                                 "conditions": list(fault.conditions)},
            "transcript": [text[:MAX_MESSAGE_CHARS] for text in transcript],
        }


def email_in(text: str) -> Optional[str]:
    match = EMAIL.search(text or "")
    return match.group(0).lower() if match else None


def order_number(text: str) -> Optional[str]:
    match = ORDER_NUMBER.search(text or "")
    return match.group(1).replace("-", "").upper() if match else None
