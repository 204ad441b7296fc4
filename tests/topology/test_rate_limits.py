"""Rate limits are global: instances sharing Redis count one client's submissions together."""
import itertools

import pytest

from bench.http_client import post

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

LIMIT = 5
_bodies = itertools.count(1)


def submit(instance, ip):
    return post(f"{instance.url}/api/v1/articles/gioi-han/comments",
                {"author": "Bạn đọc", "body": f"Ý kiến thứ {next(_bodies)} về giới hạn."},
                headers={"X-Forwarded-For": ip})


def first_refusal(instances, ip, attempts=LIMIT + 3):
    """Submit round-robin over ``instances``; return the attempt number of the first 429 and its response."""
    for n, instance in zip(range(1, attempts + 1), itertools.cycle(instances)):
        response = submit(instance, ip)
        if response.status == 429:
            return n, response
        assert response.status == 202, response
    return None, None


def test_alternating_between_two_instances_is_refused_at_the_same_count_as_one(start_instances):
    a, b = start_instances(2, workers=2, COMMENT_RATE_LIMIT=f"{LIMIT} per hour")

    alone, _ = first_refusal([a], "198.51.100.7")
    shared, refusal = first_refusal([a, b], "198.51.100.8")

    assert alone == shared == LIMIT + 1
    assert refusal.headers["content-type"].startswith("application/json")
    assert refusal.json()["error"]["code"] == "rate_limited"
    assert int(refusal.headers["retry-after"]) > 0


def test_once_refused_on_one_instance_the_client_is_refused_on_every_instance(start_instances):
    a, b = start_instances(2, COMMENT_RATE_LIMIT=f"{LIMIT} per hour")
    for _ in range(LIMIT):
        assert submit(a, "198.51.100.9").status == 202

    assert submit(b, "198.51.100.9").status == 429
    assert submit(b, "198.51.100.10").status == 202
