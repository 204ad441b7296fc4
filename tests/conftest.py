"""Fixtures shared by the whole suite.

Every test gets a pristine, migrated database: a copy of a migrated SQLite file, or,
with TEST_BACKEND=postgresql, a database created for this run (from TEST_DATABASE_URL)
put back as migrated between tests. Nothing is mocked.
"""
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import create_engine, text

from bench.procs import port_open
from moderation import create_app
from moderation.extensions import db
from tests import routing_cache
from tests.postgresql_reset import Reset

routing_cache.install()

ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("TEST_BACKEND", "sqlite")

BASE_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-not-for-production",
    "ALLOWED_ORIGINS": ["https://news.example.vn"],
    "COMMENT_RATE_LIMIT": "1000 per minute",
    "COMMENT_RATE_LIMIT_PER_ARTICLE": "1000 per minute",
    "REPORT_RATE_LIMIT": "1000 per minute",
    "RATELIMIT_STORAGE_URI": "memory-swept://",
    "COMMENT_MIN_SECONDS": 3,
    # Tests read counts right after a decision; tests/http/test_counts_cache.py turns the cache on.
    "COUNTS_CACHE_SECONDS": 0,
    "THREAD_CACHE_SECONDS": 0,
    "WTF_CSRF_ENABLED": True,
    # scrypt at N=1024 instead of 32768: ~4 ms a hash instead of ~120 ms. The suite makes and logs in
    # moderators by the hundred (511 hashes in the 366 tests of tests/web, 42 % of their CPU);
    # tests/services/test_password_cost.py keeps the full cost for production.
    "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
}


def pytest_runtest_setup(item):
    """Tests marked ``postgresql`` belong to the PostgreSQL pass, ``sqlite_only`` ones to the SQLite pass."""
    if item.get_closest_marker("postgresql") and BACKEND != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (TEST_BACKEND=postgresql)")
    if item.get_closest_marker("sqlite_only") and BACKEND == "postgresql":
        pytest.skip("meaningful on SQLite only")


def require(what, reason):
    """Skip when a server is missing, unless CI said it must be there (REQUIRE_SERVICES=1)."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{what} is required in CI but unavailable: {reason}")
    pytest.skip(f"{what} unavailable: {reason}")


def _redis_reachable(url):
    parts = urlsplit(url)
    return port_open(parts.port or 6379) if parts.hostname in ("127.0.0.1", "localhost") else True


@pytest.fixture(scope="session")
def redis_url():
    """The shared Redis (TEST_REDIS_URL) of the tests that need one; tests keep their counters apart."""
    url = os.environ.get("TEST_REDIS_URL", "")
    if not url:
        require("Redis", "TEST_REDIS_URL is not set")
    if not _redis_reachable(url):
        require("Redis", f"nothing listens at {url}")
    return url


def migrate(url, *args):
    """Apply the Alembic migrations from empty, exactly as production does (``flask db upgrade``);
    ``args`` replace ``upgrade`` (e.g. ``"upgrade", "0001"``) for the tests of one revision."""
    env = {**os.environ, "APP_ENV": "testing", "DATABASE_URL": url, "SECRET_KEY": BASE_CONFIG["SECRET_KEY"]}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", *(args or ("upgrade",))], cwd=ROOT,
                   env=env, check=True, capture_output=True)


def _pg_admin_url():
    from moderation.config import database_url
    return database_url(os.environ.get("TEST_DATABASE_URL", ""))


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """A migrated database for this run: (kind, url, reset). PostgreSQL gets its own database,
    dropped at the end, and ``reset`` puts it back as migrated (tests/postgresql_reset.py)."""
    if BACKEND == "postgresql":
        admin = _pg_admin_url()
        if not admin:
            require("PostgreSQL", "TEST_DATABASE_URL is not set")
        name = f"ykbd_test_{uuid.uuid4().hex[:12]}"
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:  # noqa: BLE001 - any failure means the server is not usable
            require("PostgreSQL", str(error).splitlines()[0])
        url = admin.rsplit("/", 1)[0] + "/" + name
        migrate(url)
        reset = Reset(url)
        yield "postgresql", url, reset
        reset.dispose()
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        migrate(f"sqlite:///{path}")
        yield "sqlite", path, None


@pytest.fixture
def database_url(database_template, tmp_path):
    """A pristine migrated database for one test."""
    kind, template, reset = database_template
    if kind == "sqlite":
        path = tmp_path / "test.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    yield template
    reset()


@pytest.fixture
def make_app(database_url):
    """Build an app on this test's database; keyword arguments override the config."""
    apps = []

    def factory(**overrides):
        config = {**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides}
        if not config["TESTING"] and "PASSWORD_HASH_METHOD" not in overrides:
            del config["PASSWORD_HASH_METHOD"]  # an app built as production hashes as production does
        app = create_app(config)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    from tests.openapi_check import ValidatingClient
    app.test_client_class = ValidatingClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_comment(app):
    """Factory: a stored comment through the real submission service; overrides pick fields."""
    from tests.factories import make_comment as factory

    return factory


def _bearer(username, role):
    from moderation.services.accounts import create_moderator, create_token
    return {"Authorization": f"Bearer {create_token(create_moderator(username, 'mat-khau-dai', role, actor=None), actor=None)}"}


@pytest.fixture
def admin_token(app):
    """Authorization headers of an admin's API token."""
    return _bearer("quantri", "admin")


@pytest.fixture
def moderator_token(app):
    """Authorization headers of a moderator's API token."""
    return _bearer("bientap", "moderator")


class Clock:
    """``time.time`` as the test says: rate-limit windows, form tokens and sessions move only when
    the test advances it, so no test sleeps or depends on how fast the machine is."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    # Half a second past a whole second, so "N seconds later" never straddles a window edge.
    fake = Clock(int(time.time()) + 0.5)
    monkeypatch.setattr(time, "time", fake)
    return fake


@pytest.fixture
def mail_clock(monkeypatch):
    """The outbox's and notifications' clock, moved only by the test (no sleeps)."""
    from moderation.services import outbox
    from tests.mail import MailClock
    fake = MailClock()
    monkeypatch.setattr(outbox, "now", fake)
    return fake


@pytest.fixture
def mail_app(make_app, mail_clock):
    """An app whose mail goes to Flask-Mailman's in-memory backend (``app.extensions['mailman'].outbox``)."""
    app = make_app(MAIL_BACKEND="locmem", PUBLIC_URL="https://binhluan.example.vn")
    with app.app_context():
        yield app


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1, started here and stopped after the test."""
    from tests.mail import SMTPServer
    server = SMTPServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_app(make_app, mail_clock, smtp_server):
    """An app that sends through Flask-Mailman's SMTP backend to ``smtp_server``."""
    app = make_app(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port, MAIL_TIMEOUT=5,
                   PUBLIC_URL="https://binhluan.example.vn", MAIL_DEFAULT_SENDER="Ý kiến bạn đọc <no-reply@example.vn>")
    with app.app_context():
        yield app
