"""The text work of an import (``core.sources.prepare``) in worker processes.

An import's parent process parses the file and writes every row; the workers only turn source
bodies into stored text, which is most of the CPU time. ``submit`` hands a batch over and returns
at once, so the parent reads the next batch while the workers render this one; ``result()``
gives the batch back in its order, exactly what ``prepare`` gives in-process (``workers=0`` runs
it in-process, for tests and one-core machines). The workers are forked from the parent and
touch no database: they receive tuples of strings and return tuples of strings.
"""
from concurrent.futures import ProcessPoolExecutor

from moderation.core.sources.prepare import prepare


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _Pending:
    def __init__(self, futures):
        self.futures = futures

    def result(self):
        return [row for future in self.futures for row in future.result()]


class TextPool:
    def __init__(self, workers):
        self.workers = max(0, workers)
        self.executor = ProcessPoolExecutor(self.workers) if self.workers else None

    def submit(self, items):
        if self.executor is None or not items:
            return _Done(prepare(items))
        # Two pieces per worker: one finishing late holds the batch up less.
        size = max(1, -(-len(items) // (2 * self.workers)))
        return _Pending([self.executor.submit(prepare, items[start:start + size])
                         for start in range(0, len(items), size)])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
