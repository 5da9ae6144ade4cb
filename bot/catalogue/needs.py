"""Store the needs knowledge in the database and read it back.

``needs.yml`` -> ``Knowledge`` (validated) -> rows, and rows -> the same dict shape ->
``Knowledge``, so there is one validation path. Readers cache the knowledge per database
and reload it when its version (kept in the ``meta`` table) changes, so an edit to the
data reaches a running action server without a restart or a retraining.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.catalogue.models import (
    AnswerOption,
    AttributeDef,
    Category,
    Component,
    Department,
    Job,
    Meta,
    Question,
    Term,
    Wording,
)
from bot.knowledge import Knowledge, KnowledgeError, LatestOnly, from_yaml_dict, to_yaml_dict

VERSION_KEY = "knowledge_version"


def read_needs_file(path: Path) -> Knowledge:
    """Read and validate a needs.yml file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top")
    return from_yaml_dict(data)


def save_knowledge(session: Session, knowledge: Knowledge) -> None:
    """Replace the knowledge rows with ``knowledge`` (in the caller's transaction)."""
    for model in (Term, Component, Job, AnswerOption, Question, Wording):
        session.execute(delete(model))
    data = to_yaml_dict(knowledge)
    _merge_reference_rows(session, data)
    for position, (key, spec) in enumerate(data["questions"].items()):
        _add_question(session, key, spec, position)
    for position, (key, spec) in enumerate(data["jobs"].items()):
        _add_job(session, key, spec, position)
    for key, spec in data["categories"].items():
        _add_terms(session, "category", key, spec["synonyms"])
    for attribute, values in data["values"].items():
        for value, synonyms in values.items():
            _add_terms(session, "value", f"{attribute}:{value}", synonyms)
    for category, features in data["defects"].items():
        for feature, words in features.items():
            _add_terms(session, "defect", f"{category}:{feature}", words)
    for condition, words in data["conditions"].items():
        _add_terms(session, "condition", condition, words)
    _add_gifts(session, data["gifts"])
    session.merge(Meta(key=VERSION_KEY, value=knowledge.version))
    _cache.clear()


def _merge_reference_rows(session: Session, data: Dict[str, Any]) -> None:
    # Departments, categories and attribute types are referenced by products, so they
    # are updated in place rather than deleted.
    for key, spec in data["departments"].items():
        session.merge(Department(key=key, label=spec["label"]))
    for name, spec in data["attributes"].items():
        session.merge(AttributeDef(name=name, kind=spec["kind"], unit=spec["unit"]))
    for key, spec in data["categories"].items():
        session.merge(Category(key=key, label=spec["label"], department=spec["department"],
                               purpose_question=spec["purpose_question"]))
    session.flush()


def _add_question(session: Session, key: str, spec: Dict[str, Any], position: int) -> None:
    question = Question(key=key, text=spec["text"], help=spec["help"],
                        safe_option=spec["safe_option"], unit=spec["unit"], position=position)
    for index, (option_key, option) in enumerate(spec["options"].items()):
        bounds = option["range"] or (None, None)
        question.options.append(AnswerOption(
            key=option_key, label=option["label"], weight=option["weight"],
            range_min=bounds[0], range_max=bounds[1], values=option["values"], position=index))
        _add_terms(session, "option", f"{key}:{option_key}", option["synonyms"])
    session.add(question)


def _add_job(session: Session, key: str, spec: Dict[str, Any], position: int) -> None:
    job = Job(key=key, label=spec["label"], name=spec["name"], department=spec["department"],
              position=position, question_keys=spec["questions"])
    for index, c in enumerate(spec["components"]):
        job.components.append(Component(
            role=c["role"], position=index, category=c["category"], when=c["when"],
            require=c["require"], quantity=c["quantity"], reason=c["reason"]))
    session.add(job)
    _add_terms(session, "job", key, spec["synonyms"])


def _add_gifts(session: Session, gifts: Dict[str, Any]) -> None:
    _add_terms(session, "gift", "gift", gifts["words"])
    texts = {f"gift:{k}": gifts[k] for k in ("someone", "job_question", "owned_question")}
    for key, recipient in gifts["recipients"].items():
        _add_terms(session, "recipient", key, recipient["synonyms"])
        texts[f"gift:recipient:{key}"] = recipient["label"]
    texts.update({f"gift:question:{k}": text for k, text in gifts["questions"].items()})
    session.add_all(Wording(key=key, text=text) for key, text in texts.items())


def _load_gifts(session: Session, terms: Dict[Tuple[str, str], List[str]]) -> Dict[str, Any]:
    texts = {w.key: w.text for w in session.scalars(select(Wording).order_by(Wording.key))}
    gifts: Dict[str, Any] = {k: texts.get(f"gift:{k}")
                             for k in ("someone", "job_question", "owned_question")}
    gifts["words"] = terms.get(("gift", "gift"), [])
    gifts["recipients"] = {key[len("gift:recipient:"):]: {
        "label": text, "synonyms": terms.get(("recipient", key[len("gift:recipient:"):]), [])}
        for key, text in texts.items() if key.startswith("gift:recipient:")}
    gifts["questions"] = {key[len("gift:question:"):]: text for key, text in texts.items()
                          if key.startswith("gift:question:")}
    return gifts


def _add_terms(session: Session, kind: str, target: str, phrases: Any) -> None:
    for phrase in dict.fromkeys(phrases):
        session.add(Term(phrase=phrase, kind=kind, target=target))


def load_knowledge(session: Session) -> Knowledge:
    """Read the knowledge from the database (validated as when it was written)."""
    terms: Dict[Tuple[str, str], List[str]] = {}
    for term in session.scalars(select(Term).order_by(Term.id)):
        terms.setdefault((term.kind, term.target), []).append(term.phrase)
    data: Dict[str, Any] = {
        "departments": {d.key: {"label": d.label} for d in session.scalars(select(Department))},
        "attributes": {a.name: {"kind": a.kind, "unit": a.unit}
                       for a in session.scalars(select(AttributeDef))},
        "categories": {c.key: {"label": c.label, "department": c.department,
                               "purpose_question": c.purpose_question,
                               "synonyms": terms.get(("category", c.key), [])}
                       for c in session.scalars(select(Category))},
        "values": {},
        "questions": {},
        "jobs": {},
        "defects": {},
        "conditions": {},
        "gifts": _load_gifts(session, terms),
    }
    for (kind, target), phrases in terms.items():
        head, _, tail = target.partition(":")
        if kind == "value":
            data["values"].setdefault(head, {})[tail] = phrases
        elif kind == "defect":
            data["defects"].setdefault(head, {})[tail] = phrases
        elif kind == "condition":
            data["conditions"][target] = phrases
    for q in session.scalars(select(Question).order_by(Question.position)):
        data["questions"][q.key] = {
            "text": q.text, "help": q.help, "safe_option": q.safe_option, "unit": q.unit,
            "options": {o.key: {"label": o.label, "weight": o.weight, "values": o.values,
                                "range": None if o.range_min is None else [o.range_min, o.range_max],
                                "synonyms": terms.get(("option", f"{q.key}:{o.key}"), [])}
                        for o in q.options}}
    for j in session.scalars(select(Job).order_by(Job.position)):
        data["jobs"][j.key] = {
            "label": j.label, "name": j.name, "department": j.department,
            "questions": j.question_keys, "synonyms": terms.get(("job", j.key), []),
            "components": [{"role": c.role, "category": c.category, "when": c.when,
                            "require": c.require, "quantity": c.quantity, "reason": c.reason}
                           for c in j.components]}
    if not data["jobs"]:
        raise KnowledgeError("the database holds no jobs: run `bot db init` first")
    return from_yaml_dict(data)


_cache: LatestOnly[Knowledge] = LatestOnly()


def current_knowledge(session: Session) -> Knowledge:
    """The knowledge, from a per-process cache that follows the stored version."""
    version: Optional[str] = session.scalar(select(Meta.value).where(Meta.key == VERSION_KEY))
    return _cache.get(f"{session.get_bind().url}|{version}", lambda: load_knowledge(session))
