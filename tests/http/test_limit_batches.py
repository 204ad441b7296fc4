"""On Redis, a request's limits are tested in one round trip and charged and announced in one more,
with the very answers limits' fixed-window strategy gives one call at a time.

Every test runs against a real Redis: TEST_REDIS_URL (the ``redis_url`` fixture, each test under
counters of its own), or a private redis-server for the one that flushes its scripts.
"""
import random
import uuid

import pytest
import redis
from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from bench.procs import PrivateRedis
from moderation.http import limit_batches, ratelimits
from moderation.http.ratelimits import Check
from tests.clients import validating_client
from tests.conftest import require
from tests.http.test_submission_fast_path import submit


@pytest.fixture
def strategy(redis_url):
    storage = storage_from_string(redis_url, key_prefix=f"ykbd-test-{uuid.uuid4().hex[:12]}")
    yield FixedWindowRateLimiter(storage)
    storage.reset()  # deletes this prefix's keys only


@pytest.fixture
def round_trips(monkeypatch):
    """How many times redis-py wrote to a socket: one per round trip, a pipeline's included."""
    sent = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counted(self, *args, **kwargs):
        sent.append(1)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counted)
    return sent


def checks_of(*specs):
    """A Check per (limit, key, cost), under one request's keys."""
    return [Check(parse(limit), ["203.0.113.7", key], cost) for limit, key, cost in specs]


PRODUCT_LIMITS = ("5 per minute", "comment-ip", 1), ("40 per day", "comment-ip", 1), \
    ("3 per minute", "comment-ip-article", 1), ("10 per day", "comment-ip-article", 1)


def test_only_the_fixed_window_on_plain_redis_is_batched(strategy):
    assert limit_batches.batched(strategy)
    assert not limit_batches.batched(FixedWindowRateLimiter(MemoryStorage()))
    assert not limit_batches.batched(MovingWindowRateLimiter(strategy.storage))


def test_a_submissions_four_limits_are_tested_in_one_round_trip_and_charged_and_announced_in_one(
        strategy, round_trips):
    checks = checks_of(*PRODUCT_LIMITS)
    strategy.storage.check()  # the pool's connection made before counting
    round_trips.clear()

    assert ratelimits.passes(strategy, checks)
    assert len(round_trips) == 1
    headers = dict(ratelimits.settle(strategy, checks, checks))
    assert len(round_trips) == 2
    assert (headers["X-RateLimit-Limit"], headers["X-RateLimit-Remaining"]) == ("5", "4")  # the first, as Flask-Limiter announces


def test_verdicts_charges_and_windows_are_the_strategys_own(strategy):
    """Two sets of counters driven alike, one through the batches and one through the strategy,
    call by call: every verdict, counter and window agrees."""
    rng = random.Random(12)
    limits = ["1 per minute", "2 per minute", "3 per hour", "5 per day"]
    for step in range(60):
        specs = [(rng.choice(limits), f"k{rng.randrange(3)}", rng.choice((1, 1, 2))) for _ in range(rng.randrange(1, 4))]
        batched = checks_of(*((limit, "batch-" + key, cost) for limit, key, cost in specs))
        single = checks_of(*((limit, "single-" + key, cost) for limit, key, cost in specs))
        verdict = limit_batches.passes(strategy, batched)
        assert verdict == all(strategy.test(c.item, *c.args, cost=c.cost) for c in single), step
        charged = [index for index in range(len(specs)) if rng.random() < 0.7]
        window = limit_batches.charge(strategy, [batched[i] for i in charged], batched[0])
        for i in charged:
            strategy.hit(single[i].item, *single[i].args, cost=single[i].cost)
        expected = strategy.get_window_stats(single[0].item, *single[0].args)
        assert window.remaining == expected.remaining, step
        assert abs(window.reset_time - expected.reset_time) <= 1, step
        for b, s in zip(batched, single):
            assert strategy.storage.get(b.item.key_for(*b.args)) == strategy.storage.get(s.item.key_for(*s.args))


def test_a_charge_without_headers_is_one_round_trip_and_nothing_to_charge_is_none(strategy, round_trips):
    checks = checks_of(*PRODUCT_LIMITS[:2])
    strategy.storage.check()
    round_trips.clear()

    assert ratelimits.settle(strategy, checks, checks, announce=False) == []
    assert len(round_trips) == 1
    assert limit_batches.charge(strategy, [], None) is None
    assert len(round_trips) == 1
    assert [strategy.get_window_stats(c.item, *c.args).remaining for c in checks] == [4, 39]


def test_a_redis_that_lost_its_scripts_still_charges_each_limit_once():
    """SCRIPT FLUSH (or a restart) makes each EVALSHA of the pipeline fail: those limits are
    charged by the strategy, which loads the script again, and none twice."""
    server = PrivateRedis()
    try:
        server.start()
    except FileNotFoundError:
        require("redis-server", "not installed")
    try:
        strategy = FixedWindowRateLimiter(storage_from_string(server.url))
        checks = checks_of(*PRODUCT_LIMITS)
        ratelimits.settle(strategy, checks, checks)
        redis.Redis.from_url(server.url).script_flush()

        headers = dict(ratelimits.settle(strategy, checks, checks))
        assert headers["X-RateLimit-Remaining"] == "3"
        assert [strategy.get_window_stats(c.item, *c.args).remaining for c in checks] == [3, 38, 1, 8]
        ratelimits.settle(strategy, checks, checks)  # the script is loaded again: batched once more
        assert [strategy.get_window_stats(c.item, *c.args).remaining for c in checks] == [2, 37, 0, 7]
    finally:
        server.cleanup()


@pytest.mark.parametrize("fast_path", [True, False])
def test_a_submission_on_redis_is_limited_and_announced_as_in_memory(make_app, redis_url, clock, fast_path):
    """Through the fast path and through Flask's ``checked_first``: the same allowance and headers.
    The counters are this test's own by its sender's address (Flask-Limiter keeps the first app's
    key prefix for the whole process)."""
    network = f"2001:db8:{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"  # limited by its prefix (IPV6_PREFIX)
    address = network + "::7"
    app = make_app(RATELIMIT_STORAGE_URI=redis_url, SUBMISSION_FAST_PATH=fast_path,
                   COMMENT_RATE_LIMIT="2 per hour", COMMENT_RATE_LIMIT_PER_ARTICLE="5 per hour")
    try:
        with app.app_context():
            client = validating_client(app)
            answers = [submit(client, f"ý kiến {n}", address=address) for n in range(3)]
            assert [r.status_code for r in answers] == [202, 202, 429]
            assert [r.headers["X-RateLimit-Remaining"] for r in answers[:2]] == ["1", "0"]
            assert {r.headers["X-RateLimit-Limit"] for r in answers[:2]} == {"2"}
    finally:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"*{network}*"))
        if keys:
            client.delete(*keys)


def test_redis_replies_are_parsed_by_hiredis():
    """requirements.txt installs hiredis, which redis-py uses by itself: ~25 % less CPU per round trip."""
    assert redis.utils.HIREDIS_AVAILABLE
