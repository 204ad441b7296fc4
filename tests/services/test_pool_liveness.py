"""A pooled PostgreSQL connection the server dropped is replaced on checkout, and no request pays a ping for it."""
import time

import psycopg
import pytest
from sqlalchemy import text

from moderation.extensions import db
from tests.clients import validating_client

pytestmark = pytest.mark.postgresql


def backend_pid():
    return db.session.execute(text("SELECT pg_backend_pid()")).scalar_one()


def terminate(url, pid):
    """pg_terminate_backend from a connection of its own, then wait until the backend is gone."""
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + 10
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            assert time.monotonic() < deadline, "the backend did not exit"
            time.sleep(0.05)


def test_a_connection_the_server_closed_is_replaced_before_the_request_uses_it(make_app):
    app = make_app()
    with app.app_context():
        client = validating_client(app)
        assert client.get("/api/v1/articles/bai-1/comments").status_code == 200
        pid = backend_pid()
        db.session.remove()  # back to the pool, as at the end of every request
        terminate(str(db.engine.url.render_as_string(hide_password=False)), pid)

        stored = client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Vẫn gửi được."})
        assert stored.status_code == 202  # not the 503 of a dead connection
        assert backend_pid() != pid


def test_a_request_sends_no_ping(make_app, monkeypatch):
    app = make_app()
    with app.app_context():
        pings = []
        monkeypatch.setattr(db.engine.dialect, "do_ping", lambda connection: pings.append(connection) or True)
        client = validating_client(app)
        for _ in range(3):
            assert client.get("/api/v1/articles/bai-1/comments").status_code == 200
        assert pings == []
