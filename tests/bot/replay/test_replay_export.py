"""A recorded conversation becomes a test story: personal data replaced by placeholders of
the same shape, the file accepted by `rasa data validate`; and Rasa's own story evaluation
read back, with the turn where a story parts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from bot.replay.evaluation import parse_results
from bot.replay.export import export_story
from bot.replay.recorded import recorded_steps
from bot.replay.tracker import TrackerEvents
from bot.shop import open_shop
from tests.bot.replay.conftest import record, store
from tests.conftest import ROOT

RASA = str(Path(sys.executable).parent / "rasa")
PERSONAL = ("Sam", "Hill", "A1001", "sam.hill@example.com", "7KQX-M4PA-RW", "shopper-with-data")


def rasa_validates(story_file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RASA, "data", "validate", "--data", "data", str(story_file),
                           "--fail-on-warnings", "--quiet"], cwd=ROOT, capture_output=True,
                          text=True, env={"TF_CPP_MIN_LOG_LEVEL": "2", "PATH": ""})


def test_a_recording_becomes_a_valid_test_story_without_personal_data(
        demo_db: str, tracker_url: str, tmp_path: Path) -> None:
    with open_shop(demo_db) as shop:
        store(tracker_url, "shopper-with-data", record(shop, [
            ("I want to hang a mirror on my brick wall", "describe_job", None),
            ("about 3 kg", "inform", None),
            ('/inform{"choice":"drill:hammer"}', "inform", "drill:hammer"),
            ("/take_all", "take_all", None),
            ("/affirm", "affirm", None),
            ("I'm Sam Hill", "inform", None),  # the name the assistant asked for
            ("the twist locks on my trekking poles stopped holding", "report_fault", None),
            ("order A1001, it went to sam.hill@example.com", "inform", None),
            ("hello again, my code is 7KQX-M4PA-RW. Sam here", "greet", None)]))
    recorded = TrackerEvents(tracker_url).find("shopper-with-data")
    assert recorded is not None
    text = export_story(recorded, recorded_steps(recorded), {9: "greet"})
    for personal in PERSONAL:
        assert personal.lower() not in text.lower(), personal
    story = yaml.safe_load(text)["stories"][0]
    users = [s["user"] for s in story["steps"] if "user" in s]
    assert users[5] == "I'm Alex Morgan"
    assert users[7] == "order ORD-000001, it went to shopper1@example.com"
    assert users[8] == "hello again, my code is 2222-2222-22. Alex here"
    assert users[2] == '/inform{"choice":"drill:hammer"}'  # buttons as Rasa writes them
    actions = [s["action"] for s in story["steps"] if "action" in s]
    assert actions == ["action_dialogue"] * 9
    assert "return" in story["story"] and recorded.ref in story["story"]
    exported = tmp_path / "test_recorded.yml"
    exported.write_text(text)
    checked = rasa_validates(exported)
    assert checked.returncode == 0, checked.stdout[-2000:] + checked.stderr[-2000:]


def test_a_corrected_intent_goes_into_the_story(demo_db: str, tracker_url: str) -> None:
    with open_shop(demo_db) as shop:
        store(tracker_url, "misread", record(shop, [("rocky mountain trails", "describe_job",
                                                      None)]))
    recorded = TrackerEvents(tracker_url).find("misread")
    assert recorded is not None
    story = yaml.safe_load(export_story(recorded, recorded_steps(recorded), {1: "inform"}))
    assert story["stories"][0]["steps"][0] == {"user": "rocky mountain trails",
                                               "intent": "inform"}


FAILED = """\
version: "3.1"
stories:
- story: the wall first (/tmp/stories-x/stories/test_1_test_stories.yml)
  steps:
  - user: |
      I want to hang a mirror
    intent: describe_job
  - action: action_dialogue
  - user: |
      it's a brick wall
    intent: greet  # predicted: inform: it's a brick wall
  - action: action_dialogue
- story: an action (/tmp/stories-x/stories/test_0_stories.yml)
  steps:
  - intent: greet
  - action: action_dialogue  # predicted: action_default_fallback
"""


def test_rasas_failed_stories_are_read_back_with_the_turn_where_they_part() -> None:
    files = ["data/stories.yml", "tests/test_stories.yml"]
    wall, action = parse_results(FAILED, files, passed=False)
    assert (wall.name, wall.source, wall.turn) == ("the wall first", "tests/test_stories.yml", 2)
    assert (wall.kind, wall.expected, wall.predicted) == ("intent", "greet", "inform")
    assert (action.source, action.turn, action.kind) == ("data/stories.yml", 1, "action")
    assert "parts at turn 2" in wall.describe()
