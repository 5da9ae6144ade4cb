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


# What SQLite's and PostgreSQL's errors mean to whoever runs the shop (the first that
# matches says it).
_CAUSES = (("no such table", "it is not set up yet: run `bot db init --demo`"),
           ('relation "', "it is not set up yet: run `bot db init --demo`"),
           ("locked", "another program holds it locked; try again in a moment"),
           ("readonly", "it is read-only"),
           ("unable to open", "the file cannot be opened"),
           ("could not connect", "the database server cannot be reached (is it running?)"),
           ("Connection refused", "the database server cannot be reached (is it running?)"),
           ("starting up", "the database server is starting; try again in a moment"),
           ("shutting down", "the database server is stopping"),
           ("terminating connection", "the database server went away; try again in a moment"),
           ("server closed the connection", "the database server went away; try again in a "
            "moment"),
           ("password authentication failed", "the database refused the user or password"))


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
    if parsed.get_backend_name() == "postgresql":
        # pool_pre_ping: after the server restarts, a pooled connection is checked (and
        # replaced) before a unit of work uses it. Batches: an import's many UPDATEs go in
        # pages of statements rather than one round trip each (INSERTs already do).
        return create_engine(url, future=True, pool_pre_ping=True,
                             executemany_mode="values_plus_batch")
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
    cursor.close()


IMPORT_CACHE = "PRAGMA cache_size=-65536"
"""A 64 MB page cache for a large import's connection (SQLite's default is 2 MB), which
holds the indexes: at a million products each inserted row otherwise reads index pages
back. Only the importer asks for it: every connection that had it kept up to 64 MB of
pages, and a process reading a large catalogue grew by as much."""


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(get_engine(url), future=True) as session:
        with session.begin():
            yield session
