"""Several rate limits tested in one Redis round trip, and charged and announced in one more.

limits' fixed-window strategy sends one command per call, each its own round trip through
redis-py's pool: a submission's two limits cost a GET each to test, an EVALSHA each to charge
and a GET and a TTL for the headers, six round trips and ~1.5 ms of the ~6.7 ms of CPU a
submission took on PostgreSQL + Redis in-process (bench/README.md, "Morning session"). Here the
same commands go out in two: the tests in one MGET, the charges and the announced limit's window
in one pipeline. Nothing is decided differently:

- the keys are limits' own (``storage.prefixed_key(item.key_for(*args))``);
- a charge is limits' own Lua script (``storage.lua_incr_expire``, by its SHA);
- a verdict and a window are computed as ``FixedWindowRateLimiter.test`` and
  ``get_window_stats`` compute them, from the same counter and TTL.

tests/http/test_limit_batches.py compares every answer with the strategy's own on a real Redis.
Only that strategy on limits' plain ``RedisStorage`` is batched; any other (the in-memory
storage, which has no round trips; Sentinel or Cluster, which read elsewhere) is asked one call
at a time by ``ratelimits``.
"""
import time

from limits.storage import RedisStorage
from limits.strategies import FixedWindowRateLimiter
from limits.util import WindowStats
from redis.exceptions import NoScriptError


def batched(strategy):
    """True when ``strategy``'s calls can go out together here."""
    return type(strategy) is FixedWindowRateLimiter and type(strategy.storage) is RedisStorage


def _key(storage, check):
    return storage.prefixed_key(check.item.key_for(*check.args))


def passes(strategy, checks):
    """``all(strategy.test(...) for check in checks)``, in one MGET."""
    if not checks:
        return True
    storage = strategy.storage
    counts = storage.get_connection(True).mget([_key(storage, check) for check in checks])
    return all(int(count or 0) < check.item.amount - check.cost + 1 for count, check in zip(counts, checks))


def charge(strategy, charged, announced=None):
    """``strategy.hit`` for each of ``charged``, then ``strategy.get_window_stats`` of ``announced``
    (a Check, or None for no window), in one pipeline. Returns the window or None.

    A Redis that lost its scripts (restarted, or SCRIPT FLUSH) refuses an EVALSHA and charges
    nothing for it: each limit refused is then charged by the strategy, whose script loads itself
    again, and the window is asked after it."""
    storage = strategy.storage
    pipe = storage.get_connection().pipeline(transaction=False)
    sha = storage.lua_incr_expire.sha
    for check in charged:
        pipe.evalsha(sha, 1, _key(storage, check), check.item.get_expiry(), check.cost)
    if announced is not None:
        key = _key(storage, announced)
        pipe.get(key)
        pipe.ttl(key)
    replies = pipe.execute(raise_on_error=False)
    unloaded = [check for check, reply in zip(charged, replies) if isinstance(reply, NoScriptError)]
    for check in unloaded:
        strategy.hit(check.item, *check.args, cost=check.cost)
    for reply in replies:
        if isinstance(reply, Exception) and not isinstance(reply, NoScriptError):
            raise reply
    if announced is None:
        return None
    if unloaded:
        return strategy.get_window_stats(announced.item, *announced.args)
    count, ttl = replies[-2:]
    return WindowStats(max(ttl, 0) + time.time(), max(0, announced.item.amount - int(count or 0)))
