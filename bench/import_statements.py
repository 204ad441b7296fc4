"""Where an import's database time goes: the statements ``import_file`` sends, counted, and
optionally a cProfile of the whole run, in-process, on a fresh migrated database.

Each call into the driver (``cursor.execute`` or one ``executemany``) is counted once, by a
SQLAlchemy ``before_cursor_execute`` event, and grouped by its verb and table: on PostgreSQL
each is a network round trip, which is what issue 13's "~45 round trips per batch" is about.
The counts do not depend on the machine's load; the profile's times do.

    BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_statements.py
    .venv/bin/python bench/import_statements.py --comments 20000 --kind wordpress   # SQLite
    BENCH_DATABASE_URL=... .venv/bin/python bench/import_statements.py --profile 25  # plus the top 25 by cumulative time
"""
import argparse
import cProfile
import importlib
import os
import pstats
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

bench_import = importlib.import_module("bench.import")

_SHAPE = re.compile(r"^\s*(SELECT|INSERT INTO|UPDATE|DELETE FROM|PRAGMA|BEGIN|COMMIT|WITH)\s*(\S*)", re.IGNORECASE)


def _label(statement):
    match = _SHAPE.match(statement)
    if not match:
        return statement.split(None, 1)[0][:20]
    verb, rest = match.group(1).upper(), match.group(2).strip('"(').lower()
    if verb == "SELECT":
        found = re.search(r"\bFROM\s+\"?(\w+)", statement, re.IGNORECASE)
        rest = found.group(1).lower() if found else ""
    return f"{verb} {rest}".strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", type=int, default=20_000)
    parser.add_argument("--kind", choices=["disqus", "wordpress"], default="disqus")
    parser.add_argument("--workers", type=int, default=0, help="text workers (default 0: all in this process)")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print the top N functions by cumulative time")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards (its URL is printed)")
    args = parser.parse_args()
    bench_import.DATA.mkdir(exist_ok=True)
    write = {"disqus": bench_import.write_disqus, "wordpress": bench_import.write_wxr}[args.kind]
    path = bench_import.DATA / f"{'wxr' if args.kind == 'wordpress' else 'disqus'}-{args.comments}.xml"
    if not path.exists():
        write(path, args.comments)
    backend_url = os.environ.get("BENCH_DATABASE_URL")
    url = bench_import.fresh_database(backend_url)
    try:
        run(args, path, url)
    finally:
        if args.keep:
            print("kept:", url)
        else:
            bench_import.drop_database(backend_url, url)


def run(args, path, url):
    os.environ.update(bench_import._env(url))
    from sqlalchemy import event

    from moderation import create_app
    from moderation.cli.transfer import _hasher
    from moderation.core.sources import ArticleMap
    from moderation.extensions import db
    from moderation.services import imports

    app = create_app()
    calls, seconds, started = Counter(), Counter(), {}
    with app.app_context():
        def before(conn, cursor, statement, parameters, context, executemany):
            started[id(cursor)] = time.perf_counter()

        def after(conn, cursor, statement, parameters, context, executemany):
            label = _label(statement) + (" (executemany)" if executemany else "")
            calls[label] += 1
            seconds[label] += time.perf_counter() - started.pop(id(cursor), time.perf_counter())

        def commit(conn):
            calls["COMMIT"] += 1  # its time is not seen by these events

        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)
        event.listen(db.engine, "commit", commit)
        profile = cProfile.Profile() if args.profile else None
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        if profile:
            profile.enable()
        summary = imports.import_file(args.kind, path, site="default", actor=None, hash_ip=_hasher(),
                                      article_map=ArticleMap(), workers=args.workers)
        if profile:
            profile.disable()
        wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
        for name, listener in (("before_cursor_execute", before), ("after_cursor_execute", after), ("commit", commit)):
            event.remove(db.engine, name, listener)
        db.session.remove()
        db.engine.dispose()
    created = sum(summary.created.values())
    batches = -(-args.comments // imports.BATCH)
    total = sum(calls.values())
    in_statements = sum(seconds.values())
    print(f"{args.kind} on {url.split(':', 1)[0]}: {args.comments:,} records, "
          f"{created:,} comments created, {batches} batches of {imports.BATCH:,}")
    print(f"driver calls: {total:,} ({total / batches:.1f} per batch); wall {wall:.1f} s, CPU {cpu:.1f} s, "
          f"load {os.getloadavg()[0]:.1f}; "
          f"{in_statements:.1f} s inside the driver's execute calls")
    print(f"  {'calls':>7}  {'per batch':>9}  {'wall s':>7}  statement")
    for label, n in calls.most_common():
        print(f"  {n:>7,}  {n / batches:>9.1f}  {seconds[label]:>7.2f}  {label}")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
