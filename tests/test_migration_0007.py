"""Revision 0007 adds the readers' side (likes, picks, newsroom replies) to a populated database,
counting the approved replies that already exist."""
from sqlalchemy import create_engine, text

from tests.conftest import migrate
from tests.test_migration_0005 import _rows, empty_database_url  # noqa: F401  (fixture)


def _populate(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (site_id, id, approved_count, created_at)"
                          " VALUES (1, 'bai-1', 3, '2026-11-30 00:00:00')"))
        for comment_id, parent, status in ((7, None, "approved"), (8, 7, "approved"), (9, 7, "approved"),
                                           (10, 7, "pending"), (11, None, "approved")):
            conn.execute(text(
                "INSERT INTO comments (id, site_id, article_id, parent_id, author, body_text, body_html, status, flags,"
                " ip_hash, fingerprint, report_count, search_text, created_at, updated_at) VALUES (:id, 1, 'bai-1',"
                " :parent, 'An', 'x', '<p>x</p>', :status, '[]', 'h', 'f', 0, 'x', '2026-11-30 00:00:00',"
                " '2026-11-30 00:00:00')"), {"id": comment_id, "parent": parent, "status": status})


def test_existing_comments_get_their_approved_replies_counted_and_no_likes(empty_database_url):  # noqa: F811
    migrate(empty_database_url, "upgrade", "0006")
    engine = create_engine(empty_database_url)
    _populate(engine)
    migrate(empty_database_url, "upgrade", "0007")
    assert _rows(engine, "SELECT id, reply_count, likes, featured_at, staff_badge FROM comments ORDER BY id") == [
        (7, 2, 0, None, None), (8, 0, 0, None, None), (9, 0, 0, None, None), (10, 0, 0, None, None),
        (11, 0, 0, None, None)]
    engine.dispose()
