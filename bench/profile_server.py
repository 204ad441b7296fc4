"""Where a request's CPU goes under gunicorn, not only in the app: a profile of one worker's life.

Serves the thread benchmark's database (bench/thread.py, seeded once) with production settings
through bench/gunicorn_profile.py and one worker, sends N requests of one kind one after the other,
stops the server and prints the worker's cProfile (CPU time), by cumulative and by own time. The
profiler slows Python calls more than C calls: read the shares, not the absolute figures (those
are bench/thread.py's).

    .venv/bin/python bench/profile_server.py like 2000      # fresh likes (new key, new address)
    .venv/bin/python bench/profile_server.py again 2000     # the same reader's like again
    .venv/bin/python bench/profile_server.py noop 2000      # the no-op, for comparison
"""
import http.client
import os
import pstats
import shutil
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import run, thread  # noqa: E402

PROFILES = run.DATA / "profiles"


def requests_of(kind, port, url, count):
    if kind == "noop":
        return [("/bench/noop", {"Origin": run.ORIGIN}, 200, "GET")] * count
    if kind == "again":
        given = thread.repeated_likes(port, url, 200)
        return (given * (count // len(given) + 1))[:count]
    return thread.like_requests(url, count)()


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "like"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    size = thread.SIZES[0]
    thread.DATA.mkdir(exist_ok=True)
    thread.ensure(size)
    url = thread.url_of(size)
    shutil.rmtree(PROFILES, ignore_errors=True)
    settings = {"PROXY_COUNT": "1", "LIKE_RATE_LIMIT": "100000 per minute", "WEB_CONCURRENCY": "1",
                "PROFILE_DIR": str(PROFILES)}
    with open(run.DATA / "profile-gunicorn.log", "wb") as log:
        process, port = run.start_gunicorn(url, log, settings, config="bench/gunicorn_profile.py")
        try:
            sent = requests_of(kind, port, url, count)
            started = run.tree_cpu_seconds(process.pid)
            for path, headers, expected, method in sent:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request(method, path, headers=headers)
                response = conn.getresponse()
                response.read()
                conn.close()
                if response.status != expected:
                    raise SystemExit(f"{method} {path}: {response.status}, expected {expected}")
            spent = run.tree_cpu_seconds(process.pid) - started
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    print(f"{kind}: {count} requests, server CPU {spent / count * 1e3:.2f} ms per request (profiler on)")
    stats = pstats.Stats(*(str(path) for path in PROFILES.glob("worker-*.prof")))
    stats.strip_dirs()
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(35)


if __name__ == "__main__":
    main()
