"""Every list the demo shop can offer, as the shopper reads it: each reason said once, and
no reason naming another job's things ("so the picture is straight" in a TV's list). The
judgement is the knowledge check's (``bot.knowledge_check.reason_problems``); this test
applies it to the text the dialogue shows."""

from __future__ import annotations

from typing import List

from bot.discovery import DiscoveryEngine
from bot.knowledge import JOB_QUESTION
from bot.knowledge_check import reason_problems
from bot.shop import Shop


def test_every_reason_is_said_once_and_speaks_of_its_own_job(demo_shop: Shop) -> None:
    knowledge = demo_shop.services.knowledge
    problems: List[str] = []
    seen = set()
    for scenario in DiscoveryEngine(knowledge).scenarios:
        if scenario.signature in seen:
            continue
        seen.add(scenario.signature)
        bundle = demo_shop.services.shelves.build(scenario.answers)
        text = demo_shop.dialogue.lists.text(bundle)
        job = scenario.answers[JOB_QUESTION]
        for item in bundle.items:
            assert item.reason in text
            problems += reason_problems(knowledge, job, item.reason)
    assert not problems, "\n".join(sorted(set(problems)))
