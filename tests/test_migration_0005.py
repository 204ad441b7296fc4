"""Revision 0005 moves everything that existed before sites to the "default" site, losing nothing,
on a populated database of either backend."""
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BACKEND, _pg_admin_url, migrate


@pytest.fixture
def empty_database_url(tmp_path):
    if BACKEND != "postgresql":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    name = f"ykbd_mig_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield _pg_admin_url().rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _populate(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO moderators (id, username, password_hash, role, active, session_token, created_at)"
                          " VALUES (5, 'bientap', 'x', 'moderator', true, 's', '2026-11-30 00:00:00')"))
        conn.execute(text("INSERT INTO articles (id, approved_count, created_at) VALUES ('bai-1', 1, '2026-11-30 00:00:00')"))
        for comment_id, status in ((7, "approved"), (8, "pending")):
            conn.execute(text(
                "INSERT INTO comments (id, article_id, author, body_text, body_html, status, flags, ip_hash, fingerprint,"
                " report_count, search_text, created_at, updated_at) VALUES (:id, 'bai-1', 'An', 'x', '<p>x</p>', :status,"
                " '[]', 'h', 'f', 0, 'x', '2026-11-30 00:00:00', '2026-11-30 00:00:00')"), {"id": comment_id, "status": status})
        conn.execute(text("INSERT INTO audit_log (comment_id, target_kind, target_id, action, details, created_at)"
                          " VALUES (7, 'comment', '7', 'approve', '{}', '2026-11-30 00:00:00')"))
        conn.execute(text("INSERT INTO reports (comment_id, reason, ip_hash, created_at)"
                          " VALUES (7, '', 'r', '2026-11-30 00:00:00')"))


@pytest.fixture
def upgraded(empty_database_url):
    url = empty_database_url
    migrate(url, "upgrade", "0004")
    engine = create_engine(url)
    _populate(engine)
    migrate(url, "upgrade")
    yield engine
    engine.dispose()


def _rows(engine, sql):
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def test_the_default_site_exists_with_slug_default(upgraded):
    assert _rows(upgraded, "SELECT id, slug FROM sites") == [(1, "default")]


def test_existing_articles_and_comments_belong_to_the_default_site(upgraded):
    assert _rows(upgraded, "SELECT site_id, id, approved_count FROM articles") == [(1, "bai-1", 1)]
    assert _rows(upgraded, "SELECT id, site_id, article_id, status FROM comments ORDER BY id") == [
        (7, 1, "bai-1", "approved"), (8, 1, "bai-1", "pending")]


def test_audit_rows_and_reports_keep_pointing_at_their_comments(upgraded):
    assert _rows(upgraded, "SELECT comment_id, action FROM audit_log") == [(7, "approve")]
    assert _rows(upgraded, "SELECT comment_id FROM reports") == [(7,)]


def test_every_existing_moderator_is_granted_the_default_site(upgraded):
    assert _rows(upgraded, "SELECT moderator_id, site_id FROM moderator_sites") == [(5, 1)]


def test_a_second_site_gets_a_fresh_id_after_the_upgrade(upgraded):
    with upgraded.begin() as conn:
        conn.execute(text("INSERT INTO sites (slug, name, created_at) VALUES ('b', 'B', '2026-12-01 00:00:00')"))
    assert _rows(upgraded, "SELECT id FROM sites WHERE slug = 'b'") == [(2,)]
