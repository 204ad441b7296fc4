"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 04:07:26.074180

Every table of the first release. Enums are stored as strings (native_enum=False)
so SQLite and PostgreSQL share one schema; constraint names follow the naming
convention in moderation/extensions.py.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed by hand: the whole schema of the first release.
    op.create_table('articles',
    sa.Column('id', sa.String(length=128), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('comments_open', sa.Boolean(), nullable=True),
    sa.Column('moderation', sa.Enum('pre', 'post', name='moderation', native_enum=False, length=16), nullable=True),
    sa.Column('approved_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles'))
    )
    op.create_table('moderators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('admin', 'moderator', name='role', native_enum=False, length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_token', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_moderators')),
    sa.UniqueConstraint('username', name=op.f('uq_moderators_username'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('word_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.Enum('banned', 'suspect', name='tier', native_enum=False, length=16), nullable=False),
    sa.Column('term', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_word_rules')),
    sa.UniqueConstraint('tier', 'term', name='uq_word_rules_tier_term')
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['moderator_id'], ['moderators.id'], name=op.f('fk_api_tokens_moderator_id_moderators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_moderator_id'), ['moderator_id'], unique=False)

    op.create_table('bans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('email', 'ip', name='bankind', native_enum=False, length=16), nullable=False),
    sa.Column('value', sa.String(length=254), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['moderators.id'], name=op.f('fk_bans_created_by_id_moderators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bans'))
    )
    with op.batch_alter_table('bans', schema=None) as batch_op:
        batch_op.create_index('ix_bans_lookup', ['kind', 'value'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=128), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'approved', 'rejected', name='status', native_enum=False, length=16), nullable=False),
    sa.Column('flags', sa.JSON(), nullable=False),
    sa.Column('ip_hash', sa.String(length=64), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=True),
    sa.Column('report_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('moderated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('moderated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_comments_article_id_articles')),
    sa.ForeignKeyConstraint(['moderated_by_id'], ['moderators.id'], name=op.f('fk_comments_moderated_by_id_moderators')),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments')),
    sa.UniqueConstraint('idempotency_key', name='uq_comments_idempotency_key')
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_email', ['email'], unique=False)
        batch_op.create_index('ix_comments_fingerprint', ['fingerprint', 'created_at'], unique=False)
        batch_op.create_index('ix_comments_ip_hash', ['ip_hash', 'created_at'], unique=False)
        batch_op.create_index('ix_comments_parent', ['parent_id'], unique=False)
        batch_op.create_index('ix_comments_queue', ['status', 'created_at', 'id'], unique=False)
        batch_op.create_index('ix_comments_thread', ['article_id', 'status', 'created_at', 'id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('moderator_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.Enum('approve', 'reject', 'unapprove', 'edit', 'undo', 'submit', name='action', native_enum=False, length=16), nullable=False),
    sa.Column('from_status', sa.Enum('pending', 'approved', 'rejected', name='status', native_enum=False, length=16), nullable=True),
    sa.Column('to_status', sa.Enum('pending', 'approved', 'rejected', name='status', native_enum=False, length=16), nullable=True),
    sa.Column('reason', sa.String(length=500), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_audit_log_comment_id_comments')),
    sa.ForeignKeyConstraint(['moderator_id'], ['moderators.id'], name=op.f('fk_audit_log_moderator_id_moderators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_comment', ['comment_id', 'created_at'], unique=False)
        batch_op.create_index('ix_audit_log_created', ['created_at', 'id'], unique=False)
        batch_op.create_index('ix_audit_log_moderator', ['moderator_id', 'created_at'], unique=False)

    op.create_table('reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('ip_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_reports_comment_id_comments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
    sa.UniqueConstraint('comment_id', 'ip_hash', name='uq_reports_comment_ip')
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reports_comment_id'), ['comment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_comment_id'))

    op.drop_table('reports')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_moderator')
        batch_op.drop_index('ix_audit_log_created')
        batch_op.drop_index('ix_audit_log_comment')

    op.drop_table('audit_log')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_thread')
        batch_op.drop_index('ix_comments_queue')
        batch_op.drop_index('ix_comments_parent')
        batch_op.drop_index('ix_comments_ip_hash')
        batch_op.drop_index('ix_comments_fingerprint')
        batch_op.drop_index('ix_comments_email')

    op.drop_table('comments')
    with op.batch_alter_table('bans', schema=None) as batch_op:
        batch_op.drop_index('ix_bans_lookup')

    op.drop_table('bans')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_moderator_id'))

    op.drop_table('api_tokens')
    op.drop_table('word_rules')
    op.drop_table('settings')
    op.drop_table('moderators')
    op.drop_table('articles')
