"""The simulated shopper: how it answers (against a scripted assistant), and whole
consultations against the real servers for a handful of scenarios."""

from __future__ import annotations

import uuid
from typing import Any, Dict, List

import pytest

from bench.scenario import check_bundle, load_scenarios
from bench.shopper import ShopperWords, SimulatedShopper, choice_payload
from bot.catalogue.needs import read_needs_file
from bot.knowledge import JOB_QUESTION
from bot.settings import demo_dir

DEMO = read_needs_file(demo_dir() / "needs.yml")
SCENARIOS = {s.id: s for s in load_scenarios(DEMO)}
WORDS = ShopperWords.load()


class ScriptedAssistant:
    """Asks the given questions in turn (with their buttons), then sends a bundle."""

    def __init__(self, questions: List[str]) -> None:
        self.questions = list(questions)
        self.heard: List[str] = []

    def __call__(self, text: str) -> List[Dict[str, Any]]:
        self.heard.append(text)
        if not self.questions:
            return [{"text": "Here's the list.", "custom": {"type": "bundle", "items": []}}]
        key = self.questions.pop(0)
        if key == "gift_owned":  # a question from outside the needs knowledge
            text, buttons = "Might they own any of these?", [
                {"title": "screws", "payload": choice_payload(key, "screw")},
                {"title": "none of these", "payload": choice_payload(key, "nothing")}]
        else:
            question = DEMO.question(key)
            text = question.text
            buttons = [{"title": o.label, "payload": choice_payload(key, o.key)}
                       for o in question.options]
        return [{"text": text, "buttons": buttons},
                {"custom": {"type": "question", "question": key, "options": [],
                            "decision": {"known": {JOB_QUESTION: ["hang_picture"]}}}}]


@pytest.mark.parametrize("seed", range(8))
def test_each_answer_tells_the_truth_in_some_form(seed: int) -> None:
    scenario = SCENARIOS["hang-mirror-brick-heavy"]
    assistant = ScriptedAssistant(["wall", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, seed, traits=set()).consult(scenario)
    assert talk.ended == "bundle" and talk.questions == ["wall", "weight"]
    assert talk.first_known == {JOB_QUESTION: ["hang_picture"]}
    wall, weight = assistant.heard[1:]
    brick = WORDS.answers["wall"]["brick"]
    assert wall in (choice_payload("wall", "brick"), "brick or concrete") or any(
        wall.startswith(w) for w in brick)
    if weight.startswith("/"):
        assert weight == choice_payload("weight", "heavy")
    else:  # the label, own words, or the scenario's 24 kg in some unit
        assert weight in ("15 to 40 kg", *WORDS.answers["weight"]["heavy"]) or any(
            figure in weight for figure in ("24", "53"))


def test_not_sure_first_then_the_answer_when_asked_again() -> None:
    scenario = SCENARIOS["hang-rambling-unsure-wall"]
    assistant = ScriptedAssistant(["wall", "wall", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, 1, traits=set()).consult(scenario)
    assert [t["style"] for t in talk.turns][:2] == ["opening", "unsure"]
    assert assistant.heard[1] in WORDS.unsure and assistant.heard[2] not in WORDS.unsure


def test_a_question_of_another_job_is_met_by_saying_the_job_again() -> None:
    scenario = SCENARIOS["hang-clock-timber-light"]
    assistant = ScriptedAssistant(["people", "wall", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, 3, traits=set()).consult(scenario)
    assert talk.turns[1]["style"] == "correct"
    assert assistant.heard[1] in WORDS.answers[JOB_QUESTION]["hang_picture"]


def test_a_question_outside_the_need_is_answered_none_of_these() -> None:
    assistant = ScriptedAssistant(["wall", "gift_owned", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, 2, traits=set()).consult(SCENARIOS["hang-drill-brick-light"])
    assert talk.ended == "bundle" and talk.turns[2]["style"] == "none"
    assert assistant.heard[2] == choice_payload("gift_owned", "nothing")


def test_a_figure_is_only_said_in_a_unit_that_keeps_its_answer() -> None:
    shopper = SimulatedShopper(DEMO, WORDS, ScriptedAssistant([]), 1, traits=set())
    forty_three = shopper._figures(SCENARIOS["tv-cm-plasterboard-swivel"], "tv_size")
    assert "it's a 43 inch telly" in forty_three and "about 109 cm corner to corner" in forty_three
    # 55 inches is 139.7 cm; "140 cm" would be a 55.1 inch TV, the next size up.
    fifty_five = shopper._figures(SCENARIOS["tv-55-brick-tilt"], "tv_size")
    assert "it's a 55 inch telly" in fifty_five
    assert not any("cm" in f for f in fifty_five)
    assert shopper._figures(SCENARIOS["tv-55-brick-tilt"], "wall") == []


# A few scenarios over different jobs, openings and ways of answering.
LIVE = ["hang-drill-brick-light", "tv-55-brick-tilt", "cable-speaker-plasterboard",
        "paint-bathroom-small-walls", "camp-sleeping-bag-unsure"]


@pytest.mark.e2e
@pytest.mark.parametrize("scenario_id", LIVE)
def test_the_shopper_gets_the_right_bundle_from_the_running_assistant(
        live_servers, scenario_id: str) -> None:
    scenario = SCENARIOS[scenario_id]
    sender = f"shopper-{scenario_id}-{uuid.uuid4().hex[:6]}"
    shopper = SimulatedShopper(DEMO, WORDS, lambda text: live_servers.say(sender, text), 1)
    talk = shopper.consult(scenario)
    assert talk.ended == "bundle", talk.turns
    assert talk.bundle["job"] == scenario.job
    assert check_bundle(scenario, talk.bundle).success, check_bundle(scenario, talk.bundle)
    assert 1 <= len(talk.questions) <= len(DEMO.jobs[scenario.job].questions) + 1


def test_a_typo_swaps_two_letters_inside_one_longer_word() -> None:
    import random

    from bench.shopper import _with_typo

    typed = _with_typo("it's really light", random.Random(4))
    assert typed != "it's really light" and sorted(typed) == sorted("it's really light")
    assert typed.split()[0] == "it's" and typed.split()[2] == "light"
    assert _with_typo("brick", random.Random(1)) == "brick"


@pytest.mark.parametrize("trait, style", [("shop_question", "shop_question"),
                                          ("long_message", "long_message"),
                                          ("out_of_order", "out_of_order:weight")])
def test_a_habit_shows_once(trait: str, style: str) -> None:
    scenario = SCENARIOS["hang-mirror-brick-heavy"]
    assistant = ScriptedAssistant(["wall", "wall", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, 1, traits={trait}).consult(scenario)
    styles = [t["style"] for t in talk.turns]
    assert styles.count(style) == 1 and talk.traits == (trait,)


def test_a_misremembered_answer_is_put_right_after_the_list() -> None:
    scenario = SCENARIOS["hang-mirror-brick-heavy"]
    assistant = ScriptedAssistant(["wall", "weight"])
    talk = SimulatedShopper(DEMO, WORDS, assistant, 1, traits={"misremember"}).consult(scenario)
    styles = [t["style"] for t in talk.turns]
    assert styles[1] == "misremember" and styles[-1] == "correction"
