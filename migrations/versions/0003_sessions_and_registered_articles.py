"""moderator sessions kept on the server; articles registered by the CMS

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 10:00:00

One row per login, so that logout ends that session even if its cookie was copied, and a
session unused for SESSION_IDLE_MINUTES stops working. Only a SHA-256 of the session key
is stored (the key itself lives in the signed cookie). A new table only: the previous
release keeps working during the roll (its cookies carry no session key and are refused
by the new one, so moderators log in once more).

articles.registered_at: when the CMS first configured the article (PUT
/api/v1/articles/<id>). Nullable, so existing rows and the previous release are unaffected;
the site setting "registered_only" (off by default) then refuses comments on the others.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed by hand.
    op.create_table('moderator_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['moderator_id'], ['moderators.id'], name=op.f('fk_moderator_sessions_moderator_id_moderators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderator_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_moderator_sessions_key_hash'))
    )
    with op.batch_alter_table('moderator_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderator_sessions_moderator_id'), ['moderator_id'], unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_column('registered_at')

    with op.batch_alter_table('moderator_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderator_sessions_moderator_id'))

    op.drop_table('moderator_sessions')
