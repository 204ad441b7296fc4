"""Many sites, one service: sites, their origins and settings, moderators granted to sites

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:50:00

Reviewed by hand.
- sites: slug (a-z0-9-, 1-40, unique), name. Row id 1, slug "default", is created here and owns
  every existing article and comment (moderation.models.DEFAULT_SITE_ID); its origins stay
  ALLOWED_ORIGINS in the configuration, so a single-site install needs nothing new.
- site_origins: one row per origin of the other sites; the primary key keeps an origin on one site.
- site_settings: a site's own value of an installation setting (moderation, comments_open, ...).
- moderator_sites: grants; every existing moderator is granted "default", so nobody loses a queue.
- articles: the primary key becomes (site_id, id): article ids are unique per site.
- bans.site_id: NULL bans installation-wide (every existing ban, as before); else one site.
- comments.site_id, with the foreign key (site_id, article_id) to articles, and the thread index
  leading with site_id, so a thread read stays one index range.
The server defaults used to fill site_id on existing rows are dropped once they are filled:
the application always writes the site.
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    sqlite = op.get_bind().dialect.name == 'sqlite'
    if sqlite:
        # SQLite rebuilds a table to change its keys; the rows of audit_log and reports that point
        # at comments must not block dropping the old copy (the ids are carried over unchanged).
        op.execute("PRAGMA foreign_keys=OFF")
    op.create_table('sites',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('slug', sa.String(length=40), nullable=False),
                    sa.Column('name', sa.String(length=200), nullable=False),
                    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
                    sa.UniqueConstraint('slug', name=op.f('uq_sites_slug')))
    sites = sa.table('sites', sa.column('id', sa.Integer), sa.column('slug', sa.String),
                     sa.column('name', sa.String), sa.column('created_at', sa.DateTime(timezone=True)))
    op.execute(sites.insert().values(id=1, slug='default', name='default', created_at=sa.func.current_timestamp()))
    if op.get_bind().dialect.name == 'postgresql':
        # An explicit id does not move the sequence: the next site must not collide with it.
        op.execute("SELECT setval(pg_get_serial_sequence('sites', 'id'), (SELECT max(id) FROM sites))")
    op.create_table('site_origins',
                    sa.Column('origin', sa.String(length=300), nullable=False),
                    sa.Column('site_id', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_site_origins_site_id_sites')),
                    sa.PrimaryKeyConstraint('origin', name=op.f('pk_site_origins')))
    op.create_index(op.f('ix_site_origins_site_id'), 'site_origins', ['site_id'])
    op.create_table('site_settings',
                    sa.Column('site_id', sa.Integer(), nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('value', sa.String(length=500), nullable=False),
                    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_site_settings_site_id_sites')),
                    sa.PrimaryKeyConstraint('site_id', 'key', name=op.f('pk_site_settings')))
    op.create_table('moderator_sites',
                    sa.Column('moderator_id', sa.Integer(), nullable=False),
                    sa.Column('site_id', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['moderator_id'], ['moderators.id'],
                                            name=op.f('fk_moderator_sites_moderator_id_moderators')),
                    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_moderator_sites_site_id_sites')),
                    sa.PrimaryKeyConstraint('moderator_id', 'site_id', name=op.f('pk_moderator_sites')))
    op.execute("INSERT INTO moderator_sites (moderator_id, site_id) SELECT id, 1 FROM moderators")

    with op.batch_alter_table('comments') as batch:
        batch.drop_constraint('fk_comments_article_id_articles', type_='foreignkey')
        batch.drop_index('ix_comments_thread')
        batch.add_column(sa.Column('site_id', sa.Integer(), nullable=False, server_default='1'))
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('site_id', sa.Integer(), nullable=False, server_default='1'))
        batch.drop_constraint('pk_articles', type_='primary')
        batch.create_primary_key('pk_articles', ['site_id', 'id'])
        batch.create_foreign_key(op.f('fk_articles_site_id_sites'), 'sites', ['site_id'], ['id'])
    with op.batch_alter_table('articles') as batch:
        batch.alter_column('site_id', server_default=None)
    with op.batch_alter_table('comments') as batch:
        batch.alter_column('site_id', server_default=None)
        batch.create_foreign_key('fk_comments_site_id_articles', 'articles', ['site_id', 'article_id'],
                                 ['site_id', 'id'])
        batch.create_index('ix_comments_thread', ['site_id', 'article_id', 'status', 'created_at', 'id'])
    with op.batch_alter_table('bans') as batch:
        batch.add_column(sa.Column('site_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f('fk_bans_site_id_sites'), 'sites', ['site_id'], ['id'])
    if sqlite:
        op.execute("PRAGMA foreign_keys=ON")


def downgrade():
    raise NotImplementedError("0005 is not reversible: two sites may hold the same article id.")
