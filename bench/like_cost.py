"""A like's own CPU in-process, through the fast path and through Flask: noise-free.

Calls the WSGI app (production settings, the in-memory limiter, no server, no client) on a copy
of bench/thread.py's 10k database and prints CPU µs per request, best of three, for the no-op,
a fresh like (a new reader key and address each time) and the same like again, with
LIKE_FAST_PATH on (the default) and off. bench/thread.py's ratios add gunicorn's share to both.

    .venv/bin/python bench/like_cost.py          # after bench/thread.py has seeded bench/data/
"""
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import thread  # noqa: E402
from bench.app_cost import call, environ  # noqa: E402

REQUESTS = 2000


def cost(app, envs):
    started = time.process_time()
    for env in envs:
        status, _ = call(app, env)
        assert status.startswith("200"), status
    return (time.process_time() - started) / len(envs) * 1e6


def measure(url, fast_path):
    from bench.wsgi import with_noop
    from moderation import create_app
    app = with_noop(create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(24),
                                "APP_ENV": "production", "ALLOWED_ORIGINS": [thread.run.ORIGIN], "PROXY_COUNT": 1,
                                "LIKE_RATE_LIMIT": "1000000 per minute", "LIKE_FAST_PATH": fast_path,
                                "RATELIMIT_STORAGE_URI": "memory-swept://"}))
    ids = thread.approved_ids(url, 500)
    token = secrets.token_hex(3)

    def like(n, key):
        env = environ(f"/api/v1/comments/{ids[n % len(ids)]}/likes",
                      **{"X-Reader-Key": key, "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"})
        env["REQUEST_METHOD"] = "POST"
        return env

    given = [like(n, f"again-{token}-{n:07d}") for n in range(200)]
    cost(app, given)  # warm: the pool, the comments' sites, the statements; and the likes to repeat
    best = {"no-op": [], "like": [], "like again": []}
    for round_ in range(3):
        best["no-op"].append(cost(app, [environ("/bench/noop")] * REQUESTS))
        best["like"].append(cost(app, [like(n, f"fresh-{token}-{round_}-{n:07d}") for n in range(REQUESTS)]))
        best["like again"].append(cost(app, (given * (REQUESTS // len(given)))))
    return {name: min(values) for name, values in best.items()}


def main():
    source = thread.DATA / "thread-10k.db"
    if not source.exists():
        raise SystemExit("run bench/thread.py first (BENCH_SIZES=10000 BENCH_ONLY=likes is enough)")
    with tempfile.TemporaryDirectory(prefix="ykbd-like-") as folder:
        path = Path(folder) / "likes.db"
        shutil.copy(source, path)
        url = f"sqlite:///{path}"
        print(f"CPU µs per request in-process (best of 3), SQLite, load {os.getloadavg()[0]:.1f}")
        for fast_path in (True, False):
            figures = measure(url, fast_path)
            print(f"  LIKE_FAST_PATH={'1' if fast_path else '0'}: "
                  + "   ".join(f"{name} {value:6.0f}" for name, value in figures.items()))


if __name__ == "__main__":
    main()
