"""Import throughput and memory: a generated Disqus export and WXR file of N comments each,
imported by the real CLI (``flask import disqus|wordpress``) into a fresh, migrated database.

Reports comments per second (wall time of the whole command: the checking pass, the writing
pass and the commits), comments per CPU-second (the command and its text workers together),
the peak RSS of the largest single process (``wait4``'s ``ru_maxrss``) and the peak of the
whole process tree (the importer and its workers, sampled from /proc every half second: RSS
summed, which counts the pages a forked worker shares with its parent twice, and PSS summed,
which does not). The machine is shared, so each row carries the 1-minute load average at its
start and end. Targets (issue 13): at least 3,000 comments/s on SQLite, peak RSS under 300 MB,
at 1,000,000 comments.

The files are shaped like real ones: 50 comments per thread, a third of them replies (some
to replies, one in 200 arriving before its parent), spam, deleted and pending ones, CDATA
HTML bodies with entities and a link, an IP each. Generated once into bench/data/.

    .venv/bin/python bench/import.py                      # 1,000,000 comments, SQLite
    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import.py
    .venv/bin/python bench/import.py --comments 100000    # a quicker look
"""
import argparse
import os
import random
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
PER_THREAD = 50
SECRET = "bench-secret-not-for-production"

_BODY = ("<p>Ý kiến số {n}: giá xăng &amp; dầu tăng <b>quá</b> nhanh, người dân lo lắng.</p>"
         "<p>Xem thêm <a href=\"https://vnexpress.net/{n}\">bài này</a>.</p>")


def _posts(count):
    """(id, thread, parent or None, flags) in file order; a few children come before their parent."""
    rng = random.Random(13)
    held = None
    for n in range(1, count + 1):
        thread = (n - 1) // PER_THREAD + 1
        first = (thread - 1) * PER_THREAD + 1
        parent = rng.randint(first, n - 1) if n > first and rng.random() < 0.33 else None
        kind = rng.random()
        post = (n, thread, parent, "spam" if kind < 0.02 else "deleted" if kind < 0.03 else
                "pending" if kind < 0.05 else "")
        if held is None and parent == n - 1 and rng.random() < 0.1:
            held = post  # written after the next post: a child ahead of its parent is the next one's case
            continue
        yield post
        if held is not None:
            yield held
            held = None
    if held is not None:
        yield held


def write_disqus(path, count):
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
                  'xmlns:dsq="http://disqus.com/disqus-internals">\n')
        for thread in range(1, (count - 1) // PER_THREAD + 2):
            out.write(f'<thread dsq:id="{thread}"><id>bai-{thread}</id><forum>bench</forum>'
                      f'<link>https://news.example.vn/bai-{thread}.html</link><title>Bài {thread}</title>'
                      f'<createdAt>2021-01-01T00:00:00Z</createdAt><isDeleted>false</isDeleted></thread>\n')
        for n, thread, parent, kind in _posts(count):
            approved = "<isApproved>false</isApproved>" if kind == "pending" else ""
            parent_tag = f'<parent dsq:id="{parent}"/>' if parent else ""
            out.write(f'<post dsq:id="{n}"><id/><message><![CDATA[{_BODY.format(n=n)}]]></message>'
                      f'<createdAt>2021-01-01T00:{n % 60:02d}:00Z</createdAt>'
                      f'<isDeleted>{"true" if kind == "deleted" else "false"}</isDeleted>'
                      f'<isSpam>{"true" if kind == "spam" else "false"}</isSpam>{approved}'
                      f'<author><email>ban-doc-{n % 5000}@example.vn</email><name>Bạn đọc {n % 5000}</name>'
                      f'<isAnonymous>false</isAnonymous></author><ipAddress>198.51.{n % 250}.{n % 200}</ipAddress>'
                      f'<thread dsq:id="{thread}"/>{parent_tag}</post>\n')
        out.write("</disqus>\n")


def write_wxr(path, count):
    approved = {"spam": "spam", "deleted": "trash", "pending": "0", "": "1"}
    posts = {}
    for post in _posts(count):
        posts.setdefault(post[1], []).append(post)
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
                  'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Bench</title>\n')
        for thread, comments in posts.items():
            out.write(f"<item><title>Bài {thread}</title><link>https://news.example.vn/bai-{thread}/</link>"
                      f"<wp:post_id>{thread}</wp:post_id><wp:post_type>post</wp:post_type>\n")
            for n, _, parent, kind in comments:
                out.write(f"<wp:comment><wp:comment_id>{n}</wp:comment_id>"
                          f"<wp:comment_author><![CDATA[Bạn đọc {n % 5000}]]></wp:comment_author>"
                          f"<wp:comment_author_email>ban-doc-{n % 5000}@example.vn</wp:comment_author_email>"
                          f"<wp:comment_author_IP>198.51.{n % 250}.{n % 200}</wp:comment_author_IP>"
                          f"<wp:comment_date_gmt>2021-01-01 00:{n % 60:02d}:00</wp:comment_date_gmt>"
                          f"<wp:comment_content><![CDATA[{_BODY.format(n=n)}]]></wp:comment_content>"
                          f"<wp:comment_approved>{approved[kind]}</wp:comment_approved>"
                          f"<wp:comment_type>comment</wp:comment_type>"
                          f"<wp:comment_parent>{parent or 0}</wp:comment_parent></wp:comment>\n")
            out.write("</item>\n")
        out.write("</channel></rss>\n")


def _env(url):
    return {**os.environ, "APP_ENV": "production", "DATABASE_URL": url, "SECRET_KEY": SECRET,
            "ALLOWED_ORIGINS": "https://news.example.vn"}


def _admin_engine(backend_url):
    from sqlalchemy import create_engine
    return create_engine(backend_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")


def drop_database(backend_url, url):
    if backend_url is None:
        Path(url.removeprefix("sqlite:///")).unlink()
        return
    from sqlalchemy import text
    engine = _admin_engine(backend_url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    engine.dispose()


def fresh_database(backend_url):
    """A migrated, empty database: a new SQLite file, or a new database on the PostgreSQL server."""
    if backend_url is None:
        path = DATA / f"import-{uuid.uuid4().hex[:8]}.db"
        url = f"sqlite:///{path}"
    else:
        from sqlalchemy import text
        name = f"ykbd_import_{uuid.uuid4().hex[:8]}"
        engine = _admin_engine(backend_url)
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        url = backend_url.rsplit("/", 1)[0] + "/" + name
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=_env(url),
                   check=True, capture_output=True)
    return url


def _tree(pid):
    """pid and its descendants, from /proc (gone ones skipped)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            with open(f"/proc/{current}/task/{current}/children") as children:
                todo.extend(int(child) for child in children.read().split())
        except OSError:
            pass
    return found


def _kb(path, field):
    try:
        with open(path) as lines:
            return next((int(line.split()[1]) for line in lines if line.startswith(field)), 0)
    except OSError:
        return 0


class TreeMemory(threading.Thread):
    """Peak RSS and PSS (MB) summed over a process and its descendants, sampled every 0.5 s."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.rss, self.pss, self.done = pid, 0.0, 0.0, threading.Event()

    def run(self):
        while not self.done.wait(0.5):
            pids = _tree(self.pid)
            self.rss = max(self.rss, sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids) / 1024)
            self.pss = max(self.pss, sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids) / 1024)


def measure(kind, path, url, count):
    """(comments/s, peak RSS in MB, seconds, CPU seconds, the command's summary, TreeMemory) of one import.

    CPU seconds (user + system of the command alone) say what the importer costs whatever else
    runs on the machine; comments/s is wall time, the figure an operator waits for."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "import", kind, str(path)], cwd=ROOT,
                             env=_env(url), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    memory = TreeMemory(child.pid)
    memory.start()
    output = child.stdout.read().decode()
    memory.done.set()
    memory.join()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode:
        raise SystemExit(f"import {kind} failed:\n{output}")
    return count / elapsed, usage.ru_maxrss / 1024, elapsed, usage.ru_utime + usage.ru_stime, output, memory


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["disqus", "wordpress"], help="one importer, not both")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only (BENCH_DATABASE_URL)")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    files = {"disqus": (DATA / f"disqus-{args.comments}.xml", write_disqus),
             "wordpress": (DATA / f"wxr-{args.comments}.xml", write_wxr)}
    for path, write in files.values():
        if not path.exists():
            write(path, args.comments)
    if args.only:
        files = {args.only: files[args.only]}
    backends = [] if args.no_sqlite else [("sqlite", None)]
    if os.environ.get("BENCH_DATABASE_URL"):
        backends.append(("postgresql", os.environ["BENCH_DATABASE_URL"]))
    print(f"{'importer':10} {'backend':10} {'comments':>10} {'seconds':>8} {'comments/s':>11} "
          f"{'per CPU-s':>10} {'RSS MB':>7} {'tree RSS':>9} {'tree PSS':>9}  load")
    for backend, backend_url in backends:
        for kind, (path, _) in files.items():
            url = fresh_database(backend_url)
            load = os.getloadavg()[0]
            try:
                rate, rss, elapsed, cpu, _, tree = measure(kind, path, url, args.comments)
            finally:
                drop_database(backend_url, url)
            print(f"{kind:10} {backend:10} {args.comments:>10,} {elapsed:>8.1f} {rate:>11,.0f} "
                  f"{args.comments / cpu:>10,.0f} {rss:>7.0f} {tree.rss:>9.0f} {tree.pss:>9.0f}  "
                  f"{load:.1f}-{os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
