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
    op.create_table('issued_pack',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.Column('issued_by', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('audit_head', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_issued_pack_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], name=op.f('fk_issued_pack_sha256_blob')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_pack')),
    sa.UniqueConstraint('meeting_id', 'kind', 'number', name=op.f('uq_issued_pack_meeting_id'))
    )
    with op.batch_alter_table('issued_pack', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_pack_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_issued_pack_sha256'), ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('issued_pack', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_pack_sha256'))
        batch_op.drop_index(batch_op.f('ix_issued_pack_meeting_id'))

    op.drop_table('issued_pack')
