"""The tablet shopper's turn lease (``turn_holder``, ``turn_lease_until``): one turn at a time
per shopper, shared through the database, so that several staff servers may run on one.

Both columns are nullable (no lease held): an existing database gains them without a row
touched. Adoptive as 0002 is: a database whose ``tablet_shoppers`` ``create_all`` made
from the newer model has them already, and keeps them.

Revision ID: 0003_tablet_turn_lease
Revises: 0002_staff_and_practice
Create Date: 2026-11-30
"""

from __future__ import annotations

from typing import List, Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0003_tablet_turn_lease"
down_revision: Union[str, Sequence[str], None] = "0002_staff_and_practice"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLE = "tablet_shoppers"


def _columns() -> List[sa.Column]:
    # New objects each time: a Column belongs to the one table it is added to.
    return [sa.Column("turn_holder", sa.String(length=32), nullable=True),
            sa.Column("turn_lease_until", sa.DateTime(), nullable=True)]


def _missing() -> List[sa.Column]:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(TABLE)}
    return [c for c in _columns() if c.name not in present]


def upgrade() -> None:
    missing = _missing()
    if missing:
        with op.batch_alter_table(TABLE) as batch:
            for column in missing:
                batch.add_column(column)


def downgrade() -> None:
    # Only leases go: a turn in flight during the downgrade loses its guard, nothing else.
    with op.batch_alter_table(TABLE) as batch:
        for column in _columns():
            batch.drop_column(column.name)
