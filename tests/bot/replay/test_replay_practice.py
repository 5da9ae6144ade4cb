"""A practice round: the options at each turn of a recording, scored by the engine's own
information gains, kept per trainee and totalled over the round."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.db import session_scope
from bot.knowledge import JOB_QUESTION
from bot.replay.practice import (
    READY,
    exercises,
    practice_sets,
    record_pick,
    round_score,
    save_set,
    start_round,
)
from bot.replay.recorded import recorded_steps
from bot.replay.tracker import TrackerEvents
from bot.shop import open_shop
from tests.bot.replay.conftest import record, store

NOW = datetime(2026, 12, 1, 11, 0)


def test_a_practice_round_is_scored_against_the_assistants_choices(
        demo_db: str, tracker_url: str) -> None:
    with open_shop(demo_db) as shop:
        store(tracker_url, "round", record(shop, [
            ("Have you got a 10mm drill?", "request_item", None),
            ("I'm putting up a picture for my wife", "describe_job", None),
            ("it's a brick wall", "inform", None),
            ("roughly 4 kilos", "inform", None),
            ("/inform{\"choice\":\"drill:hammer\"}", "inform", "drill:hammer")]))
        engine = shop.services.engine
    recorded = TrackerEvents(tracker_url).find("round")
    assert recorded is not None
    found = exercises(recorded_steps(recorded), engine)
    assert [e.assistant for e in found] == [JOB_QUESTION, "wall", "weight", "drill", READY]
    first = found[0]
    gains = {o.key: o.gain for o in first.options}
    # The wall is not yet askable: a drill bit also goes up curtain poles, whose question is
    # what is above the window; the drill is asked by every job that uses a bit.
    assert gains[JOB_QUESTION] == max(gains.values()) > gains["drill"] > 0
    assert first.score(JOB_QUESTION) == 1.0
    assert first.score("drill") == pytest.approx(gains["drill"] / gains[JOB_QUESTION], abs=1e-3)
    assert first.score(READY) == 0.0  # a list then would rest on a guess
    last = found[-1]
    assert last.bundles == 1 and last.score(READY) == 1.0
    with pytest.raises(ValueError):
        first.score("no such question")

    with session_scope(demo_db) as session:
        practice = start_round(session, "trainee-1", "recorded", recorded.ref, NOW)
        assert record_pick(session, practice.id, "trainee-1", first, "drill", NOW) < 1
        assert record_pick(session, practice.id, "trainee-1", found[1], "wall", NOW) == 1.0
        assert record_pick(session, practice.id, "trainee-1", last, READY, NOW) == 1.0
        # A turn picked again keeps its first score: no second try at the same turn.
        assert record_pick(session, practice.id, "trainee-1", found[1], READY, NOW) == 1.0
        score, picked = round_score(session, practice.id)
        assert picked == 3
        assert score == pytest.approx((first.score("drill") + 2) / 3, abs=1e-3)
        with pytest.raises(ValueError):
            record_pick(session, practice.id, "someone-else", first, "drill", NOW)


def test_a_trainer_picks_the_conversations_of_a_practice_set(demo_db: str) -> None:
    with session_scope(demo_db) as session:
        save_set(session, "week 1: walls", [("recorded", "abc123"), ("story", "f.yml#s"),
                                             ("recorded", "abc123")], "trainer", NOW)
        save_set(session, "week 1: walls", [("story", "f.yml#s")], "trainer", NOW)
        sets = {chosen.name: items for chosen, items in practice_sets(session)}
        assert sets["week 1: walls"] == [("story", "f.yml#s")]
        with pytest.raises(ValueError):
            save_set(session, "bad", [("sender", "x")], "trainer", NOW)
