"""The readers' side: likes, replies counted, editor's picks, newsroom replies, display names

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 12:40:00

Reviewed by hand.
- comments.likes: the like count, kept in each like's transaction (never a COUNT at read time);
  comments.imported_likes: the part of it carried over from an import (Isso), with no reader rows.
- comments.reply_count: approved replies under a top-level comment, filled here from the rows.
- comments.featured_at / featured_by_id: an editor's pick; comments.staff_id / staff_badge: a
  newsroom reply and the badge it shows.
- comment_likes: one row per reader key (a keyed hash) per comment, with the address hash for
  the per-address cap.
- moderators.display_name: signs newsroom replies; NULL shows the username.
- ix_comments_thread_top serves "Quan tâm nhất"; ix_comments_featured (partial) the picks block.
On SQLite the batch rebuilds the comments table (ids and rows carried over unchanged).
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        # The rebuilt comments table must not be blocked by the rows that point at it (as in 0005).
        op.execute("PRAGMA foreign_keys=OFF")
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('likes', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('imported_likes', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('reply_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('featured_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('featured_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('staff_badge', sa.String(length=80), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comments_featured_by_id_moderators'), 'moderators',
                                    ['featured_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_comments_staff_id_moderators'), 'moderators',
                                    ['staff_id'], ['id'])
        batch_op.create_index('ix_comments_thread_top',
                              ['site_id', 'article_id', 'status', 'likes', 'created_at', 'id'])
        batch_op.create_index('ix_comments_featured', ['site_id', 'featured_at'],
                              sqlite_where=sa.text('featured_at IS NOT NULL'),
                              postgresql_where=sa.text('featured_at IS NOT NULL'))
    if sqlite:
        op.execute("PRAGMA foreign_keys=ON")
    op.execute("UPDATE comments SET reply_count = (SELECT count(*) FROM comments AS r "
               "WHERE r.parent_id = comments.id AND r.status = 'approved') "
               "WHERE parent_id IS NULL")
    op.create_table(
        'comment_likes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('reader_hash', sa.String(length=64), nullable=False),
        sa.Column('ip_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_likes_comment_id_comments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_likes')),
        sa.UniqueConstraint('comment_id', 'reader_hash', name='uq_comment_likes_reader'),
    )
    op.create_index('ix_comment_likes_ip', 'comment_likes', ['comment_id', 'ip_hash'])
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_name', sa.String(length=80), nullable=True))


def downgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.drop_column('display_name')
    op.drop_index('ix_comment_likes_ip', table_name='comment_likes')
    op.drop_table('comment_likes')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_featured')
        batch_op.drop_index('ix_comments_thread_top')
        batch_op.drop_constraint(batch_op.f('fk_comments_staff_id_moderators'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_comments_featured_by_id_moderators'), type_='foreignkey')
        for name in ('staff_badge', 'staff_id', 'featured_by_id', 'featured_at', 'reply_count',
                     'imported_likes', 'likes'):
            batch_op.drop_column(name)
