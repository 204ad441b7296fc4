"""The no-loss check at full size, outside pytest: the workload of tests/topology/test_no_loss.py
(readers with distinct IPs, half retrying with the same Idempotency-Key, a quarter of those racing
the original, across two instances, while moderators approve on both at once), on a database
created for the run and dropped after it.

    .venv/bin/python bench/no_loss.py --submissions 20000 --clients 50

Exit status 0 when every acknowledged comment is stored exactly once, nothing unacknowledged is
stored, and every article's count equals its approved comments; 1 with the problems listed.
"""
import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.seed import migrate  # noqa: E402
from bench.topology import REDIS_URL, create_database, drop_database  # noqa: E402
from bench import workload  # noqa: E402
from bench.procs import Gunicorn  # noqa: E402


def prepare(url, moderators):
    """Post-moderated articles and moderator tokens, as the test sets them up."""
    from moderation import create_app
    from moderation.services.accounts import create_moderator, create_token
    from moderation.services.articles import update_article
    from moderation.extensions import db
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-no-loss", "APP_ENV": "production"})
    with app.app_context():
        for article in workload.POST_MODERATED:
            update_article(article, actor=None, moderation="post")
        tokens = [create_token(create_moderator(f"bientap-{n}", "mat-khau-rat-dai-123", actor=None), actor=None) for n in range(moderators)]
        db.session.remove()
    return app, tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--moderators", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    args = parser.parse_args()
    engine, name, url = create_database()
    try:
        migrate(url)
        app, tokens = prepare(url, args.moderators)
        env = {"DATABASE_URL": url, "RATELIMIT_STORAGE_URI": os.environ.get("BENCH_REDIS_URL", REDIS_URL),
               "RATELIMIT_KEY_PREFIX": f"ykbd-noloss-{uuid.uuid4().hex[:8]}", "SECRET_KEY": "bench-no-loss" * 4,
               "PROXY_COUNT": "1", "COMMENT_RATE_LIMIT": "10000000 per hour",
               "COMMENT_RATE_LIMIT_PER_ARTICLE": "10000000 per hour", "DB_POOL_SIZE": "8"}
        with tempfile.TemporaryDirectory(prefix="ykbd-noloss-") as log_dir:
            instances = [Gunicorn(env, workers=args.workers, log_dir=log_dir).start() for _ in range(2)]
            try:
                started = time.monotonic()
                result = workload.run(instances, tokens, total=args.submissions, clients=args.clients)
                elapsed = time.monotonic() - started
            finally:
                for instance in instances:
                    instance.stop()
        with app.app_context():
            from moderation.extensions import db
            problems = workload.problems(result, db.session)
            db.session.remove()
            db.engine.dispose()
    finally:
        drop_database(engine, name)
    requests = sum(len(s.answers) for s in result.submissions)
    print(f"{args.submissions:,} submissions ({requests:,} requests with retries) from {args.clients} clients, "
          f"{len(result.decisions):,} moderator decisions, two instances, in {elapsed:.0f} s")
    for problem in problems[:50]:
        print("PROBLEM:", problem)
    print("no comment lost or duplicated; every count adds up" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
