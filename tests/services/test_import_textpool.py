"""Rendering an import's texts in worker processes changes nothing in what is stored."""
import pytest
from sqlalchemy import delete, select

from moderation.core.sources import ArticleMap
from moderation.extensions import db
from moderation.models import Article, AuditEntry, Comment, CommentSource
from moderation.services.imports import import_file
from tests.cli.imports_helpers import FIXTURES, counts_are_exact, reply_counts_are_exact, snapshot


def _stored(kind, path, **options):
    import_file(kind, path, site="default", actor=None, hash_ip=str, article_map=ArticleMap(), **options)
    rows = db.session.execute(select(Comment.author, Comment.body_text, Comment.body_html, Comment.search_text,
                                     Comment.fingerprint).order_by(Comment.created_at, Comment.body_text)).all()
    state = snapshot(), rows
    assert counts_are_exact() and reply_counts_are_exact()
    for table in (CommentSource, AuditEntry, Comment, Article):
        db.session.execute(delete(table))
    db.session.commit()
    return state


@pytest.mark.parametrize("kind, name", [("disqus", "disqus.xml"), ("wordpress", "wordpress.xml")])
@pytest.mark.parametrize("batch", [1, 2, 3])
def test_workers_store_exactly_what_the_importing_process_stores(app, kind, name, batch):
    in_process = _stored(kind, FIXTURES / name)
    assert _stored(kind, FIXTURES / name, workers=2, batch=batch) == in_process
