"""The database engine and sessions: one engine per URL, made lazily, short sessions.

Data functions take a ``Session``; callers open one per unit of work with
``with session_scope() as session:``.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.settings import database_url


class DatabaseUnavailable(RuntimeError):
    """The catalogue database cannot be reached or read; the message says why."""


# What SQLite's errors mean to whoever runs the shop.
_CAUSES = (("no such table", "it is not set up yet: run `bot db init --demo`"),
           ("locked", "another program holds it locked; try again in a moment"),
           ("readonly", "it is read-only"),
           ("unable to open", "the file cannot be opened"))


def unavailable(error: SQLAlchemyError, doing: str) -> DatabaseUnavailable:
    """A DatabaseUnavailable that says in plain words why ``doing`` failed."""
    detail = str(getattr(error, "orig", None) or error).splitlines()[0]
    cause = next((plain for marker, plain in _CAUSES if marker in detail), detail)
    return DatabaseUnavailable(f"cannot {doing}: {cause} ({detail})")


def get_engine(url: Optional[str] = None) -> Engine:
    """The engine for ``url`` (default: the configured catalogue database, read now)."""
    return _engine(url or database_url())


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, parsed.database)
    return create_engine(url, future=True, pool_pre_ping=True)


def _sqlite_engine(url: str, path: Optional[str]) -> Engine:
    # A "file:...?mode=ro&uri=true" URL names a file that must exist already.
    if path and path != ":memory:" and not path.startswith("file:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # A busy timeout lets a reader wait out a writer instead of failing at once.
    engine = create_engine(url, future=True, connect_args={"timeout": 5})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # A 64 MB page cache (SQLite's default is 2 MB) holds the indexes of a large
    # import: at a million products each inserted row otherwise reads index pages back.
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(get_engine(url), future=True) as session:
        with session.begin():
            yield session
