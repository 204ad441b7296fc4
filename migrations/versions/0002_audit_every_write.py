"""audit every write: an entry names a target of any kind, not only a comment

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 09:50:00

Existing rows are all comment decisions: they get target_kind 'comment' and their comment
id as target_id, so they keep their meaning. ``comment_id`` becomes optional (a ban or a
settings change names no comment) and ``action`` is widened for the new action names.
No CHECK constraints: enums are validated by the application (see models._enum).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_kind', sa.String(length=32), nullable=False,
                                      server_default='comment'))
        batch_op.add_column(sa.Column('target_id', sa.String(length=128), nullable=True))
        batch_op.alter_column('comment_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('action', existing_type=sa.String(length=16), type_=sa.String(length=32),
                              existing_nullable=False)
    op.execute("UPDATE audit_log SET target_id = CAST(comment_id AS VARCHAR(128)) WHERE comment_id IS NOT NULL")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_target', ['target_kind', 'target_id', 'created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_target')
    op.execute("DELETE FROM audit_log WHERE comment_id IS NULL")
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('action', existing_type=sa.String(length=32), type_=sa.String(length=16),
                              existing_nullable=False)
        batch_op.alter_column('comment_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('target_id')
        batch_op.drop_column('target_kind')
