"""memory-swept://, the default limits storage: limits' MemoryStorage, its expiry swept inline, no thread."""
import threading

import pytest
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter

from moderation.http.limit_storage import SweptMemoryStorage


@pytest.fixture
def storage():
    return storage_from_string("memory-swept://")


def test_the_scheme_names_the_swept_storage(storage):
    assert isinstance(storage, SweptMemoryStorage)


def test_writes_start_no_thread(storage):
    limiter = FixedWindowRateLimiter(storage)
    first = storage.timer  # the one MemoryStorage starts in its constructor, cancelled there
    before = set(threading.enumerate())  # other tests' threads may end meanwhile: count only new ones
    for n in range(100):
        limiter.hit(parse("5 per minute"), f"10.0.0.{n}")
    assert set(threading.enumerate()) - before == set() and storage.timer is first and first.finished.is_set()


@pytest.mark.parametrize("strategy", [FixedWindowRateLimiter, MovingWindowRateLimiter])
def test_a_limit_refuses_then_lets_in_again_when_its_window_ends(storage, clock, strategy):
    limiter, limit = strategy(storage), parse("2 per minute")
    assert [limiter.hit(limit, "10.0.0.1") for _ in range(3)] == [True, True, False]
    clock.advance(61)
    assert limiter.hit(limit, "10.0.0.1")


def test_expired_counters_and_entries_are_freed_by_the_next_write_once_a_sweep_is_due(storage, clock):
    FixedWindowRateLimiter(storage).hit(parse("2 per minute"), "fixed")
    MovingWindowRateLimiter(storage).hit(parse("2 per minute"), "moving")
    clock.advance(61)
    FixedWindowRateLimiter(storage).hit(parse("2 per minute"), "later")
    assert len(storage.storage) == 2 and storage.events  # not due yet: kept, though expired
    storage.sweep_seconds = 0
    FixedWindowRateLimiter(storage).hit(parse("2 per minute"), "later")
    assert list(storage.storage) == ["LIMITER/later/2/1/minute"] and not storage.events.get("LIMITER/moving/2/1/minute")
