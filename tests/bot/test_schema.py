"""The schema's migrations (bot/schema.py, bot/migrations/), on SQLite and PostgreSQL: they
make exactly what the models describe; a shop database made before migrations is adopted
without losing a row; a model change becomes a migration with one command."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Dict

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, event, func, inspect, select, text

from bot import schema
from bot.db import get_engine, session_scope
from bot.store import ensure_schema, init_database
from tests.conftest import FIXTURES

BEFORE_MIGRATIONS = FIXTURES / "shop_before_migrations.sql"
BOT = Path(schema.__file__).resolve().parent


def row_counts(url: str) -> Dict[str, int]:
    """The rows of each of our tables the database has."""
    present = set(schema.tables(url))
    counts = {}
    with session_scope(url) as session:
        for table in schema.metadata().sorted_tables:
            if table.name in present:
                counts[table.name] = session.scalar(select(func.count()).select_from(table))
    return counts


def test_the_migrations_make_what_the_models_describe(empty_db: str) -> None:
    schema.upgrade(empty_db)
    assert schema.current(empty_db) == schema.heads()[0]
    assert schema.differences(empty_db) == []
    # And nothing the models lack (autogenerate is not asked to notice dropped tables).
    assert set(schema.tables(empty_db)) == set(schema.metadata().tables) | {schema.VERSION_TABLE}


def test_there_is_one_newest_migration() -> None:
    assert len(schema.heads()) == 1, (
        f"several newest migrations {schema.heads()}: two branches each added one. Point the "
        "later one's down_revision at the other's revision (docs/migrations.md)")


def test_every_module_that_defines_tables_is_listed() -> None:
    defining = {".".join(path.relative_to(BOT.parent).with_suffix("").parts)
                for path in BOT.rglob("*.py")
                if "migrations" not in path.parts and "__tablename__" in path.read_text()}
    assert defining <= set(schema.MODEL_MODULES), "add it to bot.schema.MODEL_MODULES"


def load_database_from_before_migrations(url: str, tmp_path: Path) -> None:
    """The frozen shop database (tests/fixtures/shop_before_migrations.sql, made by
    `bot db init` before migrations), in ``url``: as is on SQLite; on PostgreSQL, its
    tables as create_all made them there (reflected with generic types) and its rows."""
    source = tmp_path / "before.db"
    with sqlite3.connect(source) as connection:
        connection.executescript(BEFORE_MIGRATIONS.read_text())
    if url.startswith("sqlite"):
        shutil.copy(source, get_engine(url).url.database)
        return
    old = MetaData()

    @event.listens_for(old, "column_reflect")
    def generic(_inspector: object, _table: object, column: dict) -> None:
        column["type"] = column["type"].as_generic()

    sqlite_engine = get_engine(f"sqlite:///{source}")
    old.reflect(sqlite_engine)
    target = get_engine(url)
    old.create_all(target)
    with sqlite_engine.connect() as reading, target.begin() as writing:
        for table in old.sorted_tables:
            rows = [dict(r._mapping) for r in reading.execute(select(table))]
            if rows:
                writing.execute(table.insert(), rows)
            if "id" in table.c and isinstance(table.c.id.type, Integer):
                writing.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                     f"(SELECT max(id) FROM {table.name}))"))


def test_a_shop_database_from_before_migrations_is_adopted_without_losing_a_row(
        empty_db: str, tmp_path: Path) -> None:
    load_database_from_before_migrations(empty_db, tmp_path)
    before = row_counts(empty_db)
    assert schema.current(empty_db) is None and all(before.values()), before

    ensure_schema(empty_db, knowledge=True)  # what `bot db upgrade` and `bot run` do

    assert schema.current(empty_db) == schema.heads()[0]
    after = row_counts(empty_db)
    assert {t: after[t] for t in before} == before  # every row kept; the new tables empty
    assert not any(after[t] for t in set(after) - set(before))
    assert schema.differences(empty_db) == []
    # And it goes on working: `bot db init` again, the same rows and the knowledge.
    init_database(empty_db, needs=FIXTURES / "needs_small.yml",
                  products=FIXTURES / "products_small.csv")
    assert row_counts(empty_db) == after


def test_a_shop_database_with_the_staff_tables_create_all_made_is_adopted(
        empty_db: str) -> None:
    """Before the staff's and trainer's tables had a migration, `bot db init` made them with
    create_all: such a database keeps its staff accounts and practice sets on adoption."""
    from bot.replay.models import PracticeSet
    from bot.staff.models import StaffAccount

    schema.metadata().create_all(get_engine(empty_db))
    now = datetime(2026, 11, 1, 9, 30)
    with session_scope(empty_db) as session:
        session.add(StaffAccount(name="Sam Taylor", role="attendant", password_hash="$argon2id$x",
                                 created_at=now, active=True))
        session.add(PracticeSet(name="drills", created_by="Ann", created_at=now))
    assert schema.current(empty_db) is None

    ensure_schema(empty_db)

    assert schema.current(empty_db) == schema.heads()[0]
    assert schema.differences(empty_db) == []
    with session_scope(empty_db) as session:
        assert [(a.name, a.role) for a in session.scalars(select(StaffAccount))] == [
            ("Sam Taylor", "attendant")]
        assert [p.name for p in session.scalars(select(PracticeSet))] == ["drills"]


def test_the_tablet_s_turn_lease_is_added_without_losing_a_shopper(empty_db: str) -> None:
    """A shop database at 0002 with tablet shoppers (a screen kept) upgrades to the turn
    lease: each shopper and its screen kept, no lease held, and a turn can claim one."""
    from bot.staff.models import TabletShopper
    from bot.staff.tablet import Claim, claim_turn

    schema.upgrade(empty_db, "0002_staff_and_practice")
    now = datetime(2026, 11, 30, 10, 0)
    shoppers = text("INSERT INTO tablet_shoppers (device, sender_id, started_at, updated_at, "
                    "last_turn, view) VALUES ('tab-1', :sender, :now, :now, 'turn-0001', "
                    "'{\"shown\": 1}')")
    with session_scope(empty_db) as session:
        for n in range(3):
            session.execute(shoppers, {"sender": f"tablet-{n}", "now": now})
    before = row_counts(empty_db)

    ensure_schema(empty_db)

    assert schema.current(empty_db) == schema.heads()[0]
    assert row_counts(empty_db) == before and schema.differences(empty_db) == []
    with session_scope(empty_db) as session:
        kept = list(session.scalars(select(TabletShopper).order_by(TabletShopper.id)))
        assert [(s.sender_id, s.last_turn, s.view) for s in kept] == [
            (f"tablet-{n}", "turn-0001", {"shown": 1}) for n in range(3)]
        assert all(s.turn_holder is None and s.turn_lease_until is None for s in kept)
        assert claim_turn(session, "tab-1", kept[0].id, "a-turn", now,
                          timedelta(seconds=30)) is Claim.HELD


def test_a_table_an_older_database_lacks_is_created_on_adoption(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'older.db'}"
    load_database_from_before_migrations(url, tmp_path)
    with session_scope(url) as session:
        session.execute(text("DROP TABLE recognition_failures"))
    ensure_schema(url)
    assert "recognition_failures" in inspect(get_engine(url)).get_table_names()
    assert schema.differences(url) == []


def test_a_model_change_becomes_a_migration_with_one_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an engineer adding a table does: `bot db revision -m "..."`, then read the file."""
    folder = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, folder)
    monkeypatch.setattr(schema, "MIGRATIONS", folder)
    changed = MetaData()
    for table in schema.metadata().sorted_tables:
        table.to_metadata(changed)
    Table("staff", changed, Column("id", Integer, primary_key=True),
          Column("name", String(80), nullable=False))
    monkeypatch.setattr(schema, "metadata", lambda: changed)

    newest = schema.heads()[0]
    written = schema.new_revision("staff accounts")

    assert written is not None and written.parent == folder / "versions"
    source = written.read_text()
    assert "op.create_table('staff'" in source or 'op.create_table("staff"' in source
    assert re.search(rf"down_revision: .* = '{re.escape(newest)}'", source), source
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    schema.upgrade(url)
    assert "staff" in schema.tables(url) and schema.differences(url) == []
    assert schema.new_revision("nothing more") is None


def test_a_database_that_cannot_be_reached_is_said_plainly() -> None:
    """`bot db upgrade` against a server that is not there: a sentence, not a traceback."""
    from bot.db import DatabaseUnavailable

    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        schema.current("postgresql://nobody:secret@127.0.0.1:1/shop")
