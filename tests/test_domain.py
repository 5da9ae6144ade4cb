"""The domain and the action server agree on the custom actions."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

ROOT = Path(__file__).resolve().parent.parent


def test_domain_actions_are_exactly_the_registered_ones() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    declared = {a for a in domain["actions"] if not a.startswith("utter_")}
    executor = ActionExecutor()
    executor.register_package("actions")
    assert declared == set(executor.actions)
