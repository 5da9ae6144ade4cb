"""Baseline: the schema as `bot db init` made it before migrations (create_all).

A database made then has every table but no ``alembic_version``: this migration adopts it,
creating only the tables and indexes it lacks, so no row is touched. On an empty database
it creates everything. Later migrations change the schema from here.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0001_baseline"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _table(name: str, *elements: sa.schema.SchemaItem) -> None:
    if not sa.inspect(op.get_bind()).has_table(name):
        op.create_table(name, *elements)


def _index(name: str, table: str, columns: Sequence[str]) -> None:
    if name not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
        op.create_index(name, table, list(columns))


def upgrade() -> None:
    # Tables come before the tables whose foreign keys name them.
    _table("attribute_defs",
           sa.Column("name", sa.String(length=40), nullable=False),
           sa.Column("kind", sa.String(length=10), nullable=False),
           sa.Column("unit", sa.String(length=10), nullable=True),
           sa.PrimaryKeyConstraint("name"))
    _table("audit_log",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("at", sa.DateTime(), nullable=False),
           sa.Column("action", sa.String(length=40), nullable=False),
           sa.Column("sender_id", sa.String(length=120), nullable=True),
           sa.Column("detail", sa.JSON(), nullable=False),
           sa.PrimaryKeyConstraint("id"))
    _index("ix_audit_log_at", "audit_log", ["at"])
    _table("clients",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("name", sa.String(length=80), nullable=True),
           sa.Column("code", sa.String(length=12), nullable=False),
           sa.Column("consent_at", sa.DateTime(), nullable=False),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("code"))
    _table("departments",
           sa.Column("key", sa.String(length=40), nullable=False),
           sa.Column("label", sa.String(length=80), nullable=False),
           sa.PrimaryKeyConstraint("key"))
    _table("handoffs",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("sender_id", sa.String(length=120), nullable=False),
           sa.Column("reason", sa.String(length=200), nullable=False),
           sa.Column("summary", sa.JSON(), nullable=False),
           sa.Column("status", sa.String(length=10), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.PrimaryKeyConstraint("id"))
    _index("ix_handoffs_sender_id", "handoffs", ["sender_id"])
    _table("knowledge",
           sa.Column("key", sa.String(length=40), nullable=False),
           sa.Column("version", sa.String(length=40), nullable=False),
           sa.Column("document", sa.Text(), nullable=False),
           sa.PrimaryKeyConstraint("key"))
    _table("maker_cases",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=False),
           sa.Column("brand", sa.String(length=80), nullable=False),
           sa.Column("feature", sa.String(length=40), nullable=False),
           sa.Column("status", sa.String(length=10), nullable=False),
           sa.Column("opened_at", sa.DateTime(), nullable=False),
           sa.PrimaryKeyConstraint("id"))
    _table("meta",
           sa.Column("key", sa.String(length=40), nullable=False),
           sa.Column("value", sa.String(length=200), nullable=False),
           sa.PrimaryKeyConstraint("key"))
    _table("recognition_failures",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("at", sa.DateTime(), nullable=False),
           sa.Column("sender_id", sa.String(length=120), nullable=False),
           sa.Column("address", sa.String(length=64), nullable=False),
           sa.Column("code_digest", sa.String(length=64), nullable=False),
           sa.PrimaryKeyConstraint("id"))
    _index("ix_recognition_failures_at", "recognition_failures", ["at"])
    _table("recognition_limits",
           sa.Column("key", sa.String(length=200), nullable=False),
           sa.Column("kind", sa.String(length=20), nullable=False),
           sa.Column("attempts", sa.Integer(), nullable=False),
           sa.Column("failures", sa.Integer(), nullable=False),
           sa.Column("last_failure_at", sa.DateTime(), nullable=True),
           sa.Column("not_before", sa.DateTime(), nullable=True),
           sa.Column("locked_at", sa.DateTime(), nullable=True),
           sa.PrimaryKeyConstraint("key"))
    _index("ix_recognition_limits_locked_at", "recognition_limits", ["locked_at"])
    _table("categories",
           sa.Column("key", sa.String(length=40), nullable=False),
           sa.Column("label", sa.String(length=80), nullable=False),
           sa.Column("department", sa.String(length=40), nullable=False),
           sa.Column("purpose_question", sa.Text(), nullable=True),
           sa.ForeignKeyConstraint(["department"], ["departments.key"]),
           sa.PrimaryKeyConstraint("key"))
    _table("client_links",
           sa.Column("sender_id", sa.String(length=120), nullable=False),
           sa.Column("client_id", sa.Integer(), nullable=False),
           sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("sender_id"))
    _table("fault_reports",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=True),
           sa.Column("category", sa.String(length=40), nullable=False),
           sa.Column("feature", sa.String(length=40), nullable=True),
           sa.Column("conditions", sa.JSON(), nullable=False),
           sa.Column("defect", sa.Text(), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.Column("maker_case_id", sa.Integer(), nullable=True),
           sa.ForeignKeyConstraint(["maker_case_id"], ["maker_cases.id"]),
           sa.PrimaryKeyConstraint("id"))
    _table("orders",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("number", sa.String(length=20), nullable=False),
           sa.Column("client_id", sa.Integer(), nullable=True),
           sa.Column("placed_on", sa.Date(), nullable=False),
           sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="SET NULL"),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("number"))
    _table("projects",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("client_id", sa.Integer(), nullable=False),
           sa.Column("job", sa.String(length=40), nullable=False),
           sa.Column("answers", sa.JSON(), nullable=False),
           sa.Column("skus", sa.JSON(), nullable=False),
           sa.Column("on", sa.Date(), nullable=False),
           sa.ForeignKeyConstraint(["client_id"], ["clients.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("id"))
    _table("order_contacts",
           sa.Column("order_id", sa.Integer(), nullable=False),
           sa.Column("email", sa.String(length=200), nullable=False),
           sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("order_id"))
    _index("ix_order_contacts_email", "order_contacts", ["email"])
    _table("order_lines",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("order_id", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=False),
           sa.Column("name", sa.String(length=200), nullable=False),
           sa.Column("quantity", sa.Integer(), nullable=False),
           sa.Column("unit_price_cents", sa.Integer(), nullable=False),
           sa.Column("returned", sa.Integer(), nullable=False),
           sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("id"))
    _table("specs",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("category", sa.String(length=40), nullable=False),
           sa.Column("key", sa.String(length=64), nullable=False),
           sa.ForeignKeyConstraint(["category"], ["categories.key"]),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("key"))
    _index("ix_specs_category", "specs", ["category"])
    _table("products",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=False),
           sa.Column("name", sa.String(length=200), nullable=False),
           sa.Column("brand", sa.String(length=80), nullable=False),
           sa.Column("department", sa.String(length=40), nullable=False),
           sa.Column("category", sa.String(length=40), nullable=False),
           sa.Column("price_cents", sa.Integer(), nullable=False),
           sa.Column("stock", sa.Integer(), nullable=False),
           sa.Column("aisle", sa.String(length=20), nullable=False),
           sa.Column("spec_id", sa.Integer(), nullable=False),
           sa.ForeignKeyConstraint(["category"], ["categories.key"]),
           sa.ForeignKeyConstraint(["department"], ["departments.key"]),
           sa.ForeignKeyConstraint(["spec_id"], ["specs.id"]),
           sa.PrimaryKeyConstraint("id"),
           sa.UniqueConstraint("sku"))
    _index("ix_products_spec_price", "products", ["spec_id", "price_cents", "sku"])
    _table("return_cases",
           sa.Column("id", sa.Integer(), nullable=False),
           sa.Column("order_line_id", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=False),
           sa.Column("defect", sa.Text(), nullable=False),
           sa.Column("feature", sa.String(length=40), nullable=True),
           sa.Column("conditions", sa.JSON(), nullable=False),
           sa.Column("outcome", sa.String(length=20), nullable=False),
           sa.Column("refund_cents", sa.Integer(), nullable=False),
           sa.Column("created_at", sa.DateTime(), nullable=False),
           sa.Column("maker_case_id", sa.Integer(), nullable=True),
           sa.ForeignKeyConstraint(["maker_case_id"], ["maker_cases.id"]),
           sa.ForeignKeyConstraint(["order_line_id"], ["order_lines.id"]),
           sa.PrimaryKeyConstraint("id"))
    _table("spec_attributes",
           sa.Column("spec_id", sa.Integer(), nullable=False),
           sa.Column("name", sa.String(length=40), nullable=False),
           sa.Column("number", sa.Float(), nullable=True),
           sa.Column("text", sa.String(length=80), nullable=True),
           sa.ForeignKeyConstraint(["name"], ["attribute_defs.name"]),
           sa.ForeignKeyConstraint(["spec_id"], ["specs.id"], ondelete="CASCADE"),
           sa.PrimaryKeyConstraint("spec_id", "name"))
    _table("offers",
           sa.Column("product_id", sa.Integer(), nullable=False),
           sa.Column("spec_id", sa.Integer(), nullable=False),
           sa.Column("category", sa.String(length=40), nullable=False),
           sa.Column("price_cents", sa.Integer(), nullable=False),
           sa.Column("sku", sa.String(length=40), nullable=False),
           sa.Column("stock", sa.Integer(), nullable=False),
           sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
           sa.ForeignKeyConstraint(["spec_id"], ["specs.id"]),
           sa.PrimaryKeyConstraint("product_id"))
    _index("ix_offers_category", "offers", ["category"])
    _index("ix_offers_spec", "offers", ["spec_id"])


def downgrade() -> None:
    raise NotImplementedError("the baseline is where the shop's data begins: restore a backup")
