"""The engine asks the most informative question, skips what was said, stops when settled."""

from __future__ import annotations

import pytest

from bot.discovery import DiscoveryEngine, signature
from bot.knowledge import JOB_QUESTION


def known(**answers: str) -> dict:
    return {q: frozenset(v.split("|")) for q, v in answers.items()}


def test_asks_the_job_first_when_jobs_differ_most(small_engine: DiscoveryEngine) -> None:
    step = small_engine.next_step(known(job="hang_picture|put_up_shelf"))
    assert step.decision.action == "ask"
    scores = {s.question: s.gain for s in step.decision.open_questions}
    assert step.question.key == max(scores, key=scores.get)
    # Only questions every remaining job has are askable: permanence is hang_picture's only.
    assert "permanence" not in scores


def test_chosen_question_has_the_highest_expected_gain(small_engine: DiscoveryEngine) -> None:
    candidates = small_engine.candidates(known(job="hang_picture"))
    scores = small_engine.scores(candidates)
    assert [s.gain for s in scores] == sorted((s.gain for s in scores), reverse=True)
    assert scores[0].question == "wall"  # wall changes which parts apply; weight only ratings


def test_never_asks_what_was_already_said(small_engine: DiscoveryEngine) -> None:
    step = small_engine.next_step(known(job="hang_picture", wall="brick"))
    assert step.question.key == "weight"
    step = small_engine.next_step(known(job="hang_picture", weight="heavy"))
    assert step.question.key == "wall"


def test_stops_as_soon_as_the_bundle_is_settled(small_engine: DiscoveryEngine) -> None:
    # Permanence never changes the bundle, so wall and weight settle it.
    step = small_engine.next_step(known(job="hang_picture", wall="brick", weight="light"))
    assert step.done and step.decision.action == "bundle"
    assert step.answers[JOB_QUESTION] == "hang_picture"
    assert "permanence" in step.decision.reason


def test_one_answer_can_settle_a_job(small_engine: DiscoveryEngine) -> None:
    assert small_engine.next_step(known(job="day_hike", terrain="dusty")).done


def test_only_offers_options_still_possible(small_engine: DiscoveryEngine) -> None:
    step = small_engine.next_step(known(job="hang_picture|put_up_shelf"))
    assert step.question.key == JOB_QUESTION
    assert [o.key for o in step.question.options] == ["hang_picture", "put_up_shelf"]


def test_no_solution_when_answers_contradict(small_engine: DiscoveryEngine) -> None:
    step = small_engine.next_step(known(job="day_hike", wall="brick", terrain="nowhere"))
    assert step.decision.action == "no_solution"


def test_every_decision_carries_its_reason(small_engine: DiscoveryEngine) -> None:
    decision = small_engine.next_step(known(job="hang_picture")).decision.as_dict()
    assert decision["solutions"] == 12 and decision["bundles"] > 1
    assert "separates them best" in decision["reason"]
    assert decision["open_questions"][0]["question"] == decision["question"]


def test_equal_signatures_mean_equal_requirements(small_knowledge) -> None:
    job = small_knowledge.jobs["hang_picture"]
    a = signature(small_knowledge, job, {"job": "hang_picture", "wall": "brick",
                                         "weight": "light", "permanence": "permanent"})
    b = signature(small_knowledge, job, {"job": "hang_picture", "wall": "brick",
                                         "weight": "light", "permanence": "temporary"})
    c = signature(small_knowledge, job, {"job": "hang_picture", "wall": "plasterboard",
                                         "weight": "light", "permanence": "temporary"})
    assert a == b and a != c


@pytest.mark.parametrize("answers", [
    {"job": "hang_picture", "wall": "brick", "weight": "heavy"},
    {"job": "hang_picture", "wall": "plasterboard", "weight": "light"},
    {"job": "put_up_shelf", "wall": "brick", "weight": "heavy"},
    {"job": "day_hike", "terrain": "rocky"},
])
def test_greedy_asking_reaches_a_bundle_for_every_scenario(small_engine, answers) -> None:
    said: dict = {}
    for _ in range(10):
        step = small_engine.next_step({q: frozenset([v]) for q, v in said.items()})
        if step.done:
            break
        said[step.question.key] = answers[step.question.key]
    assert step.decision.action == "bundle"
    assert all(step.answers[q] == v for q, v in said.items())


def test_lower_bound_is_the_entropy_of_the_bundles(small_engine: DiscoveryEngine) -> None:
    assert small_engine.lower_bound(known(job="day_hike")) == pytest.approx(1.0)
    assert small_engine.lower_bound(known(job="day_hike", terrain="rocky")) == 0


def test_an_assumed_question_is_never_asked_but_what_is_said_of_it_counts() -> None:
    """Whether the shopper owns a detector: assumed not (so the bundle holds one), never
    asked, but "I've got a detector" leaves it out."""
    from pathlib import Path

    import yaml

    from bot.knowledge import from_yaml_dict

    data = yaml.safe_load((Path(__file__).parent.parent / "fixtures" / "needs_small.yml").read_text())
    data["attributes"]["finds"] = {"kind": "text"}
    data["categories"]["detector"] = {"department": "hardware"}
    data["questions"]["detector"] = {"text": "Have you a detector?", "assume": "none",
                                     "options": {"none": {}, "own": {"synonyms": ["detector"]}}}
    data["jobs"]["put_up_shelf"]["questions"].append("detector")
    data["jobs"]["put_up_shelf"]["components"].append(
        {"role": "detector", "category": "detector", "when": {"detector": ["none"]}})
    engine = DiscoveryEngine(from_yaml_dict(data))
    step = engine.next_step(known(job="put_up_shelf", wall="brick"))
    assert step.question.key == "weight"
    step = engine.next_step(known(job="put_up_shelf", wall="brick", weight="light"))
    assert step.done and step.answers["detector"] == "none"
    step = engine.next_step(known(job="put_up_shelf", wall="brick", weight="light",
                                  detector="own"))
    assert step.done and step.answers["detector"] == "own"


def test_answers_only_one_job_asks_settle_the_job(small_engine: DiscoveryEngine) -> None:
    """Nothing said of the job, but an answer to a question only one job asks ("rocky
    ground" for a hike): that job, not the job question."""
    known = {"terrain": frozenset(["rocky"])}
    assert {s.job for s in small_engine.candidates(known)} == {"day_hike"}
    step = small_engine.next_step(known)
    assert step.question is None or step.question.key != JOB_QUESTION


def test_answers_several_jobs_ask_leave_those_jobs_open(small_engine: DiscoveryEngine) -> None:
    known = {"wall": frozenset(["brick"])}
    assert {s.job for s in small_engine.candidates(known)} == {"hang_picture", "put_up_shelf"}
    assert small_engine.jobs_asking_most({}) is None
