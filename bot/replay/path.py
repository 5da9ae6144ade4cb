"""The path of a consultation as a picture (SVG, drawn here: no script, no CDN).

One column per turn. A line falls with the number of solutions still possible (log scale),
each turn's dot says what the assistant did (asked a question, made the list, or spoke
aside), and tags name the questions the shopper answered before they were asked (so the
assistant skipped them) and those settled by a safe choice. Every column carries
``data-turn``, so the page can light up the turn being replayed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple
from xml.sax.saxutils import escape

from bot.dialogue.state import Conversation
from bot.replay.steps import Step

COLUMN = 130
LEFT = 60
TOP = 70
CHART = 150
HEIGHT = TOP + CHART + 110


@dataclass(frozen=True)
class PathPoint:
    """What one turn did to the consultation."""

    turn: int
    action: str  # asked, list, aside
    question: Optional[str]
    solutions: Optional[int]  # None: no decision this turn
    said_before_asked: Tuple[str, ...]
    assumed: Tuple[str, ...]
    note: str = ""  # for a turn without a decision: what happened instead


def path_points(steps: Sequence[Step]) -> List[PathPoint]:
    """The consultation's path, turn by turn."""
    points: List[PathPoint] = []
    before = Conversation()
    for step in steps:
        c_before, c_after = before.consultation, step.after.consultation
        new = [q for q in c_after.known if q not in c_before.known]
        assumed = tuple(q for q in new if q in c_after.assumed)
        said = tuple(q for q in new if q != c_before.pending and q not in c_after.assumed)
        decision = step.decision
        if decision is None:
            action, question = "aside", None
        elif decision.action == "ask":
            action, question = "asked", decision.question
        else:
            action, question = "list", None
        points.append(PathPoint(step.turn, action, question,
                                decision.solutions if decision else None, said, assumed,
                                _note(step) if action == "aside" else ""))
        before = step.after
    return points


ASIDE_NOTES = (("order", "list taken"), ("return", "a return"), ("handoff", "to a colleague"),
               ("product", "a product"), ("gift_receipt", "gift receipt"))


def _note(step: Step) -> str:
    kinds = {s.kind for s in step.said}
    return next((note for kind, note in ASIDE_NOTES if kind in kinds), "no question")


def path_svg(steps: Sequence[Step], labels: Optional[dict[str, str]] = None) -> str:
    """The path as an SVG document (``labels``: short names for question keys)."""
    points = path_points(steps)
    names = labels or {}
    width = LEFT * 2 + COLUMN * max(len(points), 1)
    most = max([p.solutions or 0 for p in points] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="replay-path" '
             f'viewBox="0 0 {width} {HEIGHT}" width="{width}" height="{HEIGHT}" role="img" '
             f'aria-labelledby="path-title">',
             '<title id="path-title">The path of the consultation: questions asked, '
             'questions skipped, solutions left</title>',
             f'<text x="8" y="{TOP - 8}" class="axis">solutions</text>',
             f'<line x1="{LEFT - 10}" y1="{TOP}" x2="{LEFT - 10}" y2="{TOP + CHART}" '
             'class="axis-line"/>']
    line: List[str] = []
    for index, point in enumerate(points):
        x = LEFT + COLUMN * index + COLUMN // 2
        parts.append(f'<g class="turn {point.action}" data-turn="{point.turn}">')
        parts.append(f'<rect class="column" x="{x - COLUMN // 2 + 2}" y="4" '
                     f'width="{COLUMN - 4}" height="{HEIGHT - 8}" rx="6"/>')
        parts.append(f'<text class="turn-number" x="{x}" y="20">turn {point.turn}</text>')
        tags = [f"said: {names.get(q, q)}" for q in point.said_before_asked] + \
            [f"safe choice: {names.get(q, q)}" for q in point.assumed]
        for row, tag in enumerate(tags[:3]):
            parts.append(f'<text class="tag" x="{x}" y="{36 + row * 13}">{escape(tag)}</text>')
        if point.solutions is not None:
            y = TOP + CHART - CHART * math.log(point.solutions + 1) / math.log(most + 1)
            line.append(f"{x},{y:.1f}")
            parts.append(f'<circle class="dot" cx="{x}" cy="{y:.1f}" r="7"/>')
            parts.append(f'<text class="count" x="{x + 11}" y="{y - 8:.1f}">'
                         f'{point.solutions}</text>')
        caption = {"asked": f"asked: {names.get(point.question or '', point.question)}",
                   "list": "made the list", "aside": point.note}[point.action]
        parts.append(f'<text class="caption" x="{x}" y="{TOP + CHART + 30}">'
                     f'{escape(caption)}</text>')
        parts.append("</g>")
    if len(line) > 1:  # drawn over the columns, so the turn lit up does not hide it
        parts.append(f'<polyline class="solutions" points="{" ".join(line)}"/>')
    parts.append("</svg>")
    return "\n".join(parts)
