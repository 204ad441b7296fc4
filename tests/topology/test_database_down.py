"""PostgreSQL going away: the API answers a JSON 503 with Retry-After (never an HTML 500),
/readyz says "unavailable", and service resumes by itself when the database is back."""
import itertools

import pytest

from bench.http_client import get, post, request
from bench.procs import wait_until

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

_bodies = itertools.count(1)


def submit(instance, key=None):
    headers = {"X-Forwarded-For": "192.0.2.44"}
    if key:
        headers["Idempotency-Key"] = key
    return post(f"{instance.url}/api/v1/articles/csdl-hong/comments",
                {"author": "Bạn đọc", "body": f"Bình luận {next(_bodies)} khi CSDL hỏng."}, headers=headers)


def assert_json_503(response):
    assert response.status == 503, response
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["error"]["code"] == "unavailable"
    assert int(response.headers["retry-after"]) > 0


@pytest.fixture
def instance(start_instances, pg_proxy):
    proxy, url = pg_proxy
    # Two workers: both hold pooled connections that the outage breaks.
    (instance,) = start_instances(1, workers=2, DATABASE_URL=url, DB_CONNECT_TIMEOUT=2)
    return instance


@pytest.mark.parametrize("method, path", [
    ("POST", "/api/v1/articles/csdl-hong/comments"),
    ("GET", "/api/v1/articles/csdl-hong/comments"),
    ("GET", "/api/v1/articles/csdl-hong/count"),
    ("POST", "/api/v1/moderation/comments/1/approve"),
])
def test_every_api_route_answers_json_503_while_the_database_is_down(instance, pg_proxy, method, path):
    proxy, _ = pg_proxy
    assert submit(instance).status == 202  # the pool now holds live connections
    proxy.down()

    body = {"author": "Bạn đọc", "body": "Còn ai không?"} if method == "POST" else None
    # A token to look up, so the moderation route reaches the database too.
    response = request(method, instance.url + path, body, headers={"Authorization": "Bearer chua-biet"})

    assert_json_503(response)


def test_readiness_is_unavailable_without_the_database(instance, pg_proxy):
    proxy, _ = pg_proxy
    proxy.down()

    response = get(f"{instance.url}/readyz")

    assert response.status == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] is False


def test_service_resumes_without_a_restart(instance, pg_proxy):
    proxy, _ = pg_proxy
    assert submit(instance).status == 202
    proxy.down()
    assert_json_503(submit(instance))

    proxy.up()

    # Every worker's pool held connections the outage killed; each is replaced on checkout (pool_liveness).
    assert [submit(instance).status for _ in range(6)] == [202] * 6
    assert get(f"{instance.url}/readyz").json()["status"] == "ok"


def test_a_retry_after_a_503_is_stored_once(instance, pg_proxy):
    proxy, _ = pg_proxy
    retry = {"author": "Bạn đọc", "body": "Gửi lại sau khi lỗi 503."}
    headers = {"X-Forwarded-For": "192.0.2.45", "Idempotency-Key": "thu-lai-1"}
    url = f"{instance.url}/api/v1/articles/csdl-hong/comments"
    proxy.down()
    assert_json_503(post(url, retry, headers=headers))
    proxy.up()

    first = post(url, retry, headers=headers)
    again = post(url, retry, headers=headers)

    assert (first.status, again.status) == (202, 202)
    assert first.json()["id"] == again.json()["id"]
