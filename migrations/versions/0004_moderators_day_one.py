"""What moderators need on day one: dismissed reports, toneless search, auto-close

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:40:00

Reviewed by hand.
- reports.dismissed_at: "keep the comment" dismisses its open reports; the rows stay as history
  and comments.report_count counts only the open ones (all of them, until now).
- comments.search_text: body, author and email folded (lower case, no diacritics, đ → d) so a
  toneless search is one native LIKE on one column; filled here for existing comments with the
  same fold as moderation.core.text.fold (copied, so this revision never changes meaning).
- articles.close_after_days: the per-article override of the site's auto-close (NULL follows it).
- ix_comments_reported: a partial index (report_count > 0) for the reported tab and its total,
  which otherwise scan every comment now that the tab is read from comments.report_count.
- bans.comment_id: the comment a ban from the queue was made for, so the ban list can show its
  author and text instead of a bare hash (NULL for bans typed in by an admin, and for older rows).
"""
import unicodedata

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

BATCH = 5000


def _fold(text):
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def upgrade():
    with op.batch_alter_table('reports') as batch:
        batch.add_column(sa.Column('dismissed_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('comments') as batch:
        batch.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('close_after_days', sa.Integer(), nullable=True))
    op.create_index('ix_comments_reported', 'comments', ['report_count', 'created_at', 'id'],
                    sqlite_where=sa.text('report_count > 0'), postgresql_where=sa.text('report_count > 0'))
    with op.batch_alter_table('bans') as batch:
        batch.add_column(sa.Column('comment_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_bans_comment_id_comments'), 'comments', ['comment_id'], ['id'])

    connection = op.get_bind()
    comments = sa.table('comments', sa.column('id', sa.Integer), sa.column('body_text', sa.Text),
                        sa.column('author', sa.String), sa.column('email', sa.String),
                        sa.column('search_text', sa.Text))
    last = 0
    while True:
        rows = connection.execute(sa.select(comments.c.id, comments.c.body_text, comments.c.author, comments.c.email)
                                  .where(comments.c.id > last).order_by(comments.c.id).limit(BATCH)).all()
        if not rows:
            break
        connection.execute(comments.update().where(comments.c.id == sa.bindparam('row_id'))
                           .values(search_text=sa.bindparam('folded')),
                           [{"row_id": r.id, "folded": _fold("\n".join((r.body_text, r.author, r.email or "")))}
                            for r in rows])
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('bans') as batch:
        batch.drop_constraint(batch.f('fk_bans_comment_id_comments'), type_='foreignkey')
        batch.drop_column('comment_id')
    op.drop_index('ix_comments_reported', table_name='comments')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('close_after_days')
    with op.batch_alter_table('comments') as batch:
        batch.drop_column('search_text')
    with op.batch_alter_table('reports') as batch:
        batch.drop_column('dismissed_at')
