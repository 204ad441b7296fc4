"""The app's own CPU per request on the counts path, without a server or a client: noise-free.

Calls the WSGI app in-process (no socket, no gunicorn, no access log) with the same
requests as bench/run.py and prints CPU microseconds per request for the no-op route and
each counts endpoint, best of three, with the worker cache on (production default) and
off (every request reads the database). The difference to the no-op is what the counts
path costs beyond the ceiling; bench/run.py's ratios add the server's own cost to both.

    .venv/bin/python bench/app_cost.py            # after make bench has seeded bench/data/
"""
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import ARTICLES, ORIGIN, SIZES, sqlite_url  # noqa: E402
from bench.seed import article_id  # noqa: E402

REQUESTS = 5000


def environ(path, **headers):
    path, _, query = path.partition("?")
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
           "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr,
           "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0),
           "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000", "HTTP_ORIGIN": ORIGIN}
    env.update({"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()})
    return env


def call(app, env):
    """(status, headers) of one request; ``env["body"]``, when there, is its body."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))
    body = app({**env, "wsgi.input": io.BytesIO(env.get("body", b""))}, start_response)
    b"".join(body)
    if hasattr(body, "close"):  # PEP 3333: close() when the iterable has one
        body.close()
    return answer["status"], answer["headers"]


def request_sets(app):
    rng = random.Random(42)
    batches = [f"/api/v1/counts?ids={','.join(article_id(rng.randrange(ARTICLES)) for _ in range(60))}"
               for _ in range(200)]
    return {
        "no-op /bench/noop": [environ("/bench/noop")],
        "/articles/<id>/count": [environ(f"/api/v1/articles/{article_id(rng.randrange(ARTICLES))}/count")
                                 for _ in range(1000)],
        "/counts (60 ids)": [environ(path) for path in batches],
        "304 revalidation": [environ(path, **{"If-None-Match": call(app, environ(path))[1]["ETag"]}) for path in batches],
    }


def cost(app, envs, requests=REQUESTS):
    """CPU µs per request, best of three rounds of ``requests`` cycling through ``envs``, after a
    warm-up that builds every cache entry once (the cache's steady state). bench/featured_cost.py
    measures with this same loop, so their figures compare."""
    for n in range(2 * len(envs)):
        call(app, envs[n % len(envs)])
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for n in range(requests):
            call(app, envs[n % len(envs)])
        best = min(best, (time.process_time() - started) / requests * 1e6)
    return best


def main():
    os.environ.update(APP_ENV="production", SECRET_KEY="bench-app-cost", ALLOWED_ORIGINS=ORIGIN)
    from bench.wsgi import with_noop
    from moderation import create_app
    print(f"CPU µs per request in-process (best of 3 x {REQUESTS:,}), SQLite, {SIZES[-1]:,} comments")
    print(f"{'endpoint':22} {'cache on':>9} {'extra':>6} {'cache off':>9} {'extra':>6}")
    results = {}
    for seconds in (5, 0):
        app = with_noop(create_app({"SQLALCHEMY_DATABASE_URI": sqlite_url(SIZES[-1]), "COUNTS_CACHE_SECONDS": seconds}))
        results[seconds] = {name: cost(app, envs) for name, envs in request_sets(app).items()}
    noop_on, noop_off = (results[s]["no-op /bench/noop"] for s in (5, 0))
    for name in results[5]:
        on, off = results[5][name], results[0][name]
        print(f"{name:22} {on:9.1f} {on - noop_on:6.1f} {off:9.1f} {off - noop_off:6.1f}")


if __name__ == "__main__":
    main()
