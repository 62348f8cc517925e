"""corrections to sealed records

Revision ID: 0007_corrections
Revises: 0006_scoring
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_corrections'
down_revision = '0006_scoring'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('record_type', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by', sa.String(length=200), nullable=False),
    sa.Column('made_by', sa.String(length=200), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('noted_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_correction_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['noted_at_meeting_id'], ['meeting.id'], name=op.f('fk_correction_noted_at_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction'))
    )
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_noted_at_meeting_id'), ['noted_at_meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_record_type'), ['record_type'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_record_type'))
        batch_op.drop_index(batch_op.f('ix_correction_record_id'))
        batch_op.drop_index(batch_op.f('ix_correction_noted_at_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_correction_meeting_id'))

    op.drop_table('correction')
