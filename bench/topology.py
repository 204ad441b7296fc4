"""``make bench-topology``: capacity of the production topology, each figure as a ratio to the
no-op route measured in the same run, then moderator latency on 1,000,000 comments.

1. PostgreSQL + Redis, two gunicorn instances (gunicorn.conf.py, PROXY_COUNT=1, shared Redis
   limiter): no-op, counts (60 ids) and submissions (JSON, sanitizing and linkifying included,
   rate limits checked in Redis), connections spread over both instances.
2. SQLite, one instance, in-memory limiter: the same three (``--sqlite-only``: this part alone,
   no PostgreSQL needed).
3. On the PostgreSQL database of 1,000,000 comments: approve latency through the API (one
   moderator, sequential), the moderation list API and the moderators' queue page.

A database is created for the run (from BENCH_ADMIN_URL, default the local server), seeded with
bench/seed.py, and dropped at the end. Requests per server CPU-second count gunicorn's process
tree only: they are what one core of the app tier serves.
"""
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import traffic  # noqa: E402
from bench.moderator import latency_report  # noqa: E402
from bench.run import tree_cpu_seconds  # noqa: E402
from bench.seed import article_id, seed  # noqa: E402
from bench.procs import Gunicorn  # noqa: E402

ARTICLES = 100_000
COMMENTS = int(os.environ.get("BENCH_COMMENTS", 1_000_000))
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 2))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 16))
ORIGIN = "https://news.example.vn"
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
BODY = ("Ý kiến {tag}: tôi đồng ý với <b>tác giả</b> & mong có thêm số liệu, x<y and y>z.\n"
        "Xem thêm tuoitre.vn/bai-viet-{n} hoặc https://news.example.vn/bai/{n}.")


class Noop:
    def __call__(self, n, client):
        return "GET", "/bench/noop", None, {}, 200


class Counts:
    def __init__(self):
        rng = random.Random(42)
        self.paths = ["/api/v1/counts?ids=" + ",".join(article_id(rng.randrange(ARTICLES)) for _ in range(60))
                      for _ in range(200)]

    def __call__(self, n, client):
        return "GET", self.paths[(n + client * 31) % len(self.paths)], None, {"Origin": ORIGIN}, 200


class Submissions:
    """Every request a new comment from its own address on one of the seeded articles, with its own
    Idempotency-Key as comments.js sends.

    ``n`` starts at 0 in every run, so each run needs its own maker (``measure`` builds one per
    run): one maker for several runs would send the first run's keys again, and the later runs
    would measure retries (a replayed receipt), not new comments."""

    def __init__(self):
        self.run = uuid.uuid4().hex[:6]

    def __call__(self, n, client):
        import json
        tag = f"{self.run}-{client}-{n}"
        body = json.dumps({"author": f"Bạn đọc {client}", "body": BODY.format(tag=tag, n=n)}).encode()
        # As comments.js sends it: each comment with an Idempotency-Key of its own.
        headers = {"Content-Type": "application/json", "Idempotency-Key": f"bench-{tag}-{self.run}",
                   "X-Forwarded-For": f"10.{client % 250}.{(n // 250) % 250}.{n % 250 + 1}"}
        return "POST", f"/api/v1/articles/{article_id((n * 7919 + client) % ARTICLES)}/comments", body, headers, 202


ENDPOINTS = {"no-op /bench/noop": Noop, "/api/v1/counts (60 ids)": Counts, "POST submission": Submissions}


def measure(instances):
    ports = [instance.port for instance in instances]
    for cls in ENDPOINTS.values():  # warm every worker's pool and caches
        traffic.run(ports, cls(), seconds=1, connections=CONNECTIONS)
    runs = {name: [] for name in ENDPOINTS}
    for _ in range(ROUNDS):
        for name, cls in ENDPOINTS.items():
            cpu = sum(tree_cpu_seconds(i.process.pid) for i in instances)
            # A new maker per run: no submission repeats an earlier run's Idempotency-Key.
            latencies, errors, _ = traffic.run(ports, cls(), seconds=SECONDS, connections=CONNECTIONS)
            cpu = sum(tree_cpu_seconds(i.process.pid) for i in instances) - cpu
            runs[name].append((latencies, errors, cpu))
    rows = []
    for name, results in runs.items():
        latencies = sorted(x for lat, _, _ in results for x in lat)
        cpu = sum(c for _, _, c in results)
        rows.append((name, len(latencies) / (SECONDS * ROUNDS), len(latencies) / cpu if cpu else float("nan"),
                     traffic.percentile(latencies, 0.5) * 1e3, traffic.percentile(latencies, 0.99) * 1e3,
                     sum(e for _, e, _ in results)))
    return rows


def report(title, rows):
    noop_rps, noop_cpu = rows[0][1], rows[0][2]
    print(f"\n{title}\n  ({CONNECTIONS} connections, {ROUNDS} x {SECONDS:.0f} s per endpoint, {os.cpu_count()} cores)")
    print(f"  {'endpoint':26} {'req/s':>7} {'ratio':>6} {'req/CPU-s':>9} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, rps, per_cpu, p50, p99, errors in rows:
        print(f"  {name:26} {rps:7.0f} {rps / noop_rps:6.2f} {per_cpu:9.0f} {per_cpu / noop_cpu:6.2f} "
              f"{p50:7.1f} {p99:7.1f} {errors:6d}", flush=True)


def service_env(url, limiter_uri):
    return {"DATABASE_URL": url, "RATELIMIT_STORAGE_URI": limiter_uri, "SECRET_KEY": uuid.uuid4().hex * 2,
            "RATELIMIT_KEY_PREFIX": f"ykbd-bench-{uuid.uuid4().hex[:8]}", "PROXY_COUNT": "1",
            "ALLOWED_ORIGINS": ORIGIN, "COMMENT_RATE_LIMIT": "10000000 per hour",
            "COMMENT_RATE_LIMIT_PER_ARTICLE": "10000000 per hour"}


def serve(env, count, log_dir):
    """Start ``count`` instances with the default worker count of gunicorn.conf.py."""
    workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) * 2 + 1))
    return [Gunicorn(env, workers=workers, log_dir=log_dir, app="bench.wsgi:create_bench_app()").start() for _ in range(count)]


def create_database():
    from sqlalchemy import create_engine, text

    from moderation.config import database_url
    admin = database_url(ADMIN_URL)
    name = f"ykbd_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return engine, name, admin.rsplit("/", 1)[0] + "/" + name


def drop_database(engine, name):
    from sqlalchemy import text
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def postgresql_part(log_dir):
    engine, name, url = create_database()
    try:
        print(f"seeding PostgreSQL: {ARTICLES:,} articles, {COMMENTS:,} comments ...", flush=True)
        print(f"  done in {seed(url, ARTICLES, COMMENTS):.0f} s", flush=True)
        instances = serve(service_env(url, REDIS_URL), 2, log_dir)
        try:
            report(f"PostgreSQL + Redis, two instances, {COMMENTS:,} comments", measure(instances))
            latency_report(url, instances)
        finally:
            for instance in instances:
                instance.stop()
    finally:
        drop_database(engine, name)


def sqlite_part(log_dir):
    path = Path(log_dir) / "bench-topology.db"
    comments = min(COMMENTS, 100_000)
    print(f"\nseeding SQLite: {ARTICLES:,} articles, {comments:,} comments ...", flush=True)
    seed(f"sqlite:///{path}", ARTICLES, comments)
    # The one-machine default storage (config.py), as an operator runs it.
    instances = serve(service_env(f"sqlite:///{path}", "memory-swept://"), 1, log_dir)
    try:
        report(f"SQLite, one instance, in-memory limiter, {comments:,} comments", measure(instances))
    finally:
        for instance in instances:
            instance.stop()


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ykbd-bench-") as log_dir:
        if "--sqlite-only" not in sys.argv:
            postgresql_part(log_dir)
        sqlite_part(log_dir)
    print(f"\nbench-topology finished in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
