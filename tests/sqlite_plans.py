"""SQLite's plans for the statements a piece of code sends, under chosen statistics.

SQLite picks its indexes from ``sqlite_stat1``, which misleads it where a column is mostly NULL
(services/indexhints.py). These helpers replace the statistics, catch the statements a call sends
and read their plans, for tests that check a hot path never scans comments.
"""
from sqlalchemy import text

from moderation.extensions import db
from tests.statements import sent_statements

# sqlite_stat1 of bench/data/thread-1000k.db (1,000,400 comments, 200,001 articles on two sites), after ANALYZE.
STATS_1M = {
    "ix_comments_thread": "1000400 1000400 31 31 31 1",
    "ix_comments_thread_top": "1000400 1000400 31 31 31 31 1",
    "ix_comments_queue": "1000400 333467 3291 1",
    "ix_comments_parent": "1000400 9905",
    "ix_comments_ip_hash": "1000400 1 1",
    "ix_comments_email": "1000400 1000400",
    "ix_comments_fingerprint": "1000400 1 1",
    "sqlite_autoindex_comments_1": "1000400 1000400",
}


def use_statistics(stats):
    """Replace sqlite_stat1 by ``stats`` (None: no statistics) for the connections opened next."""
    db.session.execute(text("ANALYZE"))
    db.session.execute(text("DELETE FROM sqlite_stat1"))
    for index, stat in (stats or {}).items():
        db.session.execute(text("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('comments', :idx, :stat)"),
                           {"idx": index, "stat": stat})
    db.session.commit()
    db.session.remove()
    db.engine.dispose()


def comment_statements(call):
    """(SQL, parameters) of each SELECT on comments that ``call()`` sends."""
    with sent_statements() as sent:
        call()
    return [(sql, parameters) for sql, parameters in sent
            if sql.lstrip().startswith("SELECT") and "FROM comments" in sql]


def plan(statement, parameters):
    rows = db.session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return [row[-1] for row in rows]


def scans(steps):
    """The steps of a plan that read all of comments (its table or a whole index of it)."""
    return [step for step in steps if step.startswith("SCAN comments")]
