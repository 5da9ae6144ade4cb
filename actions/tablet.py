"""The tablet face's payload: the dialogue's replies and briefing as one JSON document, for
the attendant's page (edge/staff/) to draw its own way (docs/payloads.md, ``tablet``).

The chat face turns replies into words and buttons; the tablet needs the structure behind
them: the question apart from what leads up to it, the engine's reason, every choice as
the act it stands for (sent back as the next turn's meaning), the list with its talking
points, and what is known so far. Nothing here decides anything.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from actions.chat import Message, act_data, bundle_payload, custom, product_payload
from bot.dialogue.briefing import Briefing, Fact
from bot.dialogue.controller import Outcome
from bot.dialogue.replies import Ask, Choice, Offer, ProductAnswer, Reply
from bot.knowledge import Knowledge
from bot.settings import CURRENCY

TABLET_TYPE = "tablet"


def tablet_message(outcome: Outcome, briefing: Briefing, knowledge: Knowledge) -> Message:
    """One message for the whole turn: its text is every reply's (for the transcript and
    the trainer's replay), its payload the structure the tablet draws."""
    text = "\n".join(r.text for r in outcome.replies if r.text)
    return {"text": text, "buttons": None, "custom": {
        "type": TABLET_TYPE,
        "replies": [reply_data(r, knowledge) for r in outcome.replies],
        "briefing": briefing_data(briefing, knowledge),
        "currency": CURRENCY,
    }}


def reply_data(reply: Reply, knowledge: Knowledge) -> Dict[str, Any]:
    """A reply as the tablet reads it: its kind, words, choices, and its own details."""
    data: Dict[str, Any] = {"kind": type(reply).__name__.lower(), "text": reply.text,
                            "choices": choices_data(reply.choices)}
    if isinstance(reply, Ask):
        question = reply.question
        lead = reply.text[:-len(question.text)] if reply.text.endswith(question.text) else ""
        data["question"] = {"key": question.key, "text": question.text,
                            "help": question.help, "lead": lead.strip()}
    elif isinstance(reply, Offer):
        data["taken"] = reply.taken
    elif isinstance(reply, ProductAnswer):
        data["product"] = product_payload(reply.product)
        data["warning"] = reply.warning
    else:
        data["details"] = custom(reply, knowledge)
    return data


def choices_data(choices: Sequence[Choice]) -> List[Dict[str, Any]]:
    return [{"label": c.label, "act": act_data(c.act)} for c in choices]


def briefing_data(briefing: Briefing, knowledge: Knowledge) -> Dict[str, Any]:
    return {
        "facts": [_fact(f) for f in briefing.facts],
        "pending": briefing.pending,
        "asked_for": briefing.asked_for,
        "why_asked": briefing.why_asked,
        "bundle": _bundle(briefing, knowledge),
        "taken": briefing.taken,
        "warnings": list(briefing.warnings),
        "can_skip": briefing.can_skip,
        "can_finish": briefing.can_finish,
        "starts": choices_data(briefing.starts),
        "items": list(briefing.items),
    }


def _fact(fact: Fact) -> Dict[str, Any]:
    return {"question": fact.question, "asked": fact.asked, "answer": fact.answer,
            "assumed": fact.assumed, "choices": choices_data(fact.choices)}


def _bundle(briefing: Briefing, knowledge: Knowledge) -> Optional[Dict[str, Any]]:
    """The list as the chat's ``bundle`` payload, each item with its talking points."""
    if briefing.bundle is None:
        return None
    data = bundle_payload(briefing.bundle, knowledge)
    points = {p.sku: p for p in briefing.talking_points}
    for item in data["items"]:
        found = points.get(item["sku"])
        item["why"] = found.why if found else item["reason"]
        item["talking_points"] = list(found.points) if found else []
    return data
