"""The shop database's schema: which models make it, and the Alembic migrations that create
and upgrade it, on SQLite and PostgreSQL alike (``docs/migrations.md``).

- ``upgrade(url)``: bring a database to the newest schema. A database made before
  migrations existed (by ``bot db init``'s ``create_all``) has no ``alembic_version`` table:
  the baseline migration adopts it, creating only the tables it lacks, so no row is lost.
- ``new_revision(message)``: write a migration for what the models changed, found by
  comparing them with a scratch SQLite database brought to the newest migration.
- ``differences(url)``: what a database lacks or has beyond the models (empty when the
  models and the migrations agree; a test holds them to it).

Model modules register their tables with ``Base.metadata`` when imported; every one is
listed in ``MODEL_MODULES``, so that the migrations (and ``create_all`` in a test) see them.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from typing import Any, List, Optional

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from bot.db import get_engine, unavailable

MODEL_MODULES = ("bot.catalogue.models", "bot.care.models", "bot.staff.models",
                 "bot.replay.models")
"""Every module that defines tables (a test finds them all here)."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
BASELINE = "0001_baseline"
FOREIGN_TABLES = frozenset({"events"})
"""Tables that may share the database without being ours: Rasa's tracker store keeps its
``events`` there when it is pointed at the same PostgreSQL database. Migrations never
touch them."""


def metadata() -> MetaData:
    """The metadata of every model (importing each model module registers its tables)."""
    for module in MODEL_MODULES:
        importlib.import_module(module)
    from bot.catalogue.models import Base

    found: MetaData = Base.metadata
    return found


def alembic_config(connection: Optional[Connection] = None) -> Config:
    """Alembic's configuration, made in code (there is no alembic.ini): the migrations
    folder, and the connection to migrate, which ``bot/migrations/env.py`` uses."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def heads() -> List[str]:
    """The newest migration(s): one, unless two branches each added one (then they must be
    put in a line: ``docs/migrations.md``)."""
    return list(ScriptDirectory.from_config(alembic_config()).get_heads())


def current(url: Optional[str] = None) -> Optional[str]:
    """The migration a database is at (None: never migrated, or empty).

    Raises:
        DatabaseUnavailable: the database cannot be reached or read.
    """
    try:
        with get_engine(url).connect() as connection:
            found: Optional[str] = MigrationContext.configure(connection).get_current_revision()
            return found
    except SQLAlchemyError as error:
        raise unavailable(error, "read the database's schema version") from error


def upgrade(url: Optional[str] = None, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the newest), in one transaction.

    A database made before migrations (tables, no ``alembic_version``) is adopted by the
    baseline migration, which creates only the tables it lacks.
    """
    with get_engine(url).begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def differences(url: Optional[str] = None) -> List[Any]:
    """What autogenerate finds between the database and the models: nothing when they
    agree. Tables of others (``FOREIGN_TABLES``) are left out."""
    with get_engine(url).connect() as connection:
        context = MigrationContext.configure(connection, opts=compare_options())
        found: List[Any] = compare_metadata(context, metadata())
        return found


def compare_options() -> dict:  # type: ignore[type-arg]
    """How autogenerate compares (``env.py`` and ``differences`` share it)."""
    return {"compare_type": True, "include_name": include_name}


def include_name(name: Optional[str], type_: str, _parents: Any) -> bool:
    """Autogenerate looks at our tables only: never at Rasa's, nor at Alembic's own."""
    return not (type_ == "table" and (name in FOREIGN_TABLES or name == VERSION_TABLE))


def tables(url: Optional[str] = None) -> List[str]:
    """The tables in a database, ours and others'."""
    return sorted(inspect(get_engine(url)).get_table_names())


def new_revision(message: str) -> Optional[Path]:
    """Write a migration for what the models changed since the newest one, and return its
    file (None when nothing changed). Compared against a scratch SQLite database brought to
    the newest migration, so the shop's database is never needed, nor touched."""
    with tempfile.TemporaryDirectory(prefix="bot-revision-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'head.db'}"
        upgrade(url)
        if not differences(url):
            return None
        with get_engine(url).begin() as connection:
            script = command.revision(alembic_config(connection), message=message,
                                      autogenerate=True)
        get_engine(url).dispose()
    if script is None or isinstance(script, list):
        return None
    return Path(script.path)
