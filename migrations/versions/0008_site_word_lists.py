"""Word lists per site: a site adds its own banned and suspect terms to the installation's

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
On SQLite the batch rebuilds word_rules (ids and rows carried over unchanged).
"""
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


def downgrade():
    op.drop_index('uq_word_rules_installation_tier_term', table_name='word_rules')
    with op.batch_alter_table('word_rules', schema=None) as batch_op:
        batch_op.drop_constraint('uq_word_rules_site_tier_term', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_word_rules_site_id_sites'), type_='foreignkey')
        batch_op.drop_column('site_id')
        batch_op.create_unique_constraint('uq_word_rules_tier_term', ['tier', 'term'])
