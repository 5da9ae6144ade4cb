"""Check the action server's answers with a validator built once, not once per call.

Rasa 3.6 checks every answer of the action server with ``jsonschema.validate(result,
schema)``. That function first checks the schema itself against JSON Schema's meta-schema
(draft 2020-12, whose ``$dynamicRef`` resolution is slow in jsonschema 4.17), and only then
the answer. Profiled with py-spy on this machine, the schema check took about 100 ms of
the Rasa server's CPU per custom-action turn, some 60% of the whole turn, while checking
the answer itself took about 4 ms. The schema (``RemoteAction.action_response_format_spec``)
is a constant, so its validator is built, and the schema checked, once per process; every
answer is still checked in full, with the same errors and the same message.

Installed in the Rasa server process when it loads our tracker store
(``edge.tracker_store``), so that every way of starting Rasa with endpoints.yml has it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def response_validator() -> Validator:
    """The validator of action server answers (the schema is checked here, once)."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the validator built once."""
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response "
        f"from the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions")
    raise error


def install() -> None:
    """Use ``validate_action_result`` for every remote action (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result

