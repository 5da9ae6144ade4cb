"""Answers of the action server are checked as strictly as Rasa checks them, by a
validator built once."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import edge.tracker_store  # noqa: F401  (loading the tracker store installs the check)
from edge.action_results import validate_action_result

ACTION = RemoteAction("action_dialogue", None)


def test_loading_the_tracker_store_installs_the_check() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


def test_a_well_formed_answer_passes() -> None:
    answer = {"events": [{"event": "slot", "name": "conversation", "value": {"turn": 1}}],
              "responses": [{"text": "What is the wall made of?", "buttons": []}]}
    assert ACTION._validate_action_result(answer) is True


@pytest.mark.parametrize("answer", [
    {"events": [{"event": "no_such_event"}]},
    {"events": "not a list"},
    {"responses": ["not an object"]},
    ["not", "an", "object"],
])
def test_a_malformed_answer_is_rejected_with_rasas_message(answer) -> None:
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        ACTION._validate_action_result(answer)
