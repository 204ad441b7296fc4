"""``make bench``: seed, serve under gunicorn, load, and report ratios to a no-op route.

1. Seeds SQLite databases of 100,000 articles with 10k, 100k and 1M comments (once;
   kept in bench/data/), and PostgreSQL too when BENCH_DATABASE_URL is set.
2. Measures the counts query alone on each size: its cost should not depend on comments.
3. Starts gunicorn with gunicorn.conf.py (APP_ENV=production, a generated SECRET_KEY,
   bench/wsgi.py adds the ceiling route) on 127.0.0.1, twice: production's settings, then
   gthread workers with keep-alive (SERVERS; BENCH_SERVERS=production runs the first only).
   wrk (installed from Debian when missing and root; else bench/load.py) drives 16
   connections at each endpoint in interleaved rounds, and the report gives requests/s,
   p50/p99 latency and requests per server CPU-second (the gunicorn process tree, from
   /proc), each as a ratio to the no-op route measured in the same run, per round too.
"""
import os
import random
import secrets
import signal
import statistics
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import load, wrk  # noqa: E402
from bench.seed import SECOND_ORIGIN, SECOND_SITE_SLUG, article_id, seed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
ARTICLES = 100_000
# BENCH_SIZES=10000,100000 for a quicker run (seeding 1M comments takes a while); the last size is served.
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(","))
SECONDS = float(os.environ.get("BENCH_SECONDS", 2))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 8))
CONNECTIONS = 16
ORIGIN = "https://news.example.vn"
TICKS = os.sysconf("SC_CLK_TCK")
WRK = None  # the wrk binary, found or installed by main(); None: bench/load.py drives the load


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
    from moderation.services.counts import _statement, batch_counts
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
            plan = " | ".join(str(row[-1]) for row in conn.exec_driver_sql(prefix + sql, (1, *ids)))
        engine.dispose()
    return cost, plan


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(url, log, settings=None, config="gunicorn.conf.py"):
    """gunicorn with ``config`` (production's own, or bench/gunicorn_profile.py) on a free port, once it answers."""
    port = free_port()
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(48), "DATABASE_URL": url,
           "HOST": "127.0.0.1", "PORT": str(port), "ALLOWED_ORIGINS": ORIGIN, **(settings or {})}
    process = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "-c", config, "bench.wsgi:create_bench_app()"],
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
    site_headers = {"Origin": SECOND_ORIGIN}
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
        # The same work on a second site's paths, asked from that site's origin.
        "/sites/<s>/…/count": [(f"/api/v1/sites/{SECOND_SITE_SLUG}/articles/{article_id(rng.randrange(ARTICLES))}/count",
                                 site_headers, 200) for _ in range(1000)],
        "/sites/<s>/counts (60)": [(f"/api/v1/sites/{SECOND_SITE_SLUG}/counts?ids={ids}", site_headers, 200)
                                   for ids in batches],
        "304 revalidation": revalidate,
    }


def _drive(port, requests, seconds):
    """One timed run at ``CONNECTIONS`` connections: (requests, errors, p50 s, p99 s), by wrk or bench/load.py.

    ``requests`` may be a function returning the list: called once per run, for requests that
    must not repeat from one run to the next (a like with a fresh reader key).
    """
    if callable(requests):
        requests = requests()
    if WRK:
        result = wrk.run(port, requests, seconds=seconds, connections=CONNECTIONS, wrk=WRK)
        return result["requests"], result["errors"], result["p50"], result["p99"]
    latencies, errors, _ = load.run(port, requests, seconds=seconds, connections=CONNECTIONS)
    return len(latencies), errors, load.percentile(latencies, 0.5), load.percentile(latencies, 0.99)


def measure(process, port):
    """Per endpoint: requests/s, requests per server CPU-second, worst-round p50 and p99, errors, per-round ratios.

    Each round runs every endpoint once, the no-op first and last in turn (the order flips
    between rounds), so each endpoint's ratio is taken against a ceiling measured seconds
    apart: on a shared machine the load from others drifts more slowly than that.
    """
    sets = request_sets(port)
    results = {name: [] for name in sets}
    for name, requests in sets.items():  # warm every worker's pool and caches
        _drive(port, requests, 1)
    for round_ in range(ROUNDS):
        for name in (list(sets) if round_ % 2 == 0 else list(reversed(sets))):
            cpu = tree_cpu_seconds(process.pid)
            count, errors, p50, p99 = _drive(port, sets[name], SECONDS)
            results[name].append((count, errors, p50, p99, tree_cpu_seconds(process.pid) - cpu))
    rows = []
    for name, runs in results.items():
        count, errors, cpu = (sum(run[i] for run in runs) for i in (0, 1, 4))
        rows.append((name, count / (SECONDS * len(runs)), count / cpu if cpu else float("nan"),
                     max(run[2] for run in runs) * 1e3, max(run[3] for run in runs) * 1e3, errors,
                     [run[0] / run[4] if run[4] else float("nan") for run in runs]))
    return rows


def report(title, settings, rows):
    noop_rps, noop_cpu, noop_rounds = rows[0][1], rows[0][2], rows[0][6]
    client = "wrk" if WRK else "bench/load.py (wrk not found)"
    print(f"\n{title}\n  {server_settings(settings)}; {CONNECTIONS} connections from {client}, "
          f"{ROUNDS} x {SECONDS:g} s per endpoint")
    print(f"{'endpoint':22} {'req/s':>6} {'ratio':>5} {'req/CPU-s':>9} {'ratio':>5} {'median':>6} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'errors':>6}  CPU ratio per round")
    for name, rps, per_cpu, p50, p99, errors, rounds in rows:
        per_round = [mine / ceiling for mine, ceiling in zip(rounds, noop_rounds)]
        print(f"{name:22} {rps:6.0f} {rps / noop_rps:5.2f} {per_cpu:9.0f} {per_cpu / noop_cpu:5.2f} "
              f"{statistics.median(per_round):6.2f} {p50:7.2f} {p99:7.2f} {errors:6d}  "
              + " ".join(f"{r:.2f}" for r in per_round))


def server_settings(settings):
    """The gunicorn and cache settings of this run's server, as gunicorn.conf.py and config.py read them."""
    env = {**os.environ, **settings}
    threads = env.get("GUNICORN_THREADS", "1")
    kind = "sync, no keep-alive" if threads == "1" else f"gthread x {threads}, keep-alive"
    return (f"workers {env.get('WEB_CONCURRENCY', '5 (default)')}, {kind}, "
            f"COUNTS_CACHE_SECONDS={env.get('COUNTS_CACHE_SECONDS', '5 (default)')}")


def serve_and_measure(title, url, settings):
    """One gunicorn with gunicorn.conf.py and ``settings`` (environment variables it and config.py read)."""
    DATA.mkdir(exist_ok=True)
    with open(DATA / "gunicorn.log", "wb") as log:  # the last server's log only: access logs are large
        process, port = start_gunicorn(url, log, settings)
        try:
            report(title, settings, measure(process, port))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


# Production's settings (gunicorn.conf.py's defaults, or whatever the environment sets), then
# threads with keep-alive, which the p99 target needs: a sync worker closes every connection.
SERVERS = (("production settings", {}),
           ("gthread keep-alive", {"WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "8"}))


def main():
    global WRK
    WRK = None if os.environ.get("BENCH_CLIENT") == "python" else wrk.ensure_wrk()
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
    servers = SERVERS[:1] if os.environ.get("BENCH_SERVERS") == "production" else SERVERS
    for label, settings in servers:
        serve_and_measure(f"gunicorn, {label}, SQLite, {SIZES[-1]:,} comments", sqlite_url(SIZES[-1]), settings)
        if pg_url:
            serve_and_measure(f"gunicorn, {label}, PostgreSQL, {SIZES[-1]:,} comments", pg_url, settings)
    print(f"\nbench finished in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
