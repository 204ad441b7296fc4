"""Word lists per site, and audit entries that name their site

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:45:00

Reviewed by hand.
- word_rules.site_id: NULL is the installation's list (every existing term, screened on every
  site, as before); a site id is that site's own addition.
- uq_word_rules_tier_term becomes uq_word_rules_site_tier_term (site_id, tier, term). NULLs are
  distinct in a UNIQUE constraint, so the installation's terms keep their uniqueness through the
  partial unique index uq_word_rules_installation_tier_term (tier, term) WHERE site_id IS NULL
  (SQLite and PostgreSQL both have partial indexes).
- audit_log.site_id: the one site an entry that is not about a comment concerns (NULL:
  installation-wide), so a moderator's log shows only their sites' entries. Filled here for the
  entries that can tell: a site's (target_id is its slug) and a ban's (details.site_id). Entries
  of article settings from before cannot tell their site and stay NULL (sites are new: nearly
  all of them are the default site's).
On SQLite the batches rebuild word_rules and audit_log (ids and rows carried over unchanged).
"""
import json

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('word_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('site_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_word_rules_site_id_sites'), 'sites', ['site_id'], ['id'])
        batch_op.drop_constraint('uq_word_rules_tier_term', type_='unique')
        batch_op.create_unique_constraint('uq_word_rules_site_tier_term', ['site_id', 'tier', 'term'])
    op.create_index('uq_word_rules_installation_tier_term', 'word_rules', ['tier', 'term'], unique=True,
                    sqlite_where=sa.text('site_id IS NULL'), postgresql_where=sa.text('site_id IS NULL'))
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('site_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_audit_log_site_id_sites'), 'sites', ['site_id'], ['id'])
    op.execute("UPDATE audit_log SET site_id = (SELECT sites.id FROM sites WHERE sites.slug = audit_log.target_id)"
               " WHERE target_kind = 'site'")
    connection = op.get_bind()
    bans = connection.execute(sa.text("SELECT id, details FROM audit_log WHERE target_kind = 'ban'")).all()
    for entry_id, details in bans:
        details = json.loads(details) if isinstance(details, str) else (details or {})
        if details.get('site_id') is not None:
            connection.execute(sa.text("UPDATE audit_log SET site_id = :site WHERE id = :id"),
                               {"site": int(details['site_id']), "id": entry_id})


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_audit_log_site_id_sites'), type_='foreignkey')
        batch_op.drop_column('site_id')
    op.drop_index('uq_word_rules_installation_tier_term', table_name='word_rules')
    with op.batch_alter_table('word_rules', schema=None) as batch_op:
        batch_op.drop_constraint('uq_word_rules_site_tier_term', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_word_rules_site_id_sites'), type_='foreignkey')
        batch_op.drop_column('site_id')
        batch_op.create_unique_constraint('uq_word_rules_tier_term', ['tier', 'term'])
