"""decisions and chair's actions

Revision ID: 0004_decisions
Revises: 0003_meetings
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_decisions'
down_revision = '0003_meetings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
