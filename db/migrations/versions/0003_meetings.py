"""meetings, papers, attendance, interests, minutes, action log

Revision ID: 0003_meetings
Revises: 0002_risks
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_meetings'
down_revision = '0002_risks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
