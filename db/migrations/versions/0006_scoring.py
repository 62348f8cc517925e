"""offline scoring rounds

Revision ID: 0006_scoring
Revises: 0005_packs
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_scoring'
down_revision = '0005_packs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
