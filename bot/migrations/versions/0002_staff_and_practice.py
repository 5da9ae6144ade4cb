"""The staff's tables (issue 13: accounts, sessions, the tablet's shoppers, lists given by QR
code, the desk's claims and the help desk's deliveries) and the trainer's (issue 14:
practice sets, items, rounds and picks, proposed training examples).

Written by ``bot db revision`` and made adoptive as the baseline is: those versions made
these tables with ``create_all``, so a shop database that ran them before migrations has
some or all of them already (with rows: staff accounts). Only the missing tables and
indexes are created; no row is touched.

Revision ID: 0002_staff_and_practice
Revises: 0001_baseline
Create Date: 2026-11-29
"""

from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002_staff_and_practice"
down_revision: Union[str, Sequence[str], None] = "0001_baseline"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ("list_shares", "practice_rounds", "practice_sets", "proposed_examples",
          "staff_accounts", "handoff_claims", "handoff_deliveries", "practice_items",
          "practice_picks", "staff_sessions", "tablet_shoppers")
"""In the order they are made (a table after those its foreign keys name)."""


def _table(name: str, *elements: sa.schema.SchemaItem) -> None:
    if not sa.inspect(op.get_bind()).has_table(name):
        op.create_table(name, *elements)


def _index(name: str, table: str, columns: Sequence[str]) -> None:
    if name not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
        op.create_index(name, table, list(columns))


def upgrade() -> None:
    _table("list_shares",
           sa.Column("token_digest", sa.String(length=64), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.Column("expires_at", sa.DateTime(), nullable=False),
           sa.Column("content", sa.JSON(), nullable=False),
           sa.PrimaryKeyConstraint("token_digest"))
    _index("ix_list_shares_expires_at", "list_shares", ["expires_at"])
    _table("practice_rounds",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("trainee", sa.String(length=80), nullable=False),
           sa.Column("kind", sa.String(length=10), nullable=False),
           sa.Column("ref", sa.String(length=300), nullable=False),
           sa.Column("started_at", sa.DateTime(), nullable=False),
           sa.PrimaryKeyConstraint("id"))
    _index("ix_practice_rounds_trainee", "practice_rounds", ["trainee"])
    _table("practice_sets",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("name", sa.String(length=80), nullable=False),
           sa.Column("created_by", sa.String(length=80), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("name"))
    _table("proposed_examples",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("text", sa.String(length=500), nullable=False),
           sa.Column("intent", sa.String(length=80), nullable=False),
           sa.Column("read_as", sa.String(length=80), nullable=True),
           sa.Column("proposed_by", sa.String(length=80), nullable=False),
           sa.Column("proposed_at", sa.DateTime(), nullable=False),
           sa.Column("status", sa.String(length=10), nullable=False),
           sa.Column("decided_by", sa.String(length=80), nullable=True),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("text", "intent"))
    _table("staff_accounts",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("name", sa.String(length=80), nullable=False),
           sa.Column("role", sa.String(length=20), nullable=False),
           sa.Column("password_hash", sa.String(length=200), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.Column("active", sa.Boolean(), nullable=False),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("name"))
    _table("handoff_claims",
           sa.Column("handoff_id", sa.Integer(), nullable=False),
           sa.Column("staff_id", sa.Integer(), nullable=True),
           sa.Column("staff_name", sa.String(length=80), nullable=False),
           sa.Column("taken_at", sa.DateTime(), nullable=False),
           sa.Column("returned_at", sa.DateTime(), nullable=True),
           sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
           sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"], ondelete="SET NULL"),
           sa.PrimaryKeyConstraint("handoff_id"))
    _table("handoff_deliveries",
           sa.Column("handoff_id", sa.Integer(), nullable=False),
           sa.Column("attempts", sa.Integer(), nullable=False),
           sa.Column("delivered_at", sa.DateTime(), nullable=True),
           sa.Column("last_error", sa.String(length=200), nullable=True),
           sa.ForeignKeyConstraint(["handoff_id"], ["handoffs.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("handoff_id"))
    _table("practice_items",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("set_id", sa.Integer(), nullable=False),
           sa.Column("kind", sa.String(length=10), nullable=False),
           sa.Column("ref", sa.String(length=300), nullable=False),
           sa.Column("position", sa.Integer(), nullable=False),
           sa.ForeignKeyConstraint(["set_id"], ["practice_sets.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("set_id", "kind", "ref"))
    _index("ix_practice_items_set_id", "practice_items", ["set_id"])
    _table("practice_picks",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("round_id", sa.Integer(), nullable=False),
           sa.Column("turn", sa.Integer(), nullable=False),
           sa.Column("picked", sa.String(length=80), nullable=False),
           sa.Column("assistant", sa.String(length=80), nullable=True),
           sa.Column("score", sa.Float(), nullable=False),
           sa.Column("at", sa.DateTime(), nullable=False),
           sa.ForeignKeyConstraint(["round_id"], ["practice_rounds.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("round_id", "turn"))
    _index("ix_practice_picks_round_id", "practice_picks", ["round_id"])
    _table("staff_sessions",
           sa.Column("token_digest", sa.String(length=64), nullable=False),
           sa.Column("staff_id", sa.Integer(), nullable=False),
           sa.Column("csrf", sa.String(length=64), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.Column("expires_at", sa.DateTime(), nullable=False),
           sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("token_digest"))
    _index("ix_staff_sessions_staff_id", "staff_sessions", ["staff_id"])
    _table("tablet_shoppers",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("device", sa.String(length=64), nullable=False),
           sa.Column("sender_id", sa.String(length=120), nullable=False),
           sa.Column("staff_id", sa.Integer(), nullable=True),
           sa.Column("started_at", sa.DateTime(), nullable=False),
           sa.Column("updated_at", sa.DateTime(), nullable=False),
           sa.Column("last_turn", sa.String(length=64), nullable=True),
           sa.Column("view", sa.JSON(), nullable=True),
           sa.ForeignKeyConstraint(["staff_id"], ["staff_accounts.id"], ondelete="SET NULL"),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("sender_id"))
    _index("ix_tablet_shoppers_device", "tablet_shoppers", ["device"])


def downgrade() -> None:
    # Staff accounts, practice and proposals go with their tables: back them up first.
    for name in reversed(TABLES):
        op.drop_table(name)
