"""The rate limits' in-process storage, ``memory-swept://``: limits' own, without a thread per write.

limits' ``MemoryStorage`` frees expired counters in a ``threading.Timer`` that lives 10 ms and is
started again by the next write. A worker answering a like every few tens of milliseconds
therefore starts one thread per like: ~390 µs of CPU per hit measured that way, against 5 µs
per hit back to back. Nothing the limits decide depends on that thread: a fixed or sliding
window counter is compared with its expiry on every read, a moving window's entries by their
time. The thread only frees memory. Here the same sweep (``MemoryStorage``'s own) runs in the
write that finds it due, at most once every ``sweep_seconds``, so memory stays bounded by the
keys of one window plus that.

The default of ``RATELIMIT_STORAGE_URI`` (config.py). ``memory://`` still names limits' class,
which Flask-Limiter also uses for its fallback while Redis is down.
"""
import threading
import time

from limits.storage import MemoryStorage


class SweptMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = ["memory-swept"]
    sweep_seconds = 10.0

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self.timer.cancel()  # the one MemoryStorage starts at once
        self._sweeping = threading.Lock()
        self._swept_at = time.monotonic()

    def _MemoryStorage__schedule_expiry(self):
        """Replaces ``MemoryStorage.__schedule_expiry``, which each write calls first."""
        now = time.monotonic()
        if now - self._swept_at < self.sweep_seconds or not self._sweeping.acquire(blocking=False):
            return
        try:
            self._swept_at = now
            self._MemoryStorage__expire_events()
        finally:
            self._sweeping.release()
