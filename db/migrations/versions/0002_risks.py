"""risk register

Revision ID: 0002_risks
Revises: 0001_foundation
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_risks'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
