"""Between tests the PostgreSQL database is put back exactly as the migration left it
(tests/postgresql_reset.py): every row a test wrote is gone, the default site is as migrated,
and every id starts again where a fresh migration starts it."""
import pytest
from sqlalchemy import create_engine

from moderation.extensions import db
from moderation.models import Status
from moderation.services.accounts import create_moderator, create_token
from moderation.services.sites import add_site

pytestmark = pytest.mark.postgresql


def snapshot(url):
    """Every table's rows and every sequence's position, read on a connection of its own."""
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars().all()
        rows = {t: conn.exec_driver_sql(f'SELECT coalesce(jsonb_agg(to_jsonb(r) ORDER BY to_jsonb(r)::text), '
                                        f"'[]') FROM \"{t}\" r").scalar() for t in tables}
        sequences = {s: tuple(conn.exec_driver_sql(f"SELECT last_value, is_called FROM {s}").one())
                     for s in conn.exec_driver_sql("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
                     .scalars().all()}
    engine.dispose()
    return rows, sequences


def test_the_reset_leaves_the_database_as_migrated_whatever_the_test_wrote(database_template, app, make_comment):
    _, url, reset = database_template
    migrated = snapshot(url)
    assert migrated[0]["sites"] and not migrated[0]["comments"]

    make_comment(status=Status.APPROVED)
    make_comment(article_id="bai-khac")
    create_token(create_moderator("dat-lai", "mat-khau-dai", "admin", actor=None), actor=None)
    add_site("trang-b", name="Trang B", origins=["https://b.example.vn"], actor=None, default_origins=[])
    db.session.execute(db.text("UPDATE sites SET name = 'Đổi tên' WHERE id = 1"))
    db.session.commit()
    db.session.close()
    written = snapshot(url)
    assert written != migrated and written[0]["comments"] and written[1]["comments_id_seq"] == (2, True)

    reset()

    assert snapshot(url) == migrated


def test_a_reset_with_nothing_written_changes_nothing(database_template):
    _, url, reset = database_template
    migrated = snapshot(url)
    reset()
    assert snapshot(url) == migrated
