"""Stories replayed through today's dialogue: one that the assistant follows, and ones it
parts from (at the right turn, with the difference), read from the project's own files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Dict

import pytest

from actions.intents import MEANINGS
from bot.knowledge import JOB_QUESTION
from bot.replay.sandbox import sandbox_shop
from bot.replay.stories import Story, find_story, parse_button, read_stories, stories_in
from bot.replay.story_replay import Parsed, replay_story
from bot.replay.text import format_story_replay
from tests.conftest import ROOT, count_rows

DRILL_STORY = "tests/test_stories.yml#the drill becomes a hole in a brick wall, and the " \
    "bundle is taken"
NOW = datetime(2026, 12, 1, 11, 0)


class ScriptedModel:
    """Today's model, as a test wants it: the story's own intent, except for some words."""

    def __init__(self, story: Story, misreads: Dict[str, str]) -> None:
        self.intents = {m.text: m.intent for m in story.messages}
        self.misreads = misreads

    def parse(self, text: str) -> Parsed:
        if text in self.misreads:
            return Parsed(self.misreads[text], 0.61)
        return Parsed(self.intents[text], 0.97)


@pytest.fixture
def drill() -> Story:
    return find_story(ROOT, DRILL_STORY)


def test_the_project_stories_are_read_with_their_words_and_buttons() -> None:
    stories = read_stories(ROOT)
    assert {s.source for s in stories} == {"data/stories.yml", "tests/test_stories.yml"}
    story = find_story(ROOT, DRILL_STORY)
    assert [m.intent for m in story.messages] == ["request_item", "describe_job", "inform",
                                                  "inform", "take_all", "deny"]
    assert story.messages[0].text == "Have you got a 10mm drill?"
    assert all(m.actions == ("action_dialogue",) for m in story.messages)
    training = [s for s in stories if s.source == "data/stories.yml"]
    assert training and not any(s.has_words for s in training)
    assert parse_button('/inform{"choice":"wall:brick"}') == ("inform", {"choice": "wall:brick"})


def test_a_story_the_assistant_follows_replays_with_its_reasons(demo_db: str,
                                                               drill: Story) -> None:
    replay = replay_story(drill, lambda: sandbox_shop(demo_db), MEANINGS,
                          ScriptedModel(drill, {}), NOW)
    assert replay.matches and replay.parts is None
    first = replay.today[0]
    assert first.understood.intent == "request_item" and first.understood.confidence == 0.97
    assert first.understood.words["categories"] == ["drill_bit"] or \
        first.understood.words["categories"]
    decision = first.decision
    assert decision is not None and decision.action == "ask"
    assert decision.question == JOB_QUESTION and decision.solutions > decision.bundles > 1
    assert decision.open_questions[0][0] == JOB_QUESTION  # the best gain is the question asked
    # Each answer leaves fewer solutions, until only the drill is left to ask.
    solutions = [s.decision.solutions for s in replay.today[:4] if s.decision]
    assert solutions == sorted(solutions, reverse=True) and len(set(solutions)) == 4
    assert replay.today[3].decision is not None and replay.today[3].decision.question == "drill"
    assert "does what the story says" in format_story_replay(replay)


def test_a_story_parts_where_the_model_reads_a_message_otherwise(demo_db: str,
                                                                 drill: Story) -> None:
    model = ScriptedModel(drill, {"roughly 4 kilos": "start_over"})
    replay = replay_story(drill, lambda: sandbox_shop(demo_db), MEANINGS, model, NOW)
    parting = replay.parts
    assert parting is not None and not replay.matches
    assert parting.turn == 4
    assert (parting.story_intent, parting.today_intent) == ("inform", "start_over")
    assert not parting.harmless and parting.story_said != parting.today_said
    # Up to the turn where it parts, both paths are the same.
    assert [s.said for s in replay.as_story[:3]] == [s.said for s in replay.today[:3]]
    shown = format_story_replay(replay)
    assert "parts at turn 4" in shown and "today's model reads start_over (0.61)" in shown


def test_an_intent_read_otherwise_that_changes_nothing_is_shown_as_harmless(
        demo_db: str, drill: Story) -> None:
    model = ScriptedModel(drill, {"it's a brick wall": "describe_job"})
    replay = replay_story(drill, lambda: sandbox_shop(demo_db), MEANINGS, model, NOW)
    assert replay.parts is not None and replay.parts.turn == 3 and replay.parts.harmless


def test_a_story_whose_words_the_dialogue_takes_otherwise_parts_there(demo_db: str) -> None:
    story = stories_in("""
stories:
  - story: the shopper names the wall first
    steps:
      - user: I want to hang a mirror
        intent: describe_job
      - action: action_dialogue
      - user: /inform{"choice":"wall:brick"}
        intent: inform
      - action: action_dialogue
""", "inline.yml")[0]
    replay = replay_story(story, lambda: sandbox_shop(demo_db), MEANINGS, None, NOW)
    assert replay.matches  # no model: the story's own intents, one path
    assert replay.today[1].understood.entities == {"choice": "wall:brick"}
    assert replay.today[1].after.consultation.known["wall"] == ("brick",)


def test_replays_leave_no_trace_in_the_shops_records(demo_db: str) -> None:
    from bot.care.models import Handoff

    story = stories_in("""
stories:
  - story: a person, please
    steps:
      - user: can I talk to a real person
        intent: human_handoff
      - action: action_dialogue
""", "inline.yml")[0]
    before = count_rows(demo_db, Handoff)
    replay = replay_story(story, lambda: sandbox_shop(demo_db), MEANINGS, None, NOW)
    assert any(s.kind == "handoff" for s in replay.today[0].said)
    assert count_rows(demo_db, Handoff) == before


def test_story_files_named_by_root(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "stories.yml").write_text("stories: []\n")
    assert read_stories(tmp_path) == []
