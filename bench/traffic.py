"""The load generator: processes x threads, one http.client connection per thread, standard
library only (several processes, so the client is not one GIL-bound core). Any method, bodies
built per request, and connections spread over the ports of several instances, as a load
balancer would; bench/load.py is its GET-only, one-port form.

A request is made by ``make(n, client) -> (method, path, body bytes or None, headers, expected)``,
so every submission can carry its own text and its own client address. Targets 127.0.0.1 only;
every run is bounded in time and in number of requests.
"""
import http.client
import multiprocessing
import threading
import time


def _worker(ports, make, seconds, max_requests, client, out):
    port = ports[client % len(ports)]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors, n = [], 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(latencies) < max_requests:
        method, path, body, headers, expect = make(n, client)
        n += 1
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
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


def _process(ports, make, seconds, max_requests, threads, index, queue):
    out = []
    workers = [threading.Thread(target=_worker, args=(ports, make, seconds, max_requests // threads,
                                                      index * threads + t, out)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put(([x for latencies, _ in out for x in latencies], sum(e for _, e in out)))


def run(ports, make, *, seconds, connections=16, processes=4, max_requests=500_000):
    """Drive ``connections`` concurrent connections over ``ports`` for ``seconds``.

    Returns (sorted latencies in seconds, errors, elapsed seconds). ``make`` must be a module-level
    function or a picklable object: the load processes are forked with it.
    """
    queue = multiprocessing.Queue()
    per_process = max(1, connections // processes)
    started = time.monotonic()
    procs = [multiprocessing.Process(target=_process, args=(ports, make, seconds, max_requests // processes,
                                                             per_process, i, queue)) for i in range(processes)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.monotonic() - started
    return sorted(x for lat, _ in results for x in lat), sum(e for _, e in results), elapsed


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]
