"""Store the needs knowledge in the database and read it back.

``needs.yml`` is validated once (``bot.needs_schema``) and stored as that document, JSON in
one row; reading it back validates it the same way. Departments, categories and attribute
types also keep rows of their own, because products refer to them. Readers cache the
knowledge per database and reload it when its version (kept in the ``meta`` table)
changes, so an edit to the data reaches a running action server without a restart or a
retraining.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from bot.catalogue.models import (
    RETIRED_TABLES,
    AttributeDef,
    Category,
    Department,
    Meta,
    StoredKnowledge,
)
from bot.knowledge import Knowledge, KnowledgeError, LatestOnly, from_document
from bot.needs_schema import parse_document, read_document

VERSION_KEY = "knowledge_version"
DOCUMENT_KEY = "needs"


def read_needs_file(path: Path) -> Knowledge:
    """Read and validate a needs.yml file (errors name its lines)."""
    return from_document(read_document(path))


def save_knowledge(session: Session, knowledge: Knowledge) -> None:
    """Store ``knowledge`` in place of what was there (in the caller's transaction)."""
    doc = knowledge.document
    # Departments, categories and attribute types are referenced by products, so they
    # are updated in place rather than deleted.
    for key in doc.departments:
        session.merge(Department(key=key, label=knowledge.departments[key]))
    for name, attribute in knowledge.attributes.items():
        session.merge(AttributeDef(name=name, kind=attribute.kind, unit=attribute.unit))
    for key, category in knowledge.categories.items():
        session.merge(Category(key=key, label=category.label, department=category.department,
                               purpose_question=category.purpose_question))
    session.merge(StoredKnowledge(key=DOCUMENT_KEY, version=knowledge.version,
                                  document=doc.to_json()))
    session.merge(Meta(key=VERSION_KEY, value=knowledge.version))
    session.flush()
    drop_retired_tables(session)
    _cache.clear()


def drop_retired_tables(session: Session) -> None:
    """Drop the tables in which earlier versions kept the knowledge row by row."""
    present = set(inspect(session.connection()).get_table_names())
    for table in RETIRED_TABLES:
        if table in present:
            session.execute(text(f"DROP TABLE {table}"))


def load_knowledge(session: Session) -> Knowledge:
    """Read the knowledge from the database (validated as when it was written)."""
    stored = session.get(StoredKnowledge, DOCUMENT_KEY)
    if stored is None:
        raise KnowledgeError("the database holds no needs knowledge: run `bot db init` "
                             "(with --needs FILE for a needs.yml of your own)")
    return from_document(parse_document(json.loads(stored.document), "the stored knowledge"))


_cache: LatestOnly[Knowledge] = LatestOnly()


def current_knowledge(session: Session) -> Knowledge:
    """The knowledge, from a per-process cache that follows the stored version."""
    version: Optional[str] = session.scalar(select(Meta.value).where(Meta.key == VERSION_KEY))
    return _cache.get(f"{session.get_bind().url}|{version}", lambda: load_knowledge(session))
