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
