"""issued board packs

Revision ID: 0005_packs
Revises: 0004_decisions
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_packs'
down_revision = '0004_decisions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
