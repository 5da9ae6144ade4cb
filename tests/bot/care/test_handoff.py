"""Hand-off to a human keeps what the shopper said: one waiting hand-off per conversation,
in the order they came."""

from __future__ import annotations

from datetime import datetime

from bot.care.handoff import queue, request_handoff
from bot.db import session_scope


def test_handoff_summary_and_queue(small_db: str) -> None:
    summary = {"answers": {"job": ["hang_picture"]}, "pending_question": "wall",
               "transcript": ["Do you have a 10mm drill?", "hanging a picture", "blorp"]}
    with session_scope(small_db) as session:
        first = request_handoff(session, "s1", reason="not understood twice", summary=summary,
                                now=datetime(2026, 11, 23, 10))
        again = request_handoff(session, "s1", reason="asked for a human",
                                summary={**summary, "transcript": summary["transcript"] + ["hi"]},
                                now=datetime(2026, 11, 23, 10, 1))
        request_handoff(session, "s2", reason="asked", summary={}, now=datetime(2026, 11, 23, 11))
        assert first.id == again.id and first.summary["transcript"][-1] == "hi"
        assert [h.sender_id for h in queue(session)] == ["s1", "s2"]
