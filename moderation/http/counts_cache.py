"""Each worker keeps its count answers a few seconds, and says downstream how fresh they still are.

The counts endpoints are the hottest path, and a front page asks for the same 60 ids
for every reader. A worker that built an answer keeps it for ``COUNTS_CACHE_SECONDS``
and serves it again without the database, the id checks, the JSON or the hash.

The contract stays exact: after a moderator approves, the new count is served once
max-age has passed, from any worker and through any cache. An entry is stamped with the
time *before* its query ran, so it holds every change committed before its stamp.
Served again at age ``a``, it says ``max-age = COUNTS_MAX_AGE - ceil(a)``, so no copy of
it, here or in a browser or a CDN, is used after stamp + COUNTS_MAX_AGE; and it is served
only while that leaves at least one second. An answer just built says the full max-age,
as it did before this cache. There is no ``Age`` header: the max-age already counts the
entry's age, and a cache honouring Age would subtract it a second time.
"""
import math
import threading
import time
from typing import NamedTuple

# Distinct batches a worker keeps at once: a front page and each article's "Tin khác" list
# are one key each; about 2 KB for 60 ids, so a few MB at most per worker.
MAX_ENTRIES = 2048


class Answer(NamedTuple):
    body: bytes
    etag: str
    stamped: float


class CountsCache:
    """Answers by key for up to ``seconds``, never longer than ``max_age`` allows; 0 turns it off."""

    def __init__(self, seconds, max_age, max_entries=MAX_ENTRIES, clock=time.monotonic):
        self.max_age = max_age
        # An entry lives while it can still be served with max-age >= 1.
        self.lifetime = min(seconds, max_age - 1)
        self.max_entries = max_entries
        self.clock = clock
        self._entries = {}
        self._lock = threading.Lock()

    def answer(self, key, build):
        """``(Answer, max_age)`` for ``key``: a live entry, else ``build() -> (body, etag)``, kept.

        ``build`` raising (a 400, the database down) keeps nothing.
        """
        if self.lifetime <= 0:
            return Answer(*build(), self.clock()), self.max_age
        entry = self._entries.get(key)
        if entry is not None:
            age = self.clock() - entry.stamped
            if age < self.lifetime:
                return entry, self.max_age - math.ceil(age)
        stamped = self.clock()
        entry = Answer(*build(), stamped)
        with self._lock:
            self._entries.pop(key, None)  # re-inserted last: the dict stays in stamp order
            while len(self._entries) >= self.max_entries:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = entry
        return entry, self.max_age

    def __len__(self):
        return len(self._entries)
