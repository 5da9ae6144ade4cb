"""The shop over the database: knowledge changes are data changes, seen by the next turn."""

from __future__ import annotations

from pathlib import Path
from typing import List

import pytest
import yaml

from bot.catalogue.needs import read_needs_file, save_knowledge
from bot.db import DatabaseUnavailable, session_scope
from bot.shop import open_shop
from tests.conftest import Said, Shopper

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

COAT_HOOK_JOB = {
    "label": "put up a coat hook",
    "name": "put up a coat hook",
    "department": "hardware",
    "synonyms": ["coat hook", "coat peg"],
    "questions": ["wall"],
    "components": [
        {"role": "plug", "category": "wall_plug", "when": {"wall": ["brick"]},
         "require": ["load_kg >= 30"], "quantity": 2, "reason": "coats are heavier than they look"},
        {"role": "hook", "category": "picture_hook", "require": ["load_kg >= 30"],
         "quantity": 1, "reason": "to hang the coats on"},
    ],
}


def _say(url: str, text: str) -> List[Said]:
    with open_shop(url) as shop:
        return Shopper(shop).say(text)


def test_a_job_and_a_synonym_added_as_data_are_understood_without_code_or_training(
        small_db: str, tmp_path: Path) -> None:
    replies = _say(small_db, "I want to put up a coat peg on my cob wall")
    assert replies[0].text.startswith("Sorry, I didn't quite get that")

    data = yaml.safe_load((FIXTURES / "needs_small.yml").read_text())
    data["jobs"]["coat_hook"] = COAT_HOOK_JOB
    data["questions"]["wall"]["options"]["brick"]["synonyms"].append("cob wall")
    edited = tmp_path / "needs.yml"
    edited.write_text(yaml.safe_dump(data))
    with session_scope(small_db) as session:
        save_knowledge(session, read_needs_file(edited))

    replies = _say(small_db, "I want to put up a coat peg on my cob wall")
    bundle = replies[-1].custom
    assert bundle["type"] == "bundle" and bundle["job"] == "coat_hook"
    assert {i["role"] for i in bundle["items"]} == {"plug", "hook"}
    assert all(i["attributes"]["load_kg"] >= 30 for i in bundle["items"])


def test_a_database_not_set_up_says_how_to_set_it_up(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="not set up yet: run `bot db init --demo`"):
        with open_shop(f"sqlite:///{tmp_path / 'empty.db'}"):
            pass
