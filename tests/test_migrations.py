"""The migrations: the schema they build is the one the models describe, and an upgrade keeps
what a populated database already holds."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from moderation.extensions import db
from tests.conftest import migrate



def _drift(diff):
    """Differences that matter: types are compared loosely (enums are strings of a length on disk)."""
    return [d for d in diff if not (isinstance(d, list) and d and d[0][0] == "modify_type")]


def test_the_migrated_schema_is_the_models_schema(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert _drift(compare_metadata(context, db.metadata)) == []


def test_upgrading_to_0002_keeps_existing_decisions_as_comment_entries(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate(url, "upgrade", "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, approved_count, created_at) VALUES ('bai-1', 1, '2026-11-01')"))
        conn.execute(text(
            "INSERT INTO comments (id, article_id, author, body_text, body_html, status, flags, ip_hash, fingerprint,"
            " report_count, created_at, updated_at) VALUES (7, 'bai-1', 'An', 'x', '<p>x</p>', 'approved', '[]',"
            " 'h', 'f', 0, '2026-11-01', '2026-11-01')"))
        conn.execute(text("INSERT INTO audit_log (comment_id, action, from_status, to_status, details, created_at)"
                          " VALUES (7, 'approve', 'pending', 'approved', '{}', '2026-11-01')"))
    migrate(url, "upgrade")
    with engine.connect() as conn:
        row = conn.execute(text("SELECT comment_id, target_kind, target_id, action FROM audit_log")).one()
    engine.dispose()
    assert tuple(row) == (7, "comment", "7", "approve")
