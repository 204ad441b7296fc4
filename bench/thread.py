"""The thread and likes under gunicorn (issue 12): requests per server CPU-second against the no-op.

1. Seeds SQLite databases of 100,000 articles with 10k, 100k and 1M comments (bench/seed.py,
   kept in bench/data/ as ``thread-<size>.db``) and adds the article ``t-300``: 300 approved
   top-level comments with 100 approved replies and likes spread over them.
2. In-process, with no cache: CPU µs to build t-300's first page (``thread_answer``) for
   sort=oldest and sort=top on each size, and the index each of its statements on comments
   reads. Flat from 10k to 1M comments means the thread reads only its own rows: through
   ix_comments_thread / ix_comments_thread_top, and ix_comments_parent for the replies.
   With BENCH_DATABASE_URL (a PostgreSQL database of the bench's own, seeded once with
   BENCH_PG_SIZE comments, 100k by default), the same there.
3. gunicorn with production settings (gunicorn.conf.py, APP_ENV=production) on the largest
   size, wrk at 16 connections in interleaved rounds (bench/run.measure): the no-op, the first
   page (site default order, oldest), sort=top, the 304 revalidation, a like (POST, each with
   a fresh reader key and a client address of its own through X-Forwarded-For with PROXY_COUNT=1,
   so every like is a real insert and the per-address cap and rate limit never answer instead),
   and a like sent again by the same reader (the unique index answers).
   The likes go to comments of other articles, so t-300's ETag stays put for the 304s.

    .venv/bin/python bench/thread.py                       # 10k, 100k, 1M
    BENCH_SIZES=10000,100000 .venv/bin/python bench/thread.py
    BENCH_IN_PROCESS_ONLY=1 .venv/bin/python bench/thread.py                  # step 2 only, no gunicorn
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_thread_100k \
        BENCH_IN_PROCESS_ONLY=1 .venv/bin/python bench/thread.py              # and PostgreSQL at 100k
    BENCH_ONLY=likes BENCH_SIZES=10000 .venv/bin/python bench/thread.py       # the no-op and the likes only
"""
import itertools
import os
import random
import secrets
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import run  # noqa: E402
from bench.seed import CREATED, seed  # noqa: E402

DATA = run.DATA
THREAD = "t-300"
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(","))
# With BENCH_DATABASE_URL (a PostgreSQL database of the bench's own), its size, measured in-process only.
PG_SIZE = int(os.environ.get("BENCH_PG_SIZE", 100_000))
# BENCH_ONLY=likes: the no-op and the likes only, no in-process thread costs.
ONLY_LIKES = os.environ.get("BENCH_ONLY") == "likes"
BODY = "Ý kiến thử nghiệm số {n} về bài viết có ba trăm bình luận, đủ dài để giống một ý kiến thật."


def url_of(size):
    return f"sqlite:///{DATA / f'thread-{size // 1000}k.db'}"


COLUMNS = ("site_id, article_id, author, body_text, body_html, search_text, status, flags, ip_hash, fingerprint,"
           " report_count, likes, imported_likes, reply_count, created_at, updated_at")


def thread_rows():
    """t-300's 300 approved top-level comments, a minute apart, likes 0-49; the first 100 have a reply."""
    for n in range(300):
        at = f"2026-11-02 {n // 60:02d}:{n % 60:02d}:00"
        body = BODY.format(n=n)
        yield (1, THREAD, f"Bạn đọc {n}", body, f"<p>{body}</p>", body.lower(), "approved", "[]",
               f"ip{n}", f"fp{n}", 0, (n * 37) % 50, (n * 37) % 50, 1 if n < 100 else 0, at, at)


def reply_rows(parents):
    return [(parent, 1, THREAD, "Trả lời", "Đồng ý.", "<p>Đồng ý.</p>", "đồng ý.", "approved", "[]",
             f"ipr{n}", f"fpr{n}", 0, 0, 0, 0, "2026-11-03 00:00:00", "2026-11-03 00:00:00")
            for n, parent in enumerate(parents)]


def add_thread_article(path):
    """t-300 (thread_rows, and 100 approved replies) on a seeded SQLite file."""
    db = sqlite3.connect(path)
    with db:
        db.execute("INSERT INTO articles (site_id, id, title, approved_count, created_at) VALUES (1, ?, ?, 400, ?)",
                   (THREAD, "Bài có 300 bình luận", CREATED))
        db.executemany(f"INSERT INTO comments ({COLUMNS}) VALUES ({', '.join('?' * 16)})", thread_rows())
        parents = [row[0] for row in db.execute("SELECT id FROM comments WHERE article_id = ? ORDER BY id LIMIT 100",
                                                (THREAD,))]
        db.executemany(f"INSERT INTO comments (parent_id, {COLUMNS}) VALUES (?, {', '.join('?' * 16)})",
                       reply_rows(parents))
    db.execute("ANALYZE")
    db.close()


def add_thread_article_postgresql(url):
    """The same t-300 on a seeded PostgreSQL database (COPY, as bench/seed.py), then ANALYZE."""
    import psycopg
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as db:
        db.execute("INSERT INTO articles (site_id, id, title, approved_count, created_at) VALUES (1, %s, %s, 400, %s)",
                   (THREAD, "Bài có 300 bình luận", CREATED + "+00"))
        with db.cursor() as cur:
            with cur.copy(f"COPY comments ({COLUMNS}) FROM STDIN") as copy:
                for row in thread_rows():
                    copy.write_row(row[:14] + (row[14] + "+00", row[15] + "+00"))
            parents = [row[0] for row in cur.execute(
                "SELECT id FROM comments WHERE article_id = %s ORDER BY id LIMIT 100", (THREAD,))]
            with cur.copy(f"COPY comments (parent_id, {COLUMNS}) FROM STDIN") as copy:
                for row in reply_rows(parents):
                    copy.write_row(row[:15] + (row[15] + "+00", row[16] + "+00"))
        db.commit()
        db.execute("ANALYZE")


def ensure(size):
    path = DATA / f"thread-{size // 1000}k.db"
    marker = path.with_suffix(".seeded")
    if marker.exists():
        return
    path.unlink(missing_ok=True)
    print(f"seeding {size:,} comments on {run.ARTICLES:,} articles ...", flush=True)
    started = time.monotonic()
    seed(url_of(size), run.ARTICLES, size)
    add_thread_article(path)
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)
    marker.write_text("ok")


def ensure_postgresql(url, size):
    """BENCH_DATABASE_URL, a database of the bench's own: seeded with ``size`` comments and t-300 once."""
    if run._pg_has_rows(url):
        return
    print(f"seeding {size:,} comments on {run.ARTICLES:,} articles ({url.split('@')[-1]}) ...", flush=True)
    started = time.monotonic()
    seed(url, run.ARTICLES, size)
    add_thread_article_postgresql(url)
    print(f"  done in {time.monotonic() - started:.0f} s", flush=True)


def thread_cost(url, sort, calls=100):
    """CPU µs per uncached first page of t-300 in ``sort``, and how each of its statements on
    comments reads them (the plan's index, from EXPLAIN QUERY PLAN or EXPLAIN)."""
    from sqlalchemy import event
    from moderation import create_app
    from moderation.extensions import db
    from moderation.services.threads import thread_answer
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "APP_ENV": "production"})
    with app.app_context():
        for _ in range(20):
            thread_answer(THREAD, {"sort": sort}, 1)
        started = time.process_time()
        for _ in range(calls):
            thread_answer(THREAD, {"sort": sort}, 1)
        cost = (time.process_time() - started) / calls * 1e6
        sent = []

        def record(_conn, _cursor, statement, parameters, _context, _executemany):
            if statement.lstrip().startswith("SELECT") and "FROM comments" in statement:
                sent.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", record)
        thread_answer(THREAD, {"sort": sort}, 1)
        event.remove(db.engine, "before_cursor_execute", record)
        plans = [plan_of(statement, parameters) for statement, parameters in sent]
        db.session.remove()
        db.engine.dispose()
    return cost, plans


def plan_of(statement, parameters):
    """How a statement reads comments: SQLite's SEARCH/SCAN steps, PostgreSQL's scan nodes."""
    from moderation.extensions import db
    conn = db.session.connection()
    if conn.dialect.name == "sqlite":
        steps = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        return " / ".join(step.split(" (")[0].replace("SEARCH comments USING ", "")
                          for step in steps if step.startswith(("SEARCH comments", "SCAN comments")))
    steps = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
    return " / ".join(step.split("->")[-1].strip().split("  (")[0] for step in steps if "Scan" in step)


def approved_ids(url, count=2000):
    """Approved comments of the seeded articles (not t-300), to like."""
    db = sqlite3.connect(url[len("sqlite:///"):])
    ids = [row[0] for row in db.execute("SELECT id FROM comments WHERE status = 'approved' AND article_id != ?"
                                        " ORDER BY id LIMIT ?", (THREAD, count))]
    db.close()
    return ids


def like_requests(url, batch=30_000):
    """A function giving, at each call, ``batch`` likes never sent before in this run.

    Each like has a fresh reader key and a client address of its own, so each is a real insert
    (wrk starts its list from the top at every run: one fixed list would be repeats from the
    second round on, and all repeats on a database liked by an earlier run). The token keeps
    keys apart from an earlier run's on the same database.
    """
    rng = random.Random()
    targets = approved_ids(url)
    token = secrets.token_hex(4)
    sent = itertools.count()

    def fresh():
        likes = []
        for _ in range(batch):
            n = next(sent)
            likes.append((f"/api/v1/comments/{rng.choice(targets)}/likes",
                          {"Origin": run.ORIGIN, "X-Reader-Key": f"bench-{token}-{n:09d}",
                           "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}, 200, "POST"))
        return likes
    return fresh


def repeated_likes(port, url, count=500):
    """``count`` likes given once here, to be sent again: the answer for a reader who clicks twice."""
    import urllib.request
    likes = like_requests(url, count)()
    for path, headers, _, method in likes:
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers, method=method)
        with urllib.request.urlopen(request):
            pass
    return likes


def request_sets(port, url):
    import urllib.request
    headers = {"Origin": run.ORIGIN}
    first = f"/api/v1/articles/{THREAD}/comments"
    with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{first}", headers=headers)) as r:
        etag = r.headers["ETag"]
    likes = {"like (POST)": like_requests(url), "like again (POST)": repeated_likes(port, url)}
    if ONLY_LIKES:
        return {"no-op /bench/noop": [("/bench/noop", headers, 200)], **likes}
    return {
        "no-op /bench/noop": [("/bench/noop", headers, 200)],
        "thread, first page": [(first, headers, 200)],
        "thread ?sort=top": [(first + "?sort=top", headers, 200)],
        "thread 304": [(first, {**headers, "If-None-Match": etag}, 304)],
        **likes,
    }


def main():
    run.WRK = run.wrk.ensure_wrk()
    DATA.mkdir(exist_ok=True)
    for size in SIZES:
        ensure(size)
    if not ONLY_LIKES:
        pg_url = os.environ.get("BENCH_DATABASE_URL")
        if pg_url:
            from moderation.config import database_url
            pg_url = database_url(pg_url)
            ensure_postgresql(pg_url, PG_SIZE)
        print(f"\nThread t-300 (300 top-level, 100 replies), first page of 50, in-process, no cache (CPU µs),"
              f" and the index each statement on comments reads (top-level page, replies, has_featured):")
        measured = [(f"SQLite     {size:>9,}", url_of(size)) for size in SIZES]
        measured += [(f"PostgreSQL {PG_SIZE:>9,}", pg_url)] if pg_url else []
        for label, url in measured:
            (oldest, plans), (top, top_plans) = thread_cost(url, "oldest"), thread_cost(url, "top")
            print(f"  {label} comments: oldest {oldest:8.0f}   top {top:8.0f}   (load {os.getloadavg()[0]:.1f})")
            print(f"      oldest: {', '.join(plans)}\n      top:    {', '.join(top_plans)}")
        if os.environ.get("BENCH_IN_PROCESS_ONLY") == "1":
            return
    run.request_sets = lambda port: request_sets(port, url_of(SIZES[-1]))
    settings = {"PROXY_COUNT": "1", "LIKE_RATE_LIMIT": "100000 per minute"}
    run.serve_and_measure(f"gunicorn, production settings, SQLite, {SIZES[-1]:,} comments", url_of(SIZES[-1]),
                          settings)
    if os.environ.get("BENCH_UNCACHED") == "1":
        run.serve_and_measure(f"gunicorn, THREAD_CACHE_SECONDS=0, SQLite, {SIZES[-1]:,} comments",
                              url_of(SIZES[-1]), {**settings, "THREAD_CACHE_SECONDS": "0"})


if __name__ == "__main__":
    main()
