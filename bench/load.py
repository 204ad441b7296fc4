"""A small HTTP load generator: processes × threads, each thread one http.client connection.

Needs only the standard library. Several processes, so the client is not one GIL-bound
core; every request's latency is recorded and merged. Targets 127.0.0.1 only, and
every run is bounded in time and in number of requests.
"""
import http.client
import multiprocessing
import threading
import time


def _worker(port, requests, seconds, max_requests, offset, out):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies, errors, n = [], 0, offset
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(latencies) < max_requests:
        path, headers, expect = requests[n % len(requests)]
        n += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != expect:
                errors += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()  # gunicorn's sync workers close after each answer
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            continue
        latencies.append(time.perf_counter() - started)
    out.append((latencies, errors))


def _process(port, requests, seconds, max_requests, threads, index, queue):
    out = []
    workers = [threading.Thread(target=_worker, args=(port, requests, seconds, max_requests // threads,
                                                      (index * threads + t) * 7919, out))
               for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(([x for latencies, _ in out for x in latencies], sum(e for _, e in out)))


def run(port, requests, *, seconds, connections=16, processes=4, max_requests=200_000):
    """Drive ``connections`` concurrent connections for ``seconds``; returns (latencies, errors, elapsed).

    ``requests`` is a list of (path, headers, expected_status) cycled through.
    """
    queue = multiprocessing.Queue()
    per_process = connections // processes
    started = time.monotonic()
    procs = [multiprocessing.Process(target=_process, args=(port, requests, seconds, max_requests // processes,
                                                             per_process, i, queue)) for i in range(processes)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    latencies = sorted(x for lat, _ in results for x in lat)
    return latencies, sum(e for _, e in results), elapsed


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]
