"""The featured block's CPU per request (``GET /api/v1/featured``), in-process like bench/app_cost.py.

Builds a throw-away SQLite database (``db.create_all``, the default site, N comments on 1,000
articles, 50 of them picked), then prints CPU microseconds per request, best of three, for the
no-op route, the block with the worker cache on (COUNTS_CACHE_SECONDS=5, the default) and off,
and its 304 revalidation. The block shares the counts' cache and contract, so its cost should sit
with the counts', and not grow with the number of comments (one query on a partial index).

    .venv/bin/python bench/featured_cost.py [COMMENTS ...]     # default: 10000 100000
"""
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.app_cost import call, cost, environ  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "5000"))
PICKS = 50


def seed(url, comments):
    from moderation import create_app
    from moderation.extensions import db
    from moderation.models import Article, Comment, Site, Status, utcnow
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.session.add(Site(id=1, slug="default", name="default"))
        db.session.flush()
        db.session.add_all(Article(site_id=1, id=f"bai-{n}", title=f"Bài số {n}", url=f"https://news.example.vn/bai-{n}")
                           for n in range(1000))
        now = utcnow()
        step = max(1, comments // PICKS)
        rows = [{"site_id": 1, "article_id": f"bai-{n % 1000}", "author": f"Bạn đọc {n}", "body_text": f"Ý kiến {n}",
                 "body_html": f"<p>Ý kiến {n}</p>", "search_text": f"y kien {n}", "status": Status.APPROVED, "flags": [],
                 "ip_hash": f"ip-{n}", "fingerprint": f"{n:064d}", "created_at": now - timedelta(seconds=n),
                 "updated_at": now, "likes": n % 97,
                 "featured_at": now - timedelta(seconds=n) if n % step == 0 else None} for n in range(comments)]
        for start in range(0, len(rows), 10000):
            db.session.execute(db.insert(Comment), rows[start:start + 10000])
        db.session.commit()


def main(sizes):
    os.environ.update(APP_ENV="production", SECRET_KEY="bench-featured-cost", ALLOWED_ORIGINS="https://news.example.vn")
    from bench.wsgi import with_noop
    from moderation import create_app
    print(f"CPU µs per request in-process (best of 3 x {REQUESTS:,}), SQLite, {PICKS} picks")
    print(f"{'comments':>9} {'endpoint':24} {'cache on':>9} {'ratio':>6} {'cache off':>9} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/featured.db"
            seed(url, size)
            results = {}
            for seconds in (5, 0):
                app = with_noop(create_app({"SQLALCHEMY_DATABASE_URI": url, "COUNTS_CACHE_SECONDS": seconds}))
                etag = call(app, environ("/api/v1/featured?limit=5"))[1]["ETag"]
                envs = {"no-op /bench/noop": [environ("/bench/noop")],
                        "/featured?limit=5": [environ("/api/v1/featured?limit=5")],
                        "/featured?limit=20": [environ("/api/v1/featured?limit=20")],
                        "304 revalidation": [environ("/api/v1/featured?limit=5", **{"If-None-Match": etag})]}
                results[seconds] = {name: cost(app, e, REQUESTS) for name, e in envs.items()}
            for name in results[5]:
                on, off = results[5][name], results[0][name]
                print(f"{size:9,} {name:24} {on:9.1f} {results[5]['no-op /bench/noop'] / on:6.2f} "
                      f"{off:9.1f} {results[0]['no-op /bench/noop'] / off:6.2f}")


if __name__ == "__main__":
    main([int(n) for n in sys.argv[1:]] or [10000, 100000])
