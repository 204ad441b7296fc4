"""E-mail: readers' opt-in subscriptions, watched comments, the outbox, moderators' mail settings

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 13:00:00

Reviewed by hand.
- reader_subscriptions: one row per (site, normalized e-mail), with when it was asked for,
  confirmed and withdrawn. Nothing else is mailed until confirmed_at is set.
- comment_watches: a comment whose author asked to hear about it, and the subscription to tell.
- outbox: every mail to send, written in the transaction of its event; ix_outbox_due serves the
  worker's claim (state, due_at), ix_outbox_subscription the per-recipient pacing, ix_outbox_sent
  the admin page's "sent today".
- moderators.email / mail_preference (none, alerts, digest) and the alert and digest state.
Adds tables and nullable or defaulted columns only: no data moves.
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'reader_subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('confirm_sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('unsubscribed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_reader_subscriptions_site_id_sites')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reader_subscriptions')),
        sa.UniqueConstraint('site_id', 'email', name='uq_reader_subscriptions_site_email'),
    )
    op.create_table(
        'comment_watches',
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('subscription_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_comment_watches_comment_id_comments')),
        sa.ForeignKeyConstraint(['subscription_id'], ['reader_subscriptions.id'],
                                name=op.f('fk_comment_watches_subscription_id_reader_subscriptions')),
        sa.PrimaryKeyConstraint('comment_id', name=op.f('pk_comment_watches')),
    )
    op.create_index(op.f('ix_comment_watches_subscription_id'), 'comment_watches', ['subscription_id'])
    op.create_table(
        'outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('recipient', sa.String(length=254), nullable=False),
        sa.Column('site_id', sa.Integer(), nullable=True),
        sa.Column('subscription_id', sa.Integer(), nullable=True),
        sa.Column('comment_id', sa.Integer(), nullable=True),
        sa.Column('event', sa.String(length=16), nullable=True),
        sa.Column('subject', sa.String(length=300), nullable=True),
        sa.Column('body_text', sa.Text(), nullable=True),
        sa.Column('body_html', sa.Text(), nullable=True),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('due_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('claim', sa.String(length=32), nullable=True),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        sa.Column('message_id', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_outbox_site_id_sites')),
        sa.ForeignKeyConstraint(['subscription_id'], ['reader_subscriptions.id'],
                                name=op.f('fk_outbox_subscription_id_reader_subscriptions')),
        sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_outbox_comment_id_comments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    )
    op.create_index('ix_outbox_due', 'outbox', ['state', 'due_at', 'id'])
    op.create_index('ix_outbox_subscription', 'outbox', ['subscription_id', 'state'])
    op.create_index('ix_outbox_sent', 'outbox', ['sent_at'])
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('mail_preference', sa.String(length=16), server_default='none', nullable=False))
        batch_op.add_column(sa.Column('alerted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('alerted_comment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('digest_date', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        for name in ('digest_date', 'alerted_comment_id', 'alerted_at', 'mail_preference', 'email'):
            batch_op.drop_column(name)
    op.drop_index('ix_outbox_sent', table_name='outbox')
    op.drop_index('ix_outbox_subscription', table_name='outbox')
    op.drop_index('ix_outbox_due', table_name='outbox')
    op.drop_table('outbox')
    op.drop_index(op.f('ix_comment_watches_subscription_id'), table_name='comment_watches')
    op.drop_table('comment_watches')
    op.drop_table('reader_subscriptions')
