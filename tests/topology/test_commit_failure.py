"""A comment is acknowledged only after its transaction committed: when the connection dies at
COMMIT, the reader gets a JSON 503 (retry), nothing half-stored, and the retry is stored once."""
import pytest
from sqlalchemy import create_engine, event, func, select, text

from moderation.extensions import db
from moderation.models import Comment

pytestmark = pytest.mark.postgresql

URL = "/api/v1/articles/cam-ket/comments"
COMMENT = {"author": "Bạn đọc", "body": "Bình luận gặp sự cố lúc COMMIT."}
HEADERS = {"Idempotency-Key": "commit-1"}


@pytest.fixture
def connection_killed_at_commit(app, database_url):
    """Terminate this session's server backend just before its next COMMIT, once."""
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    armed = [True]

    def kill(session):
        if not armed[0]:
            return
        armed[0] = False
        pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

    event.listen(db.session, "before_commit", kill)
    yield
    event.remove(db.session, "before_commit", kill)
    admin.dispose()


def stored():
    return db.session.execute(select(func.count()).select_from(Comment)).scalar_one()


def test_a_commit_that_fails_answers_json_503_and_stores_nothing(client, connection_killed_at_commit):
    response = client.post(URL, json=COMMENT, headers=HEADERS)

    assert response.status_code == 503
    assert response.is_json and response.get_json()["error"]["code"] == "unavailable"
    assert int(response.headers["Retry-After"]) > 0
    assert stored() == 0


def test_the_retry_after_a_failed_commit_is_stored_once(client, connection_killed_at_commit):
    assert client.post(URL, json=COMMENT, headers=HEADERS).status_code == 503

    first = client.post(URL, json=COMMENT, headers=HEADERS)
    again = client.post(URL, json=COMMENT, headers=HEADERS)

    assert (first.status_code, again.status_code) == (202, 202)
    assert first.get_json()["id"] == again.get_json()["id"]
    assert stored() == 1
