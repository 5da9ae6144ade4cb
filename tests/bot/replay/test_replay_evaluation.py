"""Rasa's own story evaluation (`rasa test core`) run on stories and read back: which replay
exactly, and the turn where one parts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.replay.evaluation import evaluate_stories

RASA = str(Path(sys.executable).parent / "rasa")


@pytest.mark.rasa
def test_rasas_story_evaluation_says_which_stories_replay_and_where_one_parts(
        trained_model: Path, tmp_path: Path) -> None:
    (tmp_path / "stories.yml").write_text("""\
version: "3.1"
stories:
  - story: a shopper who only wants the item gets it
    steps:
      - user: |
          do you sell masonry bits
        intent: request_item
      - action: action_dialogue
  - story: a story that says the wrong intent at its second message
    steps:
      - user: |
          I want to put up some shelves
        intent: describe_job
      - action: action_dialogue
      - user: |
          what's the capital of france
        intent: take_all
      - action: action_dialogue
""")
    evaluation = evaluate_stories(tmp_path, trained_model, ["stories.yml"], RASA)
    good, wrong = evaluation.results
    assert good.passed, evaluation.output
    assert not wrong.passed and wrong.turn == 2 and wrong.kind == "intent"
    assert (wrong.expected, wrong.predicted) == ("take_all", "out_of_scope")
    assert not evaluation.passed
