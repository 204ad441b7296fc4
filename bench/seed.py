"""Seed a benchmark database: migrations first (exactly as production), then bulk rows.

100,000 articles and 1,000,000 comments by default, in well under two minutes on
SQLite (executemany in one transaction) or PostgreSQL (COPY). Statuses are spread
deterministically and every article's approved_count is computed from the comments
inserted, so counts are consistent with approved comments, as the app keeps them.

    python bench/seed.py sqlite:///bench/data/bench-1m.db --articles 100000 --comments 1000000
"""
import argparse
import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATUSES = ("approved", "approved", "pending", "approved", "rejected")
BODY = "Bình luận thử nghiệm số {n} về bài viết, đủ dài để giống một ý kiến thật của bạn đọc."
CREATED = "2026-11-01 00:00:00"
COMMENT_COLUMNS = ("article_id", "author", "body_text", "body_html", "status", "flags", "ip_hash",
                   "fingerprint", "report_count", "created_at", "updated_at")


# A second site with the same article ids and counts (its own rows), so the site-scoped counts
# paths are measured on as many articles as the default's; SECOND_ORIGIN is its origin.
SECOND_SITE_SLUG = "site-b"
SECOND_ORIGIN = "https://b.example.vn"
SECOND_SITE = (
    f"INSERT INTO sites (id, slug, name, created_at) VALUES (2, '{SECOND_SITE_SLUG}', 'B', '{CREATED}')",
    f"INSERT INTO site_origins (origin, site_id) VALUES ('{SECOND_ORIGIN}', 2)",
    "INSERT INTO articles (site_id, id, title, approved_count, created_at)"
    " SELECT 2, id, title, approved_count, created_at FROM articles WHERE site_id = 1",
)


def article_id(n):
    return f"a-{n:06d}"


def migrate(url):
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": "bench-seed", "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, capture_output=True)


def comment_rows(articles, comments, approved):
    for n in range(comments):
        # Skewed like real traffic: a tenth of the articles get most comments.
        target = (n * 7919) % (articles // 10) if n % 4 else (n * 104729) % articles
        status = STATUSES[n % len(STATUSES)]
        if status == "approved":
            approved[target] += 1
        body = BODY.format(n=n)
        digest = hashlib.blake2b(str(n).encode(), digest_size=20).hexdigest()
        yield (article_id(target), f"Bạn đọc {n % 997}", body, f"<p>{body}</p>", status, "[]",
               digest, digest, 0, CREATED, CREATED)


def seed_sqlite(path, articles, comments):
    import sqlite3
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA foreign_keys=OFF")
    approved = [0] * articles
    with db:
        db.executemany("INSERT INTO articles (site_id, id, title, approved_count, created_at) VALUES (1, ?, ?, 0, ?)",
                       ((article_id(n), f"Bài viết {n}", CREATED) for n in range(articles)))
        db.executemany(f"INSERT INTO comments (site_id, {', '.join(COMMENT_COLUMNS)})"
                       f" VALUES (1, {', '.join('?' * len(COMMENT_COLUMNS))})",
                       comment_rows(articles, comments, approved))
        db.executemany("UPDATE articles SET approved_count = ? WHERE site_id = 1 AND id = ?",
                       ((count, article_id(n)) for n, count in enumerate(approved) if count))
        for statement in SECOND_SITE:
            db.execute(statement)
    db.execute("ANALYZE")
    db.close()


def seed_postgresql(url, articles, comments):
    import psycopg
    approved = [0] * articles
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as db:
        with db.cursor() as cur:
            with cur.copy("COPY articles (site_id, id, title, approved_count, created_at) FROM STDIN") as copy:
                for n in range(articles):
                    copy.write_row((1, article_id(n), f"Bài viết {n}", 0, CREATED + "+00"))
            with cur.copy(f"COPY comments (site_id, {', '.join(COMMENT_COLUMNS)}) FROM STDIN") as copy:
                for row in comment_rows(articles, comments, approved):
                    copy.write_row((1,) + row[:9] + (CREATED + "+00", CREATED + "+00"))
            cur.execute("CREATE TEMP TABLE counts (id varchar(128), n integer)")
            with cur.copy("COPY counts (id, n) FROM STDIN") as copy:
                for n, count in enumerate(approved):
                    if count:
                        copy.write_row((article_id(n), count))
            cur.execute("UPDATE articles SET approved_count = counts.n FROM counts WHERE articles.id = counts.id")
            for statement in SECOND_SITE:
                cur.execute(statement)
            cur.execute("SELECT setval(pg_get_serial_sequence('sites', 'id'), 2)")
        db.commit()
        db.execute("ANALYZE")


def seed(url, articles, comments):
    """Migrate and fill ``url``; returns the seconds it took."""
    started = time.monotonic()
    migrate(url)
    if url.startswith("sqlite:///"):
        seed_sqlite(url[len("sqlite:///"):], articles, comments)
    else:
        seed_postgresql(url, articles, comments)
    return time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    args = parser.parse_args()
    print(f"seeded {args.articles:,} articles, {args.comments:,} comments in {seed(args.url, args.articles, args.comments):.0f} s")


if __name__ == "__main__":
    main()
