"""The slots the action sets, by name: shared with the Rasa server's side (the tracker
store reads ``forget_senders``), so this module imports nothing."""

CONVERSATION_SLOT = "conversation"  # the dialogue's typed state (bot/dialogue/state.py)
LEGACY_SLOTS = ("consultation", "care")  # the state as version 1 kept it, read once
FORGET_SLOT = "forget_senders"  # conversations the tracker store must delete
