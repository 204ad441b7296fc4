"""Revision 0004 fills the folded search column of comments that existed before it."""

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import migrate


@pytest.mark.sqlite_only
def test_existing_comments_are_found_toneless_after_the_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate(url, "upgrade", "0001")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO articles (id, approved_count, created_at) VALUES ('bai-1', 0, '2026-11-30 00:00:00')"))
        conn.execute(text(
            "INSERT INTO comments (article_id, author, email, body_text, body_html, status, flags, ip_hash, fingerprint,"
            " report_count, created_at, updated_at) VALUES ('bai-1', 'Đặng Văn Lâm', 'Lam@Example.vn',"
            " 'Xe buýt quá đông', '<p>Xe buýt quá đông</p>', 'pending', '[]', 'ip', 'f', 0,"
            " '2026-11-30 00:00:00', '2026-11-30 00:00:00')"))
    migrate(url, "upgrade")
    with engine.connect() as conn:
        folded = conn.execute(text("SELECT search_text FROM comments")).scalar()
    engine.dispose()
    assert folded == "xe buyt qua dong\ndang van lam\nlam@example.vn"
