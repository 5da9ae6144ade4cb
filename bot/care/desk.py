"""The client-care desk: what the assistant says and records when a faulty product comes
back, when a shopper agrees (or not) to be remembered, returns, asks to be forgotten, or
needs a human. Like the consultant, it takes a JSON-safe state (kept in the ``care`` slot)
and returns the new state and the messages.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from sqlalchemy.orm import Session

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
from bot.care.handoff import queue, request_handoff, summary_of
from bot.care.names import name_in as _name
from bot.care.returns import Purchase, ReturnPolicy, alternative, assess, purchases, record_return
from bot.consultation import Message
from bot.knowledge import Knowledge
from bot.language import Interpreter
from bot.products import Catalogue, format_price

ORDER_NUMBER = re.compile(r"\b([A-Za-z]{1,3}-?\d{3,8})\b")
State = Dict[str, Any]
GIFT_FOR = "gift_for"  # in a project's answers: who a remembered client bought it for


def new_care_state() -> State:
    return {"pending": None, "fault": None, "offered_memory": False, "misunderstood": 0}


@dataclass
class CareDesk:
    """Client care over one database session."""

    session: Session
    knowledge: Knowledge
    catalogue: Catalogue
    interpreter: Interpreter
    policy: ReturnPolicy = ReturnPolicy()

    # -- faulty products -----------------------------------------------------------------

    def report_fault(self, state: Optional[Mapping[str, Any]], text: str, sender_id: str,
                     now: datetime) -> Tuple[State, List[Message]]:
        """The shopper describes a problem with something they bought."""
        state = {**new_care_state(), **copy.deepcopy(dict(state or {}))}
        reading = self.interpreter.read(text)
        fault = state.get("fault") or {"words": [], "category": None, "feature": None,
                                       "conditions": []}
        fault["words"] = (fault["words"] + [text.strip()[:500]])[-5:]
        fault["category"] = next(iter(reading.categories), None) or fault["category"]
        for category, feature in sorted(reading.defects):
            fault["category"] = fault["category"] or category
            fault["feature"] = feature
        # "The twist locks stopped holding": naming the kind of lock names the feature (and,
        # when only one kind of product has such a feature, the product) too.
        named = sorted((category, feature) for category, features in self.knowledge.defects.items()
                       for feature in features if feature in reading.values
                       and fault["category"] in (None, category))
        if fault["feature"] is None and len(named) == 1:
            fault["category"] = fault["category"] or named[0][0]
            fault["feature"] = named[0][1]
        fault["conditions"] = sorted(set(fault["conditions"]) | reading.conditions)
        state["fault"] = fault
        return self._find_purchase(state, _order_number(text), sender_id, now)

    def shows_a_fault(self, text: str) -> bool:
        """Whether a message carries any sign of a fault: words for a failing feature or
        for the conditions of use, or an order number."""
        reading = self.interpreter.read(text)
        return bool(reading.defects or reading.conditions or _order_number(text))

    def _find_purchase(self, state: State, number: Optional[str], sender_id: str,
                       now: datetime) -> Tuple[State, List[Message]]:
        fault = state["fault"]
        client = client_for(self.session, sender_id)
        if number:
            found = purchases(self.session, order_number=number)
            if not found:
                state["pending"] = "order_number"
                return state, [Message(f"I can't find an order {number.upper()}. Could you "
                                       "check the number on your receipt? It looks like A1234.")]
            if client is not None:
                claim_order(self.session, client, number)
        elif client is not None:
            found = purchases(self.session, client_id=client.id)
        else:
            state["pending"] = "order_number"
            return state, [Message("I'm sorry to hear that. Let's put it right: what's the order "
                                   "number? It's on your receipt or email, like A1234.")]
        match = self._matching(found, fault["category"])
        if match is None:
            bought = ", ".join(sorted({p.name for p in found})) or "nothing"
            what = self._category_label(fault["category"]) or "that product"
            state["pending"] = "order_number"
            return state, [Message(f"I can't find {what} in "
                                   f"{'order ' + number.upper() if number else 'your purchases'} "
                                   f"(I see: {bought}). Which order was it on?")]
        state["pending"] = None
        return self._settle(state, match, now)

    def _matching(self, found: Sequence[Purchase], category: Optional[str]) -> Optional[Purchase]:
        candidates = list(found)
        if category:
            candidates = [p for p in found
                          if (self.catalogue.by_sku(p.sku) or _NoProduct).category == category]
        returnable = [p for p in candidates if p.returnable > 0] or candidates
        return returnable[0] if returnable else None

    def _settle(self, state: State, purchase: Purchase,
                now: datetime) -> Tuple[State, List[Message]]:
        fault = state["fault"]
        product = self.catalogue.by_sku(purchase.sku)
        verdict = assess(purchase, today=now.date(), faulty=True, policy=self.policy)
        case = record_return(self.session, purchase, product, defect=" / ".join(fault["words"]),
                             feature=fault["feature"], conditions=fault["conditions"],
                             assessment=verdict, now=now)
        lines = [f"I'm sorry the {purchase.name} let you down."]
        if verdict.accepted:
            lines.append(f"I've accepted the return and refunded {format_price(verdict.refund_cents)}"
                         f" to your original payment: {verdict.reason}.")
        else:
            lines.append(f"I can't refund it here: {verdict.reason}. A colleague can look at a "
                         "repair or a goodwill gesture.")
        if case.maker_case is not None:
            worn = f" in {', '.join(fault['conditions'])}" if fault["conditions"] else ""
            lines.append(f"I've logged the fault ({fault['feature']} failing{worn}) with "
                         f"{case.maker_case.brand or 'the maker'} so they can make it better "
                         f"(case {case.maker_case.id}, {len(case.maker_case.returns)} report(s)).")
        messages = [Message(" ".join(lines), custom={
            "type": "return", "order": purchase.order_number, "sku": purchase.sku,
            "accepted": verdict.accepted, "refund": verdict.refund_cents / 100,
            "maker_case": case.maker_case.id if case.maker_case else None})]
        better = (alternative(self.catalogue, product, fault["feature"])
                  if product and fault["feature"] else None)
        if better is not None and product is not None:
            failed = product.attributes.get(fault["feature"])
            now_has = better.attributes.get(fault["feature"])
            messages.append(Message(
                f"If you'd like a replacement that won't fail the same way: the {better.name} "
                f"has a {now_has} {fault['feature'].replace('_', ' ')} instead of a {failed} one, "
                f"{format_price(better.price_cents)}, aisle {better.aisle}.",
                custom={"type": "product", "product": better.as_dict()}))
        state["fault"] = None
        return state, messages

    def order_number_given(self, state: Mapping[str, Any], text: str, sender_id: str,
                           now: datetime) -> Tuple[State, List[Message]]:
        """An answer while the desk waits for an order number."""
        state = {**new_care_state(), **copy.deepcopy(dict(state))}
        number = _order_number(text)
        if number is None:
            state["misunderstood"] = state.get("misunderstood", 0) + 1
            return state, [Message("I need the order number to find your purchase: it's on "
                                   "the receipt, like A1234. If you can't find it, I can pass "
                                   "you to a colleague.")]
        state["misunderstood"] = 0
        return self._find_purchase(state, number, sender_id, now)

    # -- gifts -------------------------------------------------------------------------------

    def offer_gift_receipt(self, state: Optional[Mapping[str, Any]],
                           consultation: Mapping[str, Any]) -> Tuple[State, List[Message]]:
        """A gift's bundle was taken: offer a receipt without prices."""
        state = {**new_care_state(), **copy.deepcopy(dict(state or {}))}
        state["pending"] = "gift_receipt"
        who = self.knowledge.gifts.who((consultation.get("gift") or {}).get("for"))
        return state, [Message(f"As it's a present: shall I add a gift receipt, without "
                               f"prices, so {who} can exchange anything that isn't right?",
                               [{"title": "Yes, a gift receipt", "payload": "/affirm"},
                                {"title": "No thanks", "payload": "/deny"}])]

    def gift_receipt(self, state: Mapping[str, Any], agreed: bool,
                     consultation: Mapping[str, Any]) -> Tuple[State, List[Message]]:
        """The answer to the gift receipt offer: the receipt itself (names and quantities,
        no prices) as a ``gift_receipt`` payload the channel can print."""
        state = {**new_care_state(), **copy.deepcopy(dict(state))}
        state["pending"] = None
        if not agreed:
            return state, [Message("No gift receipt, then.")]
        bundle = consultation.get("bundle") or {}
        who = self.knowledge.gifts.who((consultation.get("gift") or {}).get("for"))
        items = [{"name": i["name"], "quantity": i["quantity"]} for i in bundle.get("items", [])]
        lines = "\n".join(f"- {i['quantity']} x {i['name']}" for i in items)
        return state, [Message(f"Here's the gift receipt for {who}, without prices; it's "
                               f"valid for exchange or refund within {self.policy.unused_days} "
                               f"days, unused.\n{lines}",
                               custom={"type": "gift_receipt", "for": who, "items": items,
                                       "exchange_days": self.policy.unused_days})]

    # -- remembering clients -------------------------------------------------------------

    def offer_memory(self, state: Optional[Mapping[str, Any]], sender_id: str) -> Tuple[State, List[Message]]:
        """After a purchase: ask, once, whether to remember the client."""
        state = {**new_care_state(), **copy.deepcopy(dict(state or {}))}
        if state["offered_memory"] or client_for(self.session, sender_id) is not None:
            return state, []
        state.update(offered_memory=True, pending="consent")
        return state, [Message("Would you like me to remember your name, this project and what "
                               "you bought, so I can help next time? I'll keep nothing if not.",
                               [{"title": "Yes, remember me", "payload": "/affirm"},
                                {"title": "No thanks", "payload": "/deny"}])]

    def consent(self, state: Mapping[str, Any], agreed: bool, sender_id: str,
                consultation: Optional[Mapping[str, Any]], now: datetime) -> Tuple[State, List[Message]]:
        state = {**new_care_state(), **copy.deepcopy(dict(state))}
        if not agreed:
            state["pending"] = None
            return state, [Message("No problem: I won't keep anything about you.")]
        client = remember(self.session, sender_id, name=None, now=now)
        bundle = (consultation or {}).get("bundle")
        gift = (consultation or {}).get("gift")
        if bundle and gift:
            # Bought for someone else: the client does not own it, so it leaves no bundle.
            record_project(self.session, client, job=bundle["job"], skus=[], on=now.date(),
                           answers={**bundle["answers"],
                                    GIFT_FOR: self.knowledge.gifts.who(gift.get("for"))})
        elif bundle:
            record_project(self.session, client, job=bundle["job"], answers=bundle["answers"],
                           skus=[i["sku"] for i in bundle["items"]], on=now.date())
        state["pending"] = "name"
        return state, [Message("Thank you. What name shall I use? With your client code, it's "
                               "how I'll know it's you on another device.")]

    def name_given(self, state: Mapping[str, Any], text: str,
                   sender_id: str) -> Tuple[State, List[Message]]:
        """The name is the second factor of a recognition by code (``bot.care.recognition``),
        so the code is given only with a name: a code alone must never be enough."""
        state = {**new_care_state(), **copy.deepcopy(dict(state))}
        state["pending"] = None
        client = client_for(self.session, sender_id)
        name = _name(text)
        if client is None or not name:
            return state, [Message("No matter, I'll remember you in this conversation without a "
                                   "name. I can only know you on another device by your code "
                                   "and your name together, so there's no code without one.")]
        client.name = name
        return state, [Message(f"Nice to meet you, {name}. Your client code is "
                               f"{format_code(client.code)}: on another device, give me the code "
                               "and your name and I'll know you. Say \"forget me\" any time "
                               "and I'll delete everything I keep about you.")]

    def greet(self, sender_id: str, text: str = "") -> Tuple[Optional[List[str]], List[Message]]:
        """A greeting: with context for a returning client (this conversation is theirs:
        they started it, or proved who they are with ``bot.care.recognition``). Returns
        the skus they own (for the consultant) and the messages."""
        client = client_for(self.session, sender_id)
        if client is None:
            return None, [Message("Hello! Tell me what you're working on, or the item you're "
                                  "after, and I'll help you get it right.")]
        seen = view(self.session, client)
        hello = f"Welcome back{', ' + seen.name if seen.name else ''}!"
        if seen.last_project:
            job = self.knowledge.jobs.get(seen.last_project)
            what = job.name if job else seen.last_project
            recipient = (client.projects[-1].answers or {}).get(GIFT_FOR)
            hello += (f" Did {recipient} like the present to {what}?" if recipient else
                      f" How did it go when you set out to {what} on "
                      f"{seen.last_project_on:%d %B}?")
        return sorted(seen.owned_skus), [Message(hello + " What are you working on today?")]

    def owned(self, sender_id: str) -> Optional[List[str]]:
        """What a remembered client already owns (None for a stranger)."""
        return owned_by(self.session, sender_id)

    def forget_me(self, sender_id: str) -> Tuple[List[str], List[Message]]:
        """Delete everything about the client; return the conversations to delete too."""
        client = client_for(self.session, sender_id)
        if client is None:
            forget_conversations(self.session, [sender_id])
            return [sender_id], [Message("I don't keep anything about you beyond this "
                                         "conversation, and I've deleted that too.")]
        senders = forget(self.session, client)
        return senders, [Message("Done: I've deleted your name, your projects, the link to your "
                                 "purchases and our conversations. Past orders stay only as "
                                 "anonymous records for the accounts.")]

    # -- a human ---------------------------------------------------------------------------

    def hand_over(self, sender_id: str, reason: str, consultation: Optional[Mapping[str, Any]],
                  transcript: List[str], now: datetime,
                  care: Optional[Mapping[str, Any]] = None) -> List[Message]:
        handoff = request_handoff(self.session, sender_id, reason=reason,
                                  summary=summary_of(consultation, transcript, care), now=now)
        place = [h.id for h in queue(self.session)].index(handoff.id) + 1
        return [Message(f"I've asked a colleague to take over (you're number {place} in the "
                        "queue). They'll see everything you've told me, so you won't need to "
                        "repeat yourself, and they'll reply here.",
                        custom={"type": "handoff", "place": place, "reason": reason})]

    def _category_label(self, category: Optional[str]) -> Optional[str]:
        spec = self.knowledge.categories.get(category or "")
        return f"the {spec.label}" if spec else None


class _NoProduct:
    category = None


def _order_number(text: str) -> Optional[str]:
    match = ORDER_NUMBER.search(text or "")
    return match.group(1).replace("-", "").upper() if match else None
