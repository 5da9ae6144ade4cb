"""The trainer's API (role trainer or manager): recorded conversations and stories, turn by
turn with the assistant's reasons and the path drawn; Rasa's own check of every story;
practice rounds and sets; a recording saved as a test story.

The domain is ``bot/replay``; this module wires it to the staff server. Conversations are
named by their ref (a digest of the sender id): a sender id opens nothing here, and none is
ever sent to the browser. Nothing here writes into a shopper's conversation: recordings are
read from the tracker store, stories run in a sandbox whose writes are rolled back, and
today's model is asked through ``/model/parse``, which stores nothing.
"""

from __future__ import annotations

import asyncio
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, TypeVar

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from actions.intents import MEANINGS
from bot.db import DatabaseUnavailable
from bot.replay.annotations import decide, proposals, propose
from bot.replay.evaluation import evaluate_stories
from bot.replay.export import export_story, names_given
from bot.replay.path import path_svg
from bot.replay.practice import (
    KINDS,
    Exercise,
    exercises,
    practice_sets,
    record_pick,
    round_score,
    save_set,
    start_round,
)
from bot.replay.rasa_api import ModelUnavailable, RasaParser
from bot.replay.recorded import OUTCOMES, Filters, list_recorded, recorded_steps, summarise
from bot.replay.sandbox import sandbox_shop
from bot.replay.steps import Step
from bot.replay.stories import STORY_FILES, StoryError, find_story, read_stories
from bot.replay.story_replay import replay_story
from bot.replay.tracker import TrackerEvents, tracker_url
from bot.shop import open_shop
from edge.staff.auth import Staff, in_db, staff_only

replay_api = Blueprint("replay_api", url_prefix="/api/replay")

REF = re.compile(r"^[0-9a-f]{16}$")
PAGE = "replay"
T = TypeVar("T")


def _root() -> Path:
    return Path.cwd()  # the staff server runs from the project root (bot/serve.py)


async def _off_loop(work: Callable[[], T]) -> T:
    return await asyncio.get_running_loop().run_in_executor(None, work)


def _tracker() -> TrackerEvents:
    return TrackerEvents(tracker_url(_root()))


def _labels(request: Request) -> Dict[str, str]:
    with open_shop(request.app.ctx.config.database_url) as shop:
        knowledge = shop.services.knowledge
        labels = {key: key.replace("_", " ") for key in knowledge.questions}
        labels["job"] = "job"
        return labels


def _body(request: Request) -> Dict[str, Any]:
    """The request's JSON object (empty when it sent something else)."""
    return request.json if isinstance(request.json, dict) else {}


def _error(status: int, why: str) -> HTTPResponse:
    return response.json({"error": why}, status=status)


# -- sources -----------------------------------------------------------------------------------

@replay_api.get("/recorded")
@staff_only(PAGE)
async def recorded_list(request: Request) -> HTTPResponse:
    args = request.args
    try:
        filters = Filters(
            since=_day(args.get("since")), until=_day(args.get("until"), end=True),
            job=args.get("job") or None, outcome=args.get("outcome") or None,
            min_length=_int(args.get("min_length")), max_length=_int(args.get("max_length")),
            words=args.get("words") or None)
    except ValueError as error:
        return _error(400, str(error))
    try:
        found = await _off_loop(lambda: list_recorded(_tracker(), filters))
    except DatabaseUnavailable as error:
        return response.json({"conversations": [], "note": str(error)})
    return response.json({"conversations": [s.as_dict() for s in found],
                          "outcomes": list(OUTCOMES)})


def _day(value: Optional[str], end: bool = False) -> Optional[datetime]:
    if not value:
        return None
    day = datetime.fromisoformat(value)
    return day.replace(hour=23, minute=59, second=59) if end else day


def _int(value: Optional[str]) -> Optional[int]:
    return int(value) if value else None


@replay_api.get("/stories")
@staff_only(PAGE)
async def stories(request: Request) -> HTTPResponse:
    found = await _off_loop(lambda: read_stories(_root()))
    return response.json({"stories": [{"key": s.key, "name": s.name, "source": s.source,
                                       "messages": len(s.messages), "words": s.has_words}
                                      for s in found]})


# -- replays -----------------------------------------------------------------------------------

@replay_api.get("/recorded/<ref>")
@staff_only(PAGE)
async def recorded_replay(request: Request, ref: str) -> HTTPResponse:
    if not REF.match(ref):
        return _error(404, "no such conversation")
    found = await _off_loop(lambda: _recorded(request, ref))
    if found is None:
        return _error(404, "no such conversation (a client may have asked to be forgotten)")
    return response.json(found)


def _recorded(request: Request, ref: str) -> Optional[Dict[str, Any]]:
    recorded = _tracker().by_ref(ref)
    if recorded is None:
        return None
    with open_shop(request.app.ctx.config.database_url) as shop:
        steps = recorded_steps(recorded, shop.services.reader)
        practice = exercises(steps, shop.services.engine)
    summary = summarise(recorded, steps)
    return {"kind": "recorded", "ref": ref, "title": summary.first_line,
            "summary": summary.as_dict(), "steps": [s.as_dict() for s in steps],
            "path": path_svg(steps, _labels(request)), "practice": _hidden(practice),
            "intents": sorted(MEANINGS)}


def _hidden(practice: List[Exercise]) -> List[Dict[str, Any]]:
    """The turns to practise, without the answers (gains and the assistant's choice come
    back with a pick)."""
    return [{"turn": e.turn, "options": [{"key": o.key, "label": o.label} for o in e.options]}
            for e in practice]


@replay_api.get("/story")
@staff_only(PAGE)
async def story_replay(request: Request) -> HTTPResponse:
    key = request.args.get("key") or ""
    config = request.app.ctx.config
    try:
        story = find_story(_root(), key)
    except StoryError as error:
        return _error(404, str(error))
    parser = RasaParser(config.assistant_url, config.token)

    def run() -> Dict[str, Any]:
        replay = replay_story(story, lambda: sandbox_shop(config.database_url), MEANINGS,
                              parser)
        with open_shop(config.database_url) as shop:
            practice = exercises(replay.as_story, shop.services.engine)
        parts = replay.parts
        return {"kind": "story", "ref": story.key, "title": story.name,
                "source": story.source, "steps": [s.as_dict() for s in replay.today],
                "story_steps": [s.as_dict() for s in replay.as_story],
                "parts": None if parts is None else {
                    "turn": parts.turn, "story_intent": parts.story_intent,
                    "today_intent": parts.today_intent,
                    "today_confidence": parts.today_confidence,
                    "story_said": list(parts.story_said), "today_said": list(parts.today_said),
                    "harmless": parts.harmless},
                "path": path_svg(replay.today, _labels(request)),
                "practice": _hidden(practice), "intents": sorted(MEANINGS)}

    try:
        return response.json(await _off_loop(run))
    except ModelUnavailable as error:
        return _error(503, str(error))


@replay_api.post("/check")
@staff_only(PAGE)
async def check(request: Request) -> HTTPResponse:
    """Every story through Rasa's own evaluation (about a minute: it loads the model)."""
    model = request.app.ctx.config.model
    if not model:
        return _error(503, "the staff server was started without a model to check against")
    rasa = str(Path(sys.executable).parent / "rasa")
    evaluation = await _off_loop(
        lambda: evaluate_stories(_root(), Path(model), list(STORY_FILES), rasa))
    return response.json({"passed": evaluation.passed,
                          "results": [{"key": r.key, "name": r.name, "source": r.source,
                                       "passed": r.passed, "turn": r.turn, "kind": r.kind,
                                       "expected": r.expected, "predicted": r.predicted,
                                       "describe": r.describe()}
                                      for r in evaluation.results],
                          "output": "" if evaluation.results else evaluation.output})


# -- a recording as a test story ---------------------------------------------------------------

@replay_api.post("/recorded/<ref>/export")
@staff_only(PAGE)
async def export(request: Request, ref: str) -> HTTPResponse:
    body = _body(request)
    corrections = body.get("intents") or {}
    if not REF.match(ref) or not isinstance(corrections, dict):
        return _error(400, "a conversation's ref, and intents as {turn: intent}")
    try:
        fixed = {int(turn): str(intent) for turn, intent in corrections.items()
                 if str(intent) in MEANINGS}
    except ValueError:
        return _error(400, "turns are numbers")

    def write() -> Optional[str]:
        recorded = _tracker().by_ref(ref)
        return None if recorded is None else \
            export_story(recorded, recorded_steps(recorded), fixed)

    text = await _off_loop(write)
    if text is None:
        return _error(404, "no such conversation")
    return response.json({"filename": f"test_recorded_{ref}.yml", "story": text})


# -- practice ----------------------------------------------------------------------------------

@replay_api.get("/sets")
@staff_only(PAGE)
async def sets(request: Request) -> HTTPResponse:
    def listed(session: Session) -> List[Dict[str, Any]]:
        return [{"name": chosen.name, "by": chosen.created_by,
                 "items": [{"kind": k, "ref": r} for k, r in items]}
                for chosen, items in practice_sets(session)]

    return response.json({"sets": await in_db(request, listed)})


@replay_api.post("/sets")
@staff_only(PAGE)
async def make_set(request: Request) -> HTTPResponse:
    staff: Staff = request.ctx.staff
    body = _body(request)
    name, items = str(body.get("name") or "").strip(), body.get("items")
    if not name or len(name) > 80 or not isinstance(items, list) or not items:
        return _error(400, "a set needs a name (up to 80 characters) and some conversations")
    pairs: List[Tuple[str, str]] = []
    for item in items:
        if not isinstance(item, dict) or item.get("kind") not in KINDS \
                or not isinstance(item.get("ref"), str):
            return _error(400, "each item is {kind: recorded|story, ref}")
        pairs.append((item["kind"], item["ref"][:300]))
    await in_db(request, lambda s: save_set(s, name, pairs, staff.name, datetime.now()))
    return response.json({"saved": name, "items": len(pairs)})


@replay_api.post("/practice")
@staff_only(PAGE)
async def practise(request: Request) -> HTTPResponse:
    staff: Staff = request.ctx.staff
    body = _body(request)
    kind, ref = body.get("kind"), body.get("ref")
    if kind not in KINDS or not isinstance(ref, str):
        return _error(400, "practice needs {kind: recorded|story, ref}")
    started = await in_db(request, lambda s: start_round(s, staff.name, kind, ref,
                                                         datetime.now()).id)
    return response.json({"round": started})


@replay_api.post("/practice/<round_id:int>/pick")
@staff_only(PAGE)
async def pick(request: Request, round_id: int) -> HTTPResponse:
    staff: Staff = request.ctx.staff
    body = _body(request)
    turn, picked = body.get("turn"), body.get("picked")
    kind, ref = body.get("kind"), body.get("ref")
    if not isinstance(turn, int) or not isinstance(picked, str) or kind not in KINDS \
            or not isinstance(ref, str):
        return _error(400, "a pick is {kind, ref, turn, picked}")
    config = request.app.ctx.config

    def the_exercise() -> Optional[Exercise]:
        steps: Optional[List[Step]] = None
        if kind == "recorded":
            recorded = _tracker().by_ref(ref) if REF.match(ref) else None
            steps = None if recorded is None else recorded_steps(recorded)
        else:
            story = find_story(_root(), ref)
            steps = list(replay_story(story, lambda: sandbox_shop(config.database_url),
                                      MEANINGS).as_story)
        if steps is None:
            return None
        with open_shop(config.database_url) as shop:
            return next((e for e in exercises(steps, shop.services.engine) if e.turn == turn),
                        None)

    try:
        exercise = await _off_loop(the_exercise)
    except StoryError:
        exercise = None
    if exercise is None or exercise.option(picked) is None:
        return _error(404, "nothing to practise there")

    def keep(session: Session) -> Tuple[float, float, int]:
        score = record_pick(session, round_id, staff.name, exercise, picked, datetime.now())
        total, count = round_score(session, round_id)
        return score, total, count

    try:
        score, total, count = await in_db(request, keep)
    except ValueError as error:
        return _error(404, str(error))
    return response.json({"turn": turn, "picked": picked, "score": score,
                          "assistant": exercise.assistant, **exercise.as_dict(),
                          "round": {"score": round(total, 3), "picked": count}})


# -- misread messages, proposed as training examples -------------------------------------------

@replay_api.post("/recorded/<ref>/annotate")
@staff_only(PAGE)
async def annotate(request: Request, ref: str) -> HTTPResponse:
    staff: Staff = request.ctx.staff
    body = _body(request)
    turn, intent = body.get("turn"), body.get("intent")
    if not REF.match(ref) or not isinstance(turn, int) or intent not in MEANINGS:
        return _error(400, "an annotation is {turn, intent} on a recorded conversation")
    recorded = await _off_loop(lambda: _tracker().by_ref(ref))
    steps = recorded_steps(recorded) if recorded else []
    if recorded is None or not 0 < turn <= len(steps) or steps[turn - 1].text.startswith("["):
        return _error(404, "no such message")
    step, names = steps[turn - 1], names_given(recorded)
    made = await in_db(request, lambda s: propose(
        s, step.text, str(intent), step.understood.intent, staff.name, datetime.now(),
        names).id)
    return response.json({"proposal": made})


@replay_api.get("/proposals")
@staff_only(PAGE)
async def proposed(request: Request) -> HTTPResponse:
    status = request.args.get("status") or "proposed"
    found = await in_db(request, lambda s: proposals(
        s, _root(), None if status == "all" else status))
    return response.json({"proposals": [p.as_dict() for p in found]})


@replay_api.post("/proposals/<proposal_id:int>/accept")
@staff_only(PAGE)
async def accept_proposal(request: Request, proposal_id: int) -> HTTPResponse:
    """Accepted examples are written to the project's data/ (the next `bot train`)."""
    return await _decide(request, proposal_id, True)


@replay_api.post("/proposals/<proposal_id:int>/reject")
@staff_only(PAGE)
async def reject_proposal(request: Request, proposal_id: int) -> HTTPResponse:
    return await _decide(request, proposal_id, False)


async def _decide(request: Request, proposal_id: int, accept: bool) -> HTTPResponse:
    staff: Staff = request.ctx.staff
    try:
        decided = await in_db(request, lambda s: decide(s, _root(), proposal_id, accept,
                                                        staff.name))
    except ValueError as error:
        return _error(409, str(error))
    return response.json(decided.as_dict())
