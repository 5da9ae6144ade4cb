"""Hand-off to a human keeps what the shopper said."""

from __future__ import annotations

from datetime import datetime

from bot.care.handoff import queue, request_handoff, summary_of
from bot.db import session_scope


def test_handoff_summary_and_queue(small_db: str) -> None:
    state = {"item": {"category": "drill_bit"}, "known": {"job": ["hang_picture"]},
             "pending": "wall", "bundle": None}
    summary = summary_of(state, ["Do you have a 10mm drill?", "hanging a picture", "blorp"])
    assert summary["answers"] == {"job": ["hang_picture"]} and summary["pending_question"] == "wall"
    assert summary["transcript"][-1] == "blorp"
    with session_scope(small_db) as session:
        first = request_handoff(session, "s1", reason="not understood twice", summary=summary,
                                now=datetime(2026, 11, 23, 10))
        again = request_handoff(session, "s1", reason="asked for a human", summary=summary,
                                now=datetime(2026, 11, 23, 10, 1))
        request_handoff(session, "s2", reason="asked", summary={}, now=datetime(2026, 11, 23, 11))
        assert first.id == again.id
        assert [h.sender_id for h in queue(session)] == ["s1", "s2"]


def test_the_summary_names_the_job_the_fault_and_keeps_every_word() -> None:
    words = [f"message {n}" for n in range(40)]
    summary = summary_of({"known": {"job": ["day_hike"], "terrain": ["dusty"]},
                          "bundle": {"job": "day_hike", "total": 59.0,
                                     "items": [{"sku": "POLE-L", "name": "poles", "quantity": 1}]}},
                         words, {"fault": {"words": ["locks slip"], "feature": "lock"}})
    assert summary["job"] == "day_hike" and summary["total"] == 59.0
    assert summary["bundle"] == [{"sku": "POLE-L", "name": "poles", "quantity": 1}]
    assert summary["fault"]["words"] == ["locks slip"]
    assert summary["transcript"] == words
