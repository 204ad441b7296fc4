"""Redis is a helper, not a dependency: without it submissions go on under the in-memory
fallback, /readyz says "degraded" and names the limiter storage, and everything returns to
shared counters when Redis comes back, with no restart."""
import itertools

import pytest
import redis

from bench.http_client import get, post
from bench.procs import wait_until

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

_bodies = itertools.count(1)


def submit(instance, ip="203.0.113.5"):
    return post(f"{instance.url}/api/v1/articles/redis-hong/comments",
                {"author": "Bạn đọc", "body": f"Bình luận {next(_bodies)} khi Redis hỏng."},
                headers={"X-Forwarded-For": ip})


def readiness(instance):
    response = get(f"{instance.url}/readyz")
    return response.status, response.json()


def limiter_keys(server, prefix):
    return redis.Redis.from_url(server.url).keys(f"*{prefix}*")


@pytest.fixture
def instance(start_instances, private_redis):
    (instance,) = start_instances(1, RATELIMIT_STORAGE_URI=private_redis.url)
    return instance


def test_with_everything_up_readiness_is_ok(instance):
    assert readiness(instance) == (200, {"status": "ok", "checks": {"database": True, "limiter_storage": True}})


def test_submissions_go_on_without_redis_and_readiness_names_the_limiter_storage(instance, private_redis):
    assert submit(instance).status == 202
    private_redis.stop()

    assert [submit(instance).status for _ in range(3)] == [202, 202, 202]
    status, body = readiness(instance)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["degraded"] == ["limiter_storage"]
    assert body["checks"] == {"database": True, "limiter_storage": False}


def test_the_fallback_still_limits(start_instances, private_redis):
    (instance,) = start_instances(1, RATELIMIT_STORAGE_URI=private_redis.url, COMMENT_RATE_LIMIT="3 per hour")
    private_redis.stop()

    statuses = [submit(instance, "203.0.113.77").status for _ in range(4)]

    assert statuses == [202, 202, 202, 429]


def test_recovery_needs_no_restart(instance, private_redis, key_prefix):
    assert submit(instance).status == 202
    private_redis.stop()
    assert submit(instance).status == 202
    assert readiness(instance)[1]["status"] == "degraded"

    private_redis.start()  # an empty Redis on the same port, as after a failover

    wait_until(lambda: readiness(instance)[1]["status"] == "ok", 30, 0.2, "readiness back to ok")
    # Flask-Limiter probes the storage again with a backoff of at most 32 s; submissions drive it.
    wait_until(lambda: submit(instance).status == 202 and limiter_keys(private_redis, key_prefix), 90, 0.5,
               "rate-limit counters written to Redis again")


def test_a_frozen_redis_costs_a_timeout_not_the_worker(start_instances, private_redis):
    """A Redis that accepts connections and never answers (SIGSTOP) must not hold a worker until
    gunicorn's timeout kills it: the storage timeout trips first and the fallback answers."""
    (instance,) = start_instances(1, RATELIMIT_STORAGE_URI=private_redis.url, GUNICORN_TIMEOUT=10)
    assert submit(instance).status == 202
    private_redis.pause()
    try:
        assert submit(instance).status == 202
        status, body = readiness(instance)
        assert (status, body["status"]) == (200, "degraded")
    finally:
        private_redis.resume()
