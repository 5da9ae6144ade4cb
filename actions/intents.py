"""The chat face's intents (data/, domain.yml) and the dialogue's meanings they stand for.

Kept apart from ``chat.py`` and free of Rasa imports, so that whatever replays the chat's
conversations (the trainer's replay: ``bot replay``, the staff pages) reads intent names
with the same table the action uses.
"""

from __future__ import annotations

from typing import Dict

from bot.dialogue.turn import Meaning

MEANINGS: Dict[str, Meaning] = {
    "request_item": Meaning.ASK_FOR_ITEM, "describe_job": Meaning.DESCRIBE_JOB,
    "inform": Meaning.ANSWER, "dont_know": Meaning.DONT_KNOW,
    "just_the_item": Meaning.JUST_THE_ITEM, "affirm": Meaning.YES, "deny": Meaning.NO,
    "take_all": Meaning.TAKE_ALL, "drop_item": Meaning.DROP_ITEM,
    "ask_price": Meaning.ASK_PRICE, "ask_stock": Meaning.ASK_STOCK,
    "ask_location": Meaning.ASK_LOCATION, "start_over": Meaning.START_OVER,
    "greet": Meaning.GREETING, "goodbye": Meaning.GOODBYE, "thank": Meaning.THANKS,
    "bot_challenge": Meaning.ASK_IF_BOT, "out_of_scope": Meaning.OFF_TOPIC,
    "report_fault": Meaning.REPORT_FAULT, "forget_me": Meaning.FORGET_ME,
    "human_handoff": Meaning.ASK_FOR_PERSON, "carry_on": Meaning.CARRY_ON,
    "show_list": Meaning.SHOW_LIST, "ask_shop_info": Meaning.SHOP_INFO,
}
INTENTS: Dict[Meaning, str] = {meaning: intent for intent, meaning in MEANINGS.items()}
