"""Fixtures for tests that run the service as production does: several gunicorn instances
on this run's PostgreSQL database, sharing a Redis, with faults injected on private servers.

They run in the PostgreSQL pass only (every module is marked ``postgresql``); a missing
Redis skips locally and fails in CI, through ``require``.
"""
import os
import uuid
from urllib.parse import urlsplit

import pytest
import redis

from tests.conftest import BASE_CONFIG, require
from bench.procs import Gunicorn, PrivateRedis, TcpProxy

TEST_SECRET = BASE_CONFIG["SECRET_KEY"]


@pytest.fixture
def key_prefix(redis_url):
    """A rate-limit key prefix of this test alone, so runs and tests never share counters;
    its keys are deleted from the shared Redis afterwards."""
    prefix = f"ykbd-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def service_env(database_url, redis_url, key_prefix):
    """The environment of a production instance for this test; tests override single entries."""
    return {
        "DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": key_prefix,
        "SECRET_KEY": TEST_SECRET,
        "PROXY_COUNT": "1",
        "COMMENT_RATE_LIMIT": "100000 per hour",
        "COMMENT_RATE_LIMIT_PER_ARTICLE": "100000 per hour",
        "ALLOWED_ORIGINS": "https://news.example.vn",
        "DB_POOL_SIZE": "4",
        "DB_POOL_TIMEOUT": "5",
    }


@pytest.fixture
def start_instances(service_env, tmp_path):
    """``start_instances(n, workers=1, **env)`` -> n running instances; all are stopped at the end."""
    started = []

    def start(n=1, workers=1, **env):
        instances = []
        for _ in range(n):
            instance = Gunicorn({**service_env, **{k: str(v) for k, v in env.items()}}, workers=workers,
                                log_dir=os.environ.get("TOPOLOGY_LOG_DIR") or tmp_path)
            started.append(instance)
            instances.append(instance.start())
        return instances

    yield start
    for instance in started:
        instance.stop()


@pytest.fixture
def private_redis():
    """A Redis of this test alone, which the test may stop, freeze and start again."""
    try:
        server = PrivateRedis().start()
    except FileNotFoundError as error:
        require("redis-server", str(error))
    yield server
    server.cleanup()


@pytest.fixture
def pg_proxy(database_url):
    """(proxy, url): this run's database reached through a proxy the test can cut and restore."""
    parts = urlsplit(database_url)
    proxy = TcpProxy(parts.hostname, parts.port or 5432).up()
    netloc = parts.netloc.rsplit("@", 1)
    host = f"127.0.0.1:{proxy.port}"
    url = parts._replace(netloc=f"{netloc[0]}@{host}" if len(netloc) == 2 else host).geturl()
    yield proxy, url
    proxy.down()


@pytest.fixture
def moderator_tokens(app):
    """``moderator_tokens(n)`` -> n bearer tokens of distinct moderators in this test's database."""
    from moderation.services.accounts import create_moderator, create_token

    def make(n=1):
        return [create_token(create_moderator(f"bientap{uuid.uuid4().hex[:8]}", "mat-khau-rat-dai-123", actor=None), actor=None)
                for _ in range(n)]

    return make
