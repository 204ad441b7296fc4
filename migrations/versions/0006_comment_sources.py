"""Imports remember where each comment came from

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 10:50:00

Reviewed by hand.
- comment_sources: one row per imported comment, (site, source, source_id) unique, so a re-run
  of the same Disqus/WordPress/Isso/JSON Lines file finds its comments instead of adding them
  again, and a later export of the same source updates their statuses. ``site`` is a slug that
  defaults to 'default' until sites exist as rows; it is a plain string on purpose so this
  revision does not depend on the sites table.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'comment_sources',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site', sa.String(length=64), server_default='default', nullable=False),
        sa.Column('source', sa.String(length=16), nullable=False),
        sa.Column('source_id', sa.String(length=128), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_sources_comment_id_comments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_sources')),
        sa.UniqueConstraint('comment_id', name=op.f('uq_comment_sources_comment_id')),
        sa.UniqueConstraint('site', 'source', 'source_id', name='uq_comment_sources_key'),
    )


def downgrade():
    op.drop_table('comment_sources')
