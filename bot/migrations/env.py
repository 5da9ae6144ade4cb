"""Alembic's entry point: runs the migrations on the connection ``bot.schema`` hands over
(``config.attributes["connection"]``). There is no alembic.ini and no URL here: use
``bot db upgrade`` and ``bot db revision`` (``docs/migrations.md``)."""

from __future__ import annotations

from alembic import context

from bot.schema import compare_options, metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `bot db upgrade` (bot/schema.py), not alembic")

# SQLite cannot alter most of a table in place: batch mode copies the table instead (and is
# a plain ALTER on PostgreSQL), so one migration serves both.
context.configure(connection=connection, target_metadata=metadata(),
                  render_as_batch=connection.dialect.name == "sqlite",
                  transactional_ddl=True, **compare_options())
with context.begin_transaction():
    context.run_migrations()
