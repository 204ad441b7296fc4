"""How long the moderation queue page takes to render with 100,000 pending comments (SQLite).

Seeds a SQLite file once (migrations first, exactly as production, then bulk rows), logs a
moderator in through the real login form, and renders pages through Flask's test client:
the whole request (session, login check, queries, template), minus the network. Prints
the median and p90 of N renders per page; nothing is asserted.

    .venv/bin/python bench/queue_page.py                 # 100,000 pending, 20 renders per page
    .venv/bin/python bench/queue_page.py --pending 1000000 --renders 10
"""
import argparse
import hashlib
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from moderation.core.text import search_text  # noqa: E402 (after the path is set)

FLAGS = ([], [], [{"code": "first_comment"}], [{"code": "links", "count": 3}],
         [{"code": "suspect_word", "term": "ngu", "tier": "loose"}], [{"code": "duplicate"}])
COLUMNS = ("article_id", "author", "email", "body_text", "body_html", "status", "flags", "ip_hash", "fingerprint",
           "report_count", "created_at", "updated_at", "search_text")


def migrate(url):
    env = {**os.environ, "APP_ENV": "production", "SECRET_KEY": "bench-queue", "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, capture_output=True)


def rows(pending, decided, start):
    """Pending comments plus some decided ones, so every row has a submitter history to count."""
    for n in range(pending + decided):
        status = "pending" if n < pending else ("approved", "rejected")[n % 2]
        body = f"Ý kiến thử nghiệm số {n}: giá xăng tăng thì giá rau cũng tăng theo, người dân rất vất vả."
        digest = hashlib.blake2b(str(n).encode(), digest_size=20).hexdigest()
        stamp = (start + timedelta(seconds=n)).strftime("%Y-%m-%d %H:%M:%S.%f")
        author, email = f"Bạn đọc {n % 5000}", f"ban-doc-{n % 5000}@example.vn"
        yield (f"bai-{n % 2000:04d}", author, email, body,
               f"<p>{body}</p>", status, json.dumps(FLAGS[n % len(FLAGS)]), f"ip-{n % 5000:05d}", digest,
               1 if n % 97 == 0 else 0, stamp, stamp, search_text(body, author, email))


def seed(path, pending, decided):
    url = f"sqlite:///{path}"
    migrate(url)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")
    start = datetime.now(timezone.utc) - timedelta(seconds=pending + decided + 60)
    with db:
        db.executemany("INSERT INTO articles (id, title, url, approved_count, created_at) VALUES (?, ?, ?, 0, ?)",
                       ((f"bai-{n:04d}", f"Bài viết số {n}", f"https://news.example.vn/bai-{n}",
                         start.strftime("%Y-%m-%d %H:%M:%S")) for n in range(2000)))
        db.executemany(f"INSERT INTO comments ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                       rows(pending, decided, start))
    db.execute("ANALYZE")
    db.close()


def timed(client, path, renders):
    times = []
    for _ in range(renders):
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times), sorted(times)[int(len(times) * 0.9) - 1], response.get_data(as_text=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pending", type=int, default=100_000)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--db", default=str(ROOT / "bench" / "data" / "queue-{n}.db"))
    args = parser.parse_args()
    path = Path(args.db.format(n=args.pending))
    if not path.exists():
        began = time.perf_counter()
        path.parent.mkdir(parents=True, exist_ok=True)
        seed(path, args.pending, args.pending // 10)
        print(f"seeded {args.pending:,} pending + {args.pending // 10:,} decided comments in "
              f"{time.perf_counter() - began:.1f} s -> {path}")

    from moderation import create_app
    from moderation.services.accounts import create_moderator, find_moderator

    app = create_app({"SECRET_KEY": "bench-queue", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}",
                      "APP_ENV": "production", "LOGIN_RATE_LIMIT_PER_USER": "1000 per minute"})
    with app.app_context():
        if find_moderator("bench") is None:
            create_moderator("bench", "mat-khau-bench", "moderator", actor=None)
    client = app.test_client()
    html = client.get("/moderation/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    assert client.post("/moderation/login", data={"username": "bench", "password": "mat-khau-bench",
                                                  "csrf_token": token}).status_code == 303

    first_page = client.get("/moderation/").get_data(as_text=True)
    deep = re.search(r'rel="next" href="([^"]+)"', first_page).group(1).replace("&amp;", "&")
    pages = [("pending, page 1 (50 rows)", "/moderation/"), ("pending, page 2 (keyset)", deep),
             ("all tab", "/moderation/?tab=all"), ("search 'số 99999'", "/moderation/?q=s%E1%BB%91+99999"),
             ("search 'giá xăng' (all)", "/moderation/?q=gi%C3%A1+x%C4%83ng"),
             ("toneless 'so 99999'", "/moderation/?q=so+99999"), ("toneless 'gia xang'", "/moderation/?q=gia+xang"),
             ("filter flag=links", "/moderation/?flag=links"), ("audit log", "/moderation/log")]
    print(f"\nQueue page render times, SQLite, {args.pending:,} pending comments, median/p90 of {args.renders}:")
    for label, url in pages:
        median, p90, _ = timed(client, url, args.renders)
        print(f"  {label:28s} median {median:7.1f} ms   p90 {p90:7.1f} ms")


if __name__ == "__main__":
    main()
