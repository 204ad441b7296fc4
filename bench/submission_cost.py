"""The app's own CPU per JSON submission, in-process: noise-free, with the SQL it sends and a profile.

Calls the WSGI app (production settings, in-memory limiter, no server, no client) with the
submissions of bench/topology.py: each a new comment from its own address on one of the seeded
articles, a valid form token, two links, a tag and entities to escape. Prints CPU microseconds
per request for the no-op route and for a submission (best of three), the SQL statements one
submission sends, and with ``--profile`` the top of a cProfile (or ``--pyinstrument``) of 2,000.

    .venv/bin/python bench/submission_cost.py                 # seeds bench/data/submit-100k.db once (~15 s)
    .venv/bin/python bench/submission_cost.py --profile       # + cProfile, sorted by cumulative time
    .venv/bin/python bench/submission_cost.py --pyinstrument  # + a sampled call tree
    .venv/bin/python bench/submission_cost.py --postgresql    # a throw-away PostgreSQL database
                                                              # (BENCH_ADMIN_URL) and the Redis
                                                              # limiter (BENCH_REDIS_URL), as in
                                                              # production's second topology
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import app_cost  # noqa: E402
from bench.app_cost import environ  # noqa: E402
from bench.seed import article_id, seed  # noqa: E402
from bench.topology import BODY, ORIGIN  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = 100_000
COMMENTS = 100_000
REQUESTS = 2000


def database_url():
    path = DATA / "submit-100k.db"
    marker = path.with_suffix(".seeded")
    if not marker.exists():
        DATA.mkdir(exist_ok=True)
        path.unlink(missing_ok=True)
        print(f"seeding {path.name}: {ARTICLES:,} articles, {COMMENTS:,} comments ...", flush=True)
        seed(f"sqlite:///{path}", ARTICLES, COMMENTS)
        marker.write_text("ok")
    return f"sqlite:///{path}"


class Submissions:
    """The n-th submission's WSGI environ: a new text, a new address, a seeded article, an
    Idempotency-Key of its own (as comments.js sends)."""

    def __init__(self, token, run):
        self.token, self.run = token, run

    def __call__(self, n):
        body = json.dumps({"author": f"Bạn đọc {n % 97}", "form_token": self.token,
                           "body": BODY.format(tag=f"{self.run}-{n}", n=n)}).encode()
        env = environ(f"/api/v1/articles/{article_id((n * 7919) % ARTICLES)}/comments",
                      **{"X-Forwarded-For": f"10.{n // 62500 % 250}.{n // 250 % 250}.{n % 250 + 1}",
                         "Idempotency-Key": f"bench-{self.run}-{n}-{self.token[-12:]}"})
        env.update(REQUEST_METHOD="POST", CONTENT_TYPE="application/json", CONTENT_LENGTH=str(len(body)),
                   body=body)
        return env


def call(app, env):
    """The status of one request (bench/app_cost.py's call)."""
    return app_cost.call(app, env)[0]


def cost(app, make, count, expect):
    best = float("inf")
    offset = 0
    for _ in range(3):
        envs = [make(offset + n) for n in range(count)]
        offset += count
        started = time.process_time()
        for env in envs:
            status = call(app, env)
            assert status.startswith(expect), status
        best = min(best, (time.process_time() - started) / count * 1e6)
    return best


def statements(app, make):
    """The SQL one submission sends (after a warm-up), in order."""
    from sqlalchemy import event

    from moderation.extensions import db
    with app.app_context():
        engine = db.engine
    sent = []

    def before(conn, cursor, statement, parameters, context, executemany):
        sent.append(" ".join(statement.split())[:150])
    event.listen(engine, "before_cursor_execute", before)
    try:
        assert call(app, make(10**7)).startswith("202")
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return sent


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--postgresql", action="store_true",
                        help="PostgreSQL (seeded afresh, dropped at the end) and the Redis limiter")
    args = parser.parse_args()
    if not args.postgresql:
        return measure(args, database_url(), "SQLite", "memory-swept://")
    from bench.topology import REDIS_URL, create_database, drop_database
    engine, name, url = create_database()
    try:
        print(f"seeding PostgreSQL: {ARTICLES:,} articles, {COMMENTS:,} comments ...", flush=True)
        seed(url, ARTICLES, COMMENTS)
        measure(args, url, "PostgreSQL + Redis", REDIS_URL)
    finally:
        drop_database(engine, name)


def measure(args, url, backend, limiter):
    secret = "bench-submission-cost"
    os.environ.update(APP_ENV="production", SECRET_KEY=secret, ALLOWED_ORIGINS=ORIGIN, PROXY_COUNT="1",
                      RATELIMIT_STORAGE_URI=limiter, RATELIMIT_KEY_PREFIX=f"ykbd-bench-{os.urandom(4).hex()}",
                      COMMENT_RATE_LIMIT="10000000 per hour",
                      COMMENT_RATE_LIMIT_PER_ARTICLE="10000000 per hour")
    from bench.wsgi import with_noop
    from moderation import create_app
    from moderation.core.spam import issue_form_token
    app = with_noop(create_app({"SQLALCHEMY_DATABASE_URI": url}))
    make = Submissions(issue_form_token(secret, now=time.time() - 60), run=os.urandom(3).hex())
    noop_env = environ("/bench/noop")
    for n in range(200):  # warm the pool, the word rules, the caches
        call(app, noop_env)
        call(app, make(10**6 + n))
    noop = cost(app, lambda n: noop_env, args.requests * 5, "200")
    submit = cost(app, make, args.requests, "202")
    print(f"CPU µs per request in-process (best of 3), {backend}, {COMMENTS:,} comments, production settings")
    print(f"  no-op /bench/noop      {noop:8.1f}")
    print(f"  POST submission        {submit:8.1f}   (+{submit - noop:.1f}; the no-op's cost / this = {noop / submit:.2f})")
    sent = statements(app, make)
    print(f"SQL statements per submission: {len(sent)}")
    for statement in sent:
        print(f"  {statement}")
    if args.profile:
        import cProfile
        import pstats
        envs = [make(2 * 10**7 + n) for n in range(args.requests)]
        profile = cProfile.Profile(time.process_time)  # CPU, not the waits of a shared machine
        profile.enable()
        for env in envs:
            call(app, env)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    if args.pyinstrument:
        from pyinstrument import Profiler
        envs = [make(3 * 10**7 + n) for n in range(args.requests)]
        profiler = Profiler(interval=0.0002)
        profiler.start()
        for env in envs:
            call(app, env)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
