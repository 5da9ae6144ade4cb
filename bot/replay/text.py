"""Replays as plain text, for the command line (``bot replay show``)."""

from __future__ import annotations

from typing import List, Sequence

from bot.replay.recorded import Summary
from bot.replay.steps import Step
from bot.replay.story_replay import StoryReplay


def format_step(step: Step) -> str:
    """One turn: the message, what was understood, what was done and why, the list."""
    u = step.understood
    confidence = "" if u.confidence is None else f" ({u.confidence:.2f})"
    lines = [f"turn {step.turn}  shopper: {step.text}",
             f"  understood: {u.intent or '-'}{confidence}"]
    words = {k: v for k, v in u.words.items() if v}
    if words:
        lines.append(f"  catalogue words: {words}")
    for decision in step.decisions:
        lines.append(f"  decided: {decision.action}"
                     f"{' ' + decision.question if decision.question else ''}: "
                     f"{decision.solutions} solutions, {decision.bundles} bundles left")
        if decision.open_questions:
            gains = ", ".join(f"{q} {g:.2f}" for q, g in decision.open_questions)
            lines.append(f"    gains (bits): {gains}")
    for said in step.said:
        lines.append(f"  assistant [{said.kind}]: {said.text}")
        if said.options:
            lines.append("    [" + "] [".join(said.options) + "]")
    if step.bundle is not None:
        items = ", ".join(f"{line.quantity} x {line.sku}" for line in step.bundle.lines)
        lines.append(f"  the list ({step.bundle.job}): {items}")
    return "\n".join(lines)


def format_summaries(summaries: Sequence[Summary]) -> str:
    if not summaries:
        return "No recorded conversations match."
    rows: List[str] = []
    for s in summaries:
        started = s.started.strftime("%Y-%m-%d %H:%M") if s.started else "-"
        rows.append(f"{s.ref}  {started}  {s.length:>3} msgs  {s.outcome:<12}  "
                    f"{(s.job or '-'):<18}  {s.first_line[:60]}")
    return "\n".join(rows)


def format_story_replay(replay: StoryReplay) -> str:
    lines = [f"story: {replay.story.key}"]
    parting = replay.parts.turn if replay.parts else None
    for step in replay.today:
        lines.append(format_step(step))
        if step.turn == parting and replay.parts is not None:
            lines.append(">> " + replay.parts.describe().replace("\n", "\n>> "))
    lines.append("the assistant today does what the story says" if replay.matches else
                 f"the assistant parts from the story at turn {parting}")
    return "\n".join(lines)
