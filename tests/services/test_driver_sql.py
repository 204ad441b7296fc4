"""services/driver_sql: SQL text straight to the driver, still SQLAlchemy's connection, types and errors."""
from datetime import datetime, timezone

import pytest
from sqlalchemy.exc import DBAPIError

from moderation.extensions import db
from moderation.models import CommentLike
from moderation.services import driver_sql
from moderation.services.likes import like


def test_named_parameters_reach_either_driver(app):
    assert driver_sql.run("SELECT :a + :b, :a", {"a": 2, "b": 3}).one() == (5, 2)


def test_a_driver_error_arrives_as_sqlalchemys(app):
    """The API's error handlers map SQLAlchemy's OperationalError to a 503: a raw driver error would be a 500."""
    with pytest.raises(DBAPIError):
        driver_sql.run("SELECT * FROM no_such_table WHERE id = :id", {"id": 1})
    db.session.rollback()


def test_a_time_is_stored_as_the_orm_stores_it(make_comment, monkeypatch):
    at = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.utc)
    monkeypatch.setattr("moderation.services.likes.utcnow", lambda: at)
    comment = make_comment(status="approved")
    like(comment.id, reader_hash="a", ip_hash="ip")
    assert db.session.query(CommentLike).filter_by(comment_id=comment.id).one().created_at == at


def _prepared_count():
    from sqlalchemy import bindparam, func, select
    from moderation.models import Comment
    return driver_sql.Prepared(select(func.count(Comment.id)).where(Comment.article_id == bindparam("article_id")))


def test_a_prepared_statement_is_seen_by_the_connections_events(app):
    """Statement counts (tests, bench/) and echo read the connection's events: a Prepared statement
    skips SQLAlchemy's execution context, not them."""
    from sqlalchemy import event
    seen = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(("before", " ".join(statement.split())[:12], executemany))

    def after(conn, cursor, statement, parameters, context, executemany):
        seen.append(("after", " ".join(statement.split())[:12], executemany))
    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        assert _prepared_count().execute({"article_id": "bai-1"}) == [(0,)]
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
    assert seen == [("before", "SELECT count", False), ("after", "SELECT count", False)]


def test_a_prepared_statements_driver_error_arrives_as_sqlalchemys(app):
    """The 503 of a database down and the retry of a duplicate Idempotency-Key both catch
    SQLAlchemy's exceptions: a Prepared statement's driver error is wrapped as
    ``exec_driver_sql`` wraps it, and the session can go on after a rollback."""
    from sqlalchemy import Column, Integer, MetaData, Table, select
    from sqlalchemy.exc import IntegrityError, ProgrammingError, OperationalError
    missing = Table("no_such_table", MetaData(), Column("id", Integer))
    with pytest.raises((ProgrammingError, OperationalError)) as raised:
        driver_sql.Prepared(select(missing.c.id)).execute({})
    assert "no_such_table" in str(raised.value)
    db.session.rollback()
    from moderation.models import Comment
    from moderation.services.articles import article_for_comment
    article_for_comment("bai-1", None, None, site_id=1)
    db.session.commit()
    inserted = driver_sql.PreparedInsert(Comment.__table__)
    row = {"article_id": "bai-1", "author": "An", "body_text": "x", "body_html": "<p>x</p>", "ip_hash": "ip",
           "fingerprint": "f", "idempotency_key": "k-1"}
    inserted.execute(row)
    with pytest.raises(IntegrityError):
        inserted.execute(row)
    db.session.rollback()
    assert _prepared_count().execute({"article_id": "bai-1"}) == [(0,)]
