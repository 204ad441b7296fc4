"""``make bench``: seed, serve under gunicorn as in production, load, and report ratios to a no-op route.

1. Seeds SQLite databases of 100,000 articles with 10k, 100k and 1M comments (once;
   kept in bench/data/), and PostgreSQL too when BENCH_DATABASE_URL is set.
2. Measures the counts query alone on each size: its cost should not depend on comments.
3. Starts gunicorn with gunicorn.conf.py (APP_ENV=production, a generated SECRET_KEY,
   BENCH_NOOP=1 for the ceiling route) on 127.0.0.1, drives 16 concurrent connections
   at each endpoint in interleaved rounds, and reports requests/s, p50/p99 latency and
   requests per server CPU-second (the gunicorn process tree, from /proc), each as a
   ratio to the no-op route measured in the same run.
"""
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import load  # noqa: E402
from bench.seed import article_id, seed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
ARTICLES = 100_000
SIZES = (10_000, 100_000, 1_000_000)
SECONDS = float(os.environ.get("BENCH_SECONDS", 8))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 2))
CONNECTIONS = 16
ORIGIN = "https://news.example.vn"
TICKS = os.sysconf("SC_CLK_TCK")


def sqlite_url(size):
    return f"sqlite:///{DATA / f'bench-{size // 1000}k.db'}"


def ensure_seeded(url, comments):
    marker = DATA / (url.rsplit("/", 1)[-1] + ".seeded") if url.startswith("sqlite") else None
    if marker is not None and marker.exists():
        return
    if marker is not None:
        Path(url[len("sqlite:///"):]).unlink(missing_ok=True)
    elif _pg_has_rows(url):
        return
    print(f"seeding {comments:,} comments on {ARTICLES:,} articles ({url.split('@')[-1]}) ...", flush=True)
    print(f"  done in {seed(url, ARTICLES, comments):.0f} s", flush=True)
    if marker is not None:
        marker.write_text("ok")


def _pg_has_rows(url):
    import psycopg
    try:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0] >= ARTICLES
    except psycopg.Error:
        return False


def query_cost(url, batches=2000):
    """CPU microseconds per 60-id counts query, in-process, and the plan the database chose."""
    from moderation import create_app
    from moderation.counts import _statement, batch_counts
    from moderation.extensions import db
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "APP_ENV": "production"})
    rng = random.Random(7)
    id_sets = [[article_id(rng.randrange(ARTICLES)) for _ in range(60)] for _ in range(100)]
    with app.app_context():
        for ids in id_sets:
            batch_counts(ids)
        started = time.process_time()
        for n in range(batches):
            batch_counts(id_sets[n % len(id_sets)])
        cost = (time.process_time() - started) / batches * 1e6
        engine = db.engine
        with engine.connect() as conn:
            ids = tuple(dict.fromkeys(id_sets[0]))
            sql = _statement(engine.dialect.paramstyle, len(ids))
            prefix = "EXPLAIN QUERY PLAN " if engine.dialect.name == "sqlite" else "EXPLAIN "
            plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql(prefix + sql, ids))
        engine.dispose()
    return cost, plan


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url, log):
    port = free_port()
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48), "DATABASE_URL": url,
           "BENCH_NOOP": "1", "HOST": "127.0.0.1", "PORT": str(port), "ALLOWED_ORIGINS": ORIGIN}
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "wsgi:app"],
                               cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/noop", timeout=1):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start; see bench/data/gunicorn.log")


def _cpu_ticks(pid, with_children):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks + (int(fields[13]) + int(fields[14]) if with_children else 0)


def tree_cpu_seconds(pid):
    """CPU seconds of gunicorn's master and workers (reaped workers count through the master)."""
    total = _cpu_ticks(pid, with_children=True)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    total += _cpu_ticks(int(entry.name), with_children=True)
            except (OSError, ValueError):
                pass
    return total / TICKS


def request_sets(port):
    rng = random.Random(42)
    headers = {"Origin": ORIGIN}
    batches = [",".join(article_id(rng.randrange(ARTICLES)) for _ in range(60)) for _ in range(200)]
    revalidate = []
    for ids in batches:
        with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/counts?ids={ids}",
                                                           headers=headers)) as response:
            revalidate.append((f"/api/v1/counts?ids={ids}", {**headers, "If-None-Match": response.headers["ETag"]}, 304))
    return {
        "no-op /bench/noop": [("/bench/noop", headers, 200)],
        "/articles/<id>/count": [(f"/api/v1/articles/{article_id(rng.randrange(ARTICLES))}/count", headers, 200)
                                 for _ in range(1000)],
        "/counts (60 ids)": [(f"/api/v1/counts?ids={ids}", headers, 200) for ids in batches],
        "304 revalidation": revalidate,
    }


def measure(process, port):
    sets = request_sets(port)
    results = {name: [] for name in sets}
    for name, requests in sets.items():  # warm every worker's pool and caches
        load.run(port, requests, seconds=1, connections=CONNECTIONS)
    for _ in range(ROUNDS):
        for name, requests in sets.items():
            cpu = tree_cpu_seconds(process.pid)
            latencies, errors, _ = load.run(port, requests, seconds=SECONDS, connections=CONNECTIONS)
            cpu = tree_cpu_seconds(process.pid) - cpu
            results[name].append((latencies, errors, cpu))
    rows = []
    for name, runs in results.items():
        latencies = sorted(x for lat, _, _ in runs for x in lat)
        count, errors, cpu = len(latencies), sum(e for _, e, _ in runs), sum(c for _, _, c in runs)
        rows.append((name, count / (SECONDS * len(runs)), count / cpu if cpu else float("nan"),
                     load.percentile(latencies, 0.5) * 1e3, load.percentile(latencies, 0.99) * 1e3, errors))
    return rows


def report(title, rows):
    noop_rps, noop_cpu = rows[0][1], rows[0][2]
    print(f"\n{title}  ({CONNECTIONS} connections, {ROUNDS} x {SECONDS:.0f} s per endpoint)")
    print(f"{'endpoint':24} {'req/s':>8} {'ratio':>6} {'req/CPU-s':>10} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, rps, per_cpu, p50, p99, errors in rows:
        print(f"{name:24} {rps:8.0f} {rps / noop_rps:6.2f} {per_cpu:10.0f} {per_cpu / noop_cpu:6.2f} "
              f"{p50:7.2f} {p99:7.2f} {errors:6d}")


def serve_and_measure(title, url):
    DATA.mkdir(exist_ok=True)
    with open(DATA / "gunicorn.log", "ab") as log:
        process, port = start_gunicorn(url, log)
        try:
            report(title, measure(process, port))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def main():
    DATA.mkdir(exist_ok=True)
    started = time.monotonic()
    for size in SIZES:
        ensure_seeded(sqlite_url(size), size)
    pg_url = os.environ.get("BENCH_DATABASE_URL")
    if pg_url:
        from moderation.config import database_url
        pg_url = database_url(pg_url)
        ensure_seeded(pg_url, SIZES[-1])
    print(f"\nCounts query, 60 ids, in-process (CPU µs per query), {ARTICLES:,} articles:")
    for size in SIZES:
        cost, plan = query_cost(sqlite_url(size))
        print(f"  SQLite     {size:>9,} comments: {cost:7.1f} µs   plan: {plan}")
    if pg_url:
        cost, plan = query_cost(pg_url)
        print(f"  PostgreSQL {SIZES[-1]:>9,} comments: {cost:7.1f} µs   plan: {plan}")
    serve_and_measure(f"gunicorn (gunicorn.conf.py), SQLite, {SIZES[-1]:,} comments", sqlite_url(SIZES[-1]))
    if pg_url:
        serve_and_measure(f"gunicorn (gunicorn.conf.py), PostgreSQL, {SIZES[-1]:,} comments", pg_url)
    print(f"\nbench finished in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
