"""The adapters of recognition by code and of forget-me's confirmation: from the tracker
to ``bot.care.recognition`` and ``bot.care.erasure`` and back. No action is defined here;
``ActionGreet``, ``ActionConsult`` and ``ActionForgetMe`` call these, so that the checks
sit in one place whichever intent the model reads a message as ("hello, my code is ..."
reads as a greeting or as an answer; a name as an answer or off-topic)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Collection, Optional

from rasa_sdk import Tracker

from actions.base import CARE_SLOT, CONSULTATION_SLOT, FORGET_SLOT, Outcome, incoming
from bot.care import erasure
from bot.care.codes import code_in, mentions_a_code
from bot.care.recognition import SECOND_FACTOR, SOURCE_ADDRESS_KEY, Recognition
from bot.consultation import new_state
from bot.shop import Shop

AWAITED = (SECOND_FACTOR, erasure.FORGET_CONFIRM)


def source_address(tracker: Tracker) -> Optional[str]:
    """The shopper's address, as the channel put it in the message's metadata (never as
    the shopper sent it: edge/rest.py and edge/widget_channel.py overwrite the key)."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    value = metadata.get(SOURCE_ADDRESS_KEY) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else None


def for_recognition(tracker: Tracker) -> bool:
    """Whether this message gives a code, or answers what the care desk waits for (a name,
    forget-me's confirmation): then it is ours, whatever the model read it as."""
    waiting = (tracker.get_slot(CARE_SLOT) or {}).get("pending")
    return waiting in AWAITED or code_in(incoming(tracker).text) is not None


def code_turn(shop: Shop, tracker: Tracker, *, greeting: bool = False) -> Optional[Outcome]:
    """A message that gives a client code: ask for the name (the same for any code).

    Args:
        greeting: a greeting that mentions a code but gives none gets told what a code
            looks like; other messages with the word "code" go their usual way.
    """
    text = incoming(tracker).text
    if code_in(text) is None and not (greeting and mentions_a_code(text)):
        return None
    care, replies = Recognition.over(shop.desk.session).code_given(
        tracker.get_slot(CARE_SLOT), text, tracker.sender_id, source_address(tracker))
    return {CARE_SLOT: care}, replies


def pending_turn(shop: Shop, tracker: Tracker, new_topic: Collection[str]) -> Optional[Outcome]:
    """The answer the care desk waits for: the name, or yes/no to forget-me. A message
    that starts something new (``new_topic`` intents) is left to the caller."""
    message = incoming(tracker)
    care = tracker.get_slot(CARE_SLOT) or {}
    waiting = care.get("pending")
    if waiting not in AWAITED or message.intent in new_topic:
        return None
    if waiting == erasure.FORGET_CONFIRM:
        if message.intent == "affirm":
            return forget_now(shop, tracker)
        care, replies = erasure.kept(care)
        return {CARE_SLOT: care}, replies
    care, verdict, replies = Recognition.over(shop.desk.session).factor_given(
        care, message.text, tracker.sender_id, source_address(tracker), datetime.now())
    if not verdict.recognised:
        return {CARE_SLOT: care}, replies
    owned, hello = shop.desk.greet(tracker.sender_id)
    consultation: Any = {**new_state(), **(tracker.get_slot(CONSULTATION_SLOT) or {}),
                         "owned": owned or []}
    return {CARE_SLOT: care, CONSULTATION_SLOT: consultation}, hello + replies


def forget_turn(shop: Shop, tracker: Tracker) -> Outcome:
    """"Forget me": a recognised client confirms first (saying it again confirms)."""
    care = tracker.get_slot(CARE_SLOT) or {}
    if care.get("pending") != erasure.FORGET_CONFIRM and \
            erasure.needs_confirmation(shop.desk.session, tracker.sender_id):
        care, replies = erasure.ask_to_forget(care)
        return {CARE_SLOT: care}, replies
    return forget_now(shop, tracker)


def forget_now(shop: Shop, tracker: Tracker) -> Outcome:
    """Delete, audit, and have the tracker store delete the conversations too."""
    senders, replies = erasure.forget_and_record(shop.desk.session, tracker.sender_id,
                                                 datetime.now(), shop.desk.forget_me)
    return {FORGET_SLOT: senders, CONSULTATION_SLOT: None, CARE_SLOT: None}, replies
