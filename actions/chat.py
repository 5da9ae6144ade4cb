"""The chat face: Rasa's vocabulary in and out. Intents and entities become a ``Turn``;
the dialogue's replies become text, buttons (Rasa payloads) and the custom JSON payloads
of docs/payloads.md, built here from the replies' products and bundles.

This module, with data/ and domain.yml, is the only place that knows Rasa's intent names
and payload syntax.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from rasa_sdk import Tracker

from actions.intents import INTENTS, MEANINGS
from bot.bundles import Bundle, BundleItem
from bot.dialogue.replies import (
    Act,
    Ask,
    Choice,
    GiftReceipt,
    HandedOff,
    Offer,
    ProductAnswer,
    Recognised,
    Reply,
    ReturnSettled,
)
from bot.dialogue.turn import Face, Meaning, Turn
from bot.knowledge import Knowledge
from bot.products import ProductInfo
from bot.settings import ACT_KEY, CURRENCY, FACE_KEY, SOURCE_ADDRESS_KEY

Message = Dict[str, Any]
"""A message as rasa-sdk's dispatcher takes it: text, buttons, custom."""


def turn_of(tracker: Tracker, now: Optional[datetime] = None) -> Turn:
    """The shopper's latest message as a turn; a button's payload is not read as words."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    intent = message.get("intent") or {}
    choice = _entity(tracker, "choice")
    question, _, option = (choice or "").partition(":")
    metadata = message.get("metadata") or {}
    face = metadata.get(FACE_KEY) if isinstance(metadata, dict) else None
    face = Face(face) if face in {f.value for f in Face} else Face.CHAT
    # A tap on the tablet travels as its act (its label is the text, for the transcript).
    tapped = act_of(metadata.get(ACT_KEY)) if face is Face.TABLET else None
    # A button's payload, a tap, or an intent the staff triggered ("EXTERNAL: carry_on")
    # say no words of the shopper's.
    button = text.startswith("/") or tapped is not None or bool(metadata.get("is_external"))
    return Turn(
        text="" if button else text,
        meaning=tapped.meaning if tapped else MEANINGS.get(intent.get("name") or "",
                                                          Meaning.UNCLEAR),
        confidence=1.0 if tapped else float(intent.get("confidence") or 1.0),
        answer=tapped.answer if tapped else (question, option) if choice is not None else None,
        sku=tapped.sku if tapped else _entity(tracker, "sku"),
        face=face,
        sender=tracker.sender_id,
        source=_source(metadata),
        now=now or datetime.now(),
        transcript=tuple(e.get("text") or "" for e in tracker.events if e.get("event") == "user"),
    )


def act_of(data: Any) -> Optional[Act]:
    """An act as a staff face sends it back (``act_data``), or None when it is not one."""
    if not isinstance(data, dict) or data.get("meaning") not in {m.value for m in Meaning}:
        return None
    answer, sku = data.get("answer"), data.get("sku")
    pair = None
    if isinstance(answer, list) and len(answer) == 2 and all(isinstance(a, str) for a in answer):
        pair = (answer[0], answer[1])
    return Act(Meaning(data["meaning"]), pair, sku if isinstance(sku, str) and sku else None)


def act_data(act: Act) -> Dict[str, Any]:
    """An act as JSON, for a face that sends it back when its choice is picked."""
    return {"meaning": act.meaning.value,
            "answer": None if act.answer is None else list(act.answer), "sku": act.sku}


def _source(metadata: Any) -> Optional[str]:
    """The shopper's address, as the channel put it in the metadata (never as the shopper
    sent it: edge/rest.py and edge/widget_channel.py overwrite the key)."""
    value = metadata.get(SOURCE_ADDRESS_KEY) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else None


def _entity(tracker: Tracker, name: str) -> Optional[str]:
    value = next(tracker.get_latest_entity_values(name), None)
    return None if value is None else str(value)


# -- replies to messages ---------------------------------------------------------------------

def payload(act: Act) -> str:
    """The Rasa payload a button sends: the intent, with the choice or sku it carries."""
    entities: Dict[str, str] = {}
    if act.answer is not None:
        entities["choice"] = ":".join(act.answer)
    if act.sku is not None:
        entities["sku"] = act.sku
    return f"/{INTENTS[act.meaning]}" + (
        json.dumps(entities, separators=(",", ":")) if entities else "")


def buttons(choices: Sequence[Choice]) -> List[Dict[str, str]]:
    return [{"title": c.label, "payload": payload(c.act)} for c in choices]


def messages(replies: Sequence[Reply], knowledge: Knowledge) -> List[Message]:
    """The replies as chat messages."""
    return [{"text": r.text, "buttons": buttons(r.choices) or None,
             "custom": custom(r, knowledge)} for r in replies]


def custom(reply: Reply, knowledge: Knowledge) -> Optional[Dict[str, Any]]:
    """The custom payload of a reply (docs/payloads.md), None for plain words."""
    build = _CUSTOM.get(type(reply))
    return None if build is None else build(reply, knowledge)


def _ask(reply: Any, _: Knowledge) -> Dict[str, Any]:
    decision = reply.decision
    return {"type": "question", "question": reply.question.key,
            "options": [o.key for o in reply.question.options],
            **({} if decision is None else {"decision": {
                "action": decision.action, "question": decision.question,
                "reason": decision.reason, "solutions": decision.solutions,
                "bundles": decision.bundles,
                "open_questions": [{"question": q, "gain": g} for q, g in decision.open_questions],
                "known": {k: list(v) for k, v in decision.known.items()},
                "turn": decision.turn}})}


def _offer(reply: Any, knowledge: Knowledge) -> Dict[str, Any]:
    return bundle_payload(reply.bundle, knowledge, "order" if reply.taken else "bundle")


def bundle_payload(bundle: Bundle, knowledge: Knowledge, kind: str = "bundle") -> Dict[str, Any]:
    """The documented ``bundle`` (or ``order``) payload."""
    return {
        "type": kind,
        "job": bundle.job,
        "job_name": bundle.job_name,
        "answers": dict(bundle.facts),
        "items": [_line(i) for i in bundle.items],
        "missing": [knowledge.categories[c].label for c in bundle.missing],
        **_money("total", bundle.total_cents),
        "currency": CURRENCY,
    }


def _line(item: BundleItem) -> Dict[str, Any]:
    return {
        "role": item.role, "sku": item.product.sku, "name": item.product.name,
        "category": item.product.category, "quantity": item.quantity,
        **_money("unit_price", item.product.price_cents),
        **_money("line_total", item.line_cents),
        "reason": item.reason, "stock": item.product.stock,
        "in_stock": item.product.stock >= item.quantity, "aisle": item.product.aisle,
        "attributes": dict(item.product.attributes),
        "substitute_for": (None if item.substitute_for is None else
                           {"sku": item.substitute_for.sku, "name": item.substitute_for.name}),
    }


def product_payload(product: ProductInfo) -> Dict[str, Any]:
    return {"sku": product.sku, "name": product.name, "brand": product.brand,
            "category": product.category, **_money("unit_price", product.price_cents),
            "stock": product.stock, "aisle": product.aisle,
            "attributes": dict(product.attributes)}


def _money(name: str, cents: int) -> Dict[str, Any]:
    """A price as pence (exact) and as a JSON number of pounds for display."""
    return {name: _pounds(cents), f"{name}_pence": cents}


def _pounds(cents: int) -> float:
    # The JSON wire format has only binary numbers; the exact figure travels as pence.
    return float(Decimal(cents) / 100)


_CUSTOM: Mapping[type, Callable[[Any, Knowledge], Dict[str, Any]]] = {
    Ask: _ask,
    Offer: _offer,
    ProductAnswer: lambda r, _: {"type": "product", "product": product_payload(r.product)},
    ReturnSettled: lambda r, _: {"type": "return", "order": r.order, "sku": r.sku,
                                 "accepted": r.accepted, **_money("refund", r.refund_cents),
                                 "maker_case": r.maker_case},
    GiftReceipt: lambda r, _: {"type": "gift_receipt", "for": r.recipient,
                               "items": [{"name": n, "quantity": q} for n, q in r.items],
                               "exchange_days": r.exchange_days},
    HandedOff: lambda r, _: {"type": "handoff", "place": r.place, "reason": r.reason},
    Recognised: lambda r, _: {"type": "recognition", "status": r.status,
                              **({} if r.retry_after_s is None else
                                 {"retry_after_s": r.retry_after_s}),
                              **({"locked": True} if r.locked else {})},
}
