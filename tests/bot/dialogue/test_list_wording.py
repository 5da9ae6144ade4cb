"""Every list the demo shop can offer, as the shopper reads it: each reason said once, and
no reason naming another job's things ("so the picture is straight" in a TV's list)."""

from __future__ import annotations

import re
from typing import Dict, List, Set

from bot.discovery import DiscoveryEngine
from bot.knowledge import JOB_QUESTION, Knowledge
from bot.shop import Shop

CLAUSES = re.compile(r"[;,()]")


def job_words(knowledge: Knowledge) -> Dict[str, Set[str]]:
    """The words that name each job, less those several jobs share."""
    words = {key: {w for w in job.synonyms if " " not in w} for key, job in knowledge.jobs.items()}
    shared = {w for key, ws in words.items() for w in ws
              if any(w in other for k, other in words.items() if k != key)}
    return {key: ws - shared for key, ws in words.items()}


def test_every_reason_is_said_once_and_speaks_of_its_own_job(demo_shop: Shop) -> None:
    knowledge = demo_shop.services.knowledge
    engine = DiscoveryEngine(knowledge)
    words = job_words(knowledge)
    problems: List[str] = []
    seen = set()
    for scenario in engine.scenarios:
        if scenario.signature in seen:
            continue
        seen.add(scenario.signature)
        bundle = demo_shop.services.shelves.build(scenario.answers)
        job = scenario.answers[JOB_QUESTION]
        others = set().union(*(ws for key, ws in words.items() if key != job))
        for item in bundle.items:
            clauses = [c.strip() for c in CLAUSES.split(item.reason) if c.strip()]
            if len(clauses) != len(set(clauses)):
                problems.append(f"{job} {item.role}: repeats itself: {item.reason}")
            named = {w for w in re.findall(r"[a-z]+", item.reason.lower()) if w in others}
            if named:
                problems.append(f"{job} {item.role}: names {sorted(named)}: {item.reason}")
    assert not problems, "\n".join(sorted(set(problems)))
