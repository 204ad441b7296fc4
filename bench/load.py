"""GET load on one port: bench/traffic.py's load generator (processes x threads, one http.client
connection per thread, standard library only) cycling through a fixed list of requests.

Targets 127.0.0.1 only; every run is bounded in time and in number of requests.
"""
from bench import traffic
from bench.traffic import percentile  # noqa: F401 - part of this module's interface for bench/run.py


class _Cycle:
    """A picklable request maker: each client starts at its own place in the list."""

    def __init__(self, requests):
        self.requests = requests

    def __call__(self, n, client):
        path, headers, expect = self.requests[(client * 7919 + n) % len(self.requests)]
        return "GET", path, None, headers, expect


def run(port, requests, *, seconds, connections=16, processes=4, max_requests=200_000):
    """Drive ``connections`` concurrent connections for ``seconds``; returns (latencies, errors, elapsed).

    ``requests`` is a list of (path, headers, expected_status) cycled through.
    """
    return traffic.run([port], _Cycle(requests), seconds=seconds, connections=connections,
                       processes=processes, max_requests=max_requests)
