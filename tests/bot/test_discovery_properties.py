"""Properties of the discovery engine over any answers a shopper could give (hypothesis):
it never fails, never asks what is settled, offers only answers that keep a solution,
and a shopper who picks any offered answer reaches a bundle within one question each."""

from __future__ import annotations

from typing import Dict, FrozenSet

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.catalogue.needs import read_needs_file
from bot.discovery import DiscoveryEngine
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.settings import demo_dir

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", params=["small", "demo"])
def engine(request: pytest.FixtureRequest, small_knowledge: Knowledge) -> DiscoveryEngine:
    if request.param == "small":
        return DiscoveryEngine(small_knowledge)
    return DiscoveryEngine(read_needs_file(demo_dir() / "needs.yml"))


def option_keys(knowledge: Knowledge) -> Dict[str, list]:
    keys = {q: [o.key for o in question.options] for q, question in knowledge.questions.items()}
    keys[JOB_QUESTION] = sorted(knowledge.jobs)
    return keys


def answers(knowledge: Knowledge) -> st.SearchStrategy[Dict[str, FrozenSet[str]]]:
    """Any mix of answers, including contradictory and empty ones."""
    keys = option_keys(knowledge)
    return st.dictionaries(st.sampled_from(sorted(keys)), st.just(None)).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {q: st.frozensets(st.sampled_from(keys[q])) for q in chosen}))


@SETTINGS
@given(data=st.data())
def test_any_answers_get_a_question_a_bundle_or_a_plain_no(engine: DiscoveryEngine,
                                                            data: st.DataObject) -> None:
    known = data.draw(answers(engine.knowledge))
    step = engine.next_step(known)
    candidates = engine.candidates(known)
    if step.decision.action == "no_solution":
        assert not candidates
    elif step.decision.action == "bundle":
        assert len({s.signature for s in candidates}) == 1
    else:
        question = step.question
        assert question is not None
        assert len(known.get(question.key, ())) != 1, "asked what the shopper already settled"
        for option in question.options:
            assert engine.candidates({**known, question.key: frozenset({option.key})})


@SETTINGS
@given(data=st.data())
def test_a_shopper_picking_any_offered_answer_gets_a_bundle(engine: DiscoveryEngine,
                                                            data: st.DataObject) -> None:
    known: Dict[str, FrozenSet[str]] = {}
    for _ in range(len(engine.knowledge.questions) + 1):
        step = engine.next_step(known)
        if step.done:
            break
        assert step.question is not None
        picked = data.draw(st.sampled_from([o.key for o in step.question.options]))
        known[step.question.key] = frozenset({picked})
    assert step.decision.action == "bundle"
