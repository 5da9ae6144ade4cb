"""Recorded conversations from Rasa's SQL tracker store: listed with their summary and
filtered, stepped through with the engine's reasons, drawn as a path, and never written."""

from __future__ import annotations

from datetime import datetime

from bot.language import interpreter_for
from bot.replay.path import path_points, path_svg
from bot.replay.recorded import Filters, list_recorded, recorded_steps
from bot.replay.tracker import EVENTS, TrackerEvents, conversation_ref
from bot.shop import open_shop
from tests.bot.replay.conftest import record, store


def test_a_recording_is_listed_with_date_first_line_job_outcome_and_length(
        recorded_drill: str, tracker_url: str, demo_db: str) -> None:
    with open_shop(demo_db) as shop:
        store(tracker_url, "just-the-bit", record(shop, [
            ("do you sell masonry bits", "request_item", None),
            ("just the bit please, no questions", "just_the_item", None)]))
    tracker = TrackerEvents(tracker_url)
    listed = list_recorded(tracker)
    assert sorted(s.outcome for s in listed) == ["item only", "unfinished"]
    drill = next(s for s in listed if s.ref == conversation_ref(recorded_drill))
    assert drill.first_line == "Have you got a 10mm drill?"
    assert drill.job == "hang_picture" and drill.length == 6
    assert drill.started is not None and drill.started.year >= 2026
    assert [s.ref for s in list_recorded(tracker, Filters(outcome="item only"))] == \
        [conversation_ref("just-the-bit")]
    assert [s.ref for s in list_recorded(tracker, Filters(job="hang_picture", min_length=3))] \
        == [drill.ref]
    assert list_recorded(tracker, Filters(since=datetime(2100, 1, 1))) == []
    assert list_recorded(tracker, Filters(words="masonry"))[0].ref == conversation_ref(
        "just-the-bit")


def test_a_recording_steps_through_with_what_was_understood_and_decided(
        recorded_drill: str, tracker_url: str, demo_db: str) -> None:
    tracker = TrackerEvents(tracker_url)
    recorded = tracker.find(conversation_ref(recorded_drill))  # found by its ref
    assert recorded is not None and recorded.sender == recorded_drill
    with open_shop(demo_db) as shop:
        steps = recorded_steps(recorded, interpreter_for(shop.services.knowledge))
    assert [s.text for s in steps][:2] == ["Have you got a 10mm drill?",
                                            "I'm putting up a picture for my wife"]
    brick = steps[2]
    assert brick.understood.intent == "inform" and brick.understood.confidence == 0.93
    # Read in the light of the question open before it: the wall.
    assert brick.understood.words["options"] == {"wall": ["brick"]}
    assert brick.decision is not None and brick.decision.question == "weight"
    assert dict(brick.decision.open_questions)["weight"] > 0
    assert brick.said[0].kind == "question" and "brick or concrete" not in brick.said[0].options
    assert steps[4].text == "[/take_all]"  # a button not offered: shown as its payload
    as_dict = brick.as_dict()
    assert as_dict["decision"]["gains"][0]["question"] == "weight"
    assert as_dict["known"]["wall"] == ["brick"]


def test_the_path_shows_questions_asked_skipped_and_solutions_falling(
        demo_db: str, tracker_url: str) -> None:
    with open_shop(demo_db) as shop:
        # The wall said before it is asked: the assistant skips that question.
        store(tracker_url, "mirror", record(shop, [
            ("I want to hang a mirror on my brick wall", "describe_job", None),
            ("about 3 kg", "inform", None)]))
    recorded = TrackerEvents(tracker_url).find("mirror")
    assert recorded is not None
    points = path_points(recorded_steps(recorded))
    assert points[0].said_before_asked == ("job", "wall")
    assert points[0].action == "asked" and points[0].question == "weight"
    assert points[1].solutions is not None and points[0].solutions is not None
    assert points[1].solutions < points[0].solutions
    svg = path_svg(recorded_steps(recorded))
    assert svg.startswith("<svg") and svg.count('class="turn ') == 2
    assert 'data-turn="1"' in svg and "said: wall" in svg and "asked: weight" in svg


def test_listing_and_replaying_never_write_into_the_tracker_store(
        recorded_drill: str, tracker_url: str) -> None:
    tracker = TrackerEvents(tracker_url)

    def rows() -> int:
        with tracker.engine.connect() as connection:
            return len(list(connection.execute(EVENTS.select())))

    before = rows()
    list_recorded(tracker)
    found = tracker.find(recorded_drill)
    assert found is not None
    recorded_steps(found)
    assert rows() == before
    assert tracker.find("nobody") is None
