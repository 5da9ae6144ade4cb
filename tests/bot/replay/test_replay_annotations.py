"""Misread messages corrected by a trainer: proposed as training examples (personal data
replaced), flagged when they repeat or contradict the training data or each other, and once
accepted written where the next `bot train` reads them, in a file Rasa accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bot.db import session_scope
from bot.replay.annotations import ACCEPTED_FILE, decide, proposals, propose, training_examples
from tests.conftest import ROOT

NOW = datetime(2026, 12, 1, 11, 0)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project root whose data/ holds the real training data."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_misread_messages_are_proposed_flagged_and_accepted_into_training_data(
        demo_db: str, project: Path) -> None:
    assert "inform" in training_examples(project)["it's brick"]
    with session_scope(demo_db) as session:
        fresh = propose(session, "rocky mountain trails, mostly", "inform", "describe_job",
                        "Tess Trainer", NOW)
        again = propose(session, "rocky mountain trails, mostly", "inform", "describe_job",
                        "Tess Trainer", NOW)
        assert again.id == fresh.id  # the same proposal, not a second one
        duplicate = propose(session, "It's brick", "inform", "describe_job", "Tess", NOW)
        against_data = propose(session, "hello", "inform", "greet", "Tess", NOW)
        other = propose(session, "rocky mountain trails, mostly", "describe_job", None,
                        "Rob Trainer", NOW)
        personal = propose(session, "it's for sam.hill@example.com, order A1001, I'm Sam",
                           "inform", "report_fault", "Tess", NOW, names=["Sam"])
        assert personal.text == "it's for shopper1@example.com, order ORD-000001, I'm Alex"

        flags = {p.id: p.flags for p in proposals(session, project)}
        assert flags[duplicate.id] == ("duplicate: already a training example of this intent",)
        assert any("contradicts the training data: an example of greet" in f
                   for f in flags[against_data.id])
        assert flags[fresh.id] == ("contradicts another proposal: describe_job",)
        assert flags[personal.id] == ()

        accepted = decide(session, project, fresh.id, True, "Tess Trainer")
        assert accepted.status == "accepted"
        decide(session, project, other.id, False, "Tess Trainer")
        with pytest.raises(ValueError):
            decide(session, project, other.id, True, "Tess Trainer")  # decided already
        decide(session, project, personal.id, True, "Tess Trainer")
        for refused in (duplicate, against_data):  # would break the training data
            with pytest.raises(ValueError, match="cannot be accepted"):
                decide(session, project, refused.id, True, "Tess Trainer")
        waiting = [p.id for p in proposals(session, project)]
        assert fresh.id not in waiting and duplicate.id in waiting

    written = project / ACCEPTED_FILE
    examples = training_examples(project)
    assert examples["rocky mountain trails, mostly"] == {"inform"}
    assert "inform" in examples["it's for shopper1@example.com, order ord-000001, i'm alex"]
    checked = subprocess.run([str(Path(sys.executable).parent / "rasa"), "data", "validate",
                              "--data", "data", str(written), "--fail-on-warnings", "--quiet"],
                             cwd=ROOT, capture_output=True, text=True,
                             env={"TF_CPP_MIN_LOG_LEVEL": "2", "PATH": ""})
    assert checked.returncode == 0, checked.stdout[-2000:]
