"""The statements an import sends, a batch at a time, and why each backend gets its own.

SQLite runs in this process: a statement costs only its work, so the rows go through the
driver's ``executemany`` of one prepared statement and lookups use ``IN`` lists of 500.
PostgreSQL is across a connection: each statement is a round trip the import waits for, so
each kind of work is one statement per batch, its values passed as arrays (``= ANY(:ids)``,
``unnest``), whatever the number of articles, parents or comments in the batch. A batch of
2,000 comments sent 72 statements; it sends about 12 (bench/README.md, "Imports").

PostgreSQL also plans by its statistics, and a table filled by the import itself has none
until an ANALYZE (autovacuum may be off or late): with none, the lookup by source id read the
whole ``(site, source)`` range of the index, 0.3 s a lookup at 20,000 comments and growing with
every batch. ``analyze`` is the bulk-load step the PostgreSQL manual prescribes ("Populating a
Database"); the import calls it as its tables double.
"""
from sqlalchemy import any_, bindparam, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY

from moderation.extensions import db
from moderation.models import Article, Comment, CommentSource
from moderation.services.driver_sql import on_postgresql

_CHUNK = 500  # SQLite: ids per IN list
# Insert statements built once per process: {(table name, columns): text}
_UNNEST = {}


def _chunks(values):
    """The values in one piece on PostgreSQL (one array parameter), in IN lists of 500 on SQLite."""
    values = list(values)
    if on_postgresql():
        return [values] if values else []
    return [values[start:start + _CHUNK] for start in range(0, len(values), _CHUNK)]


def _among(column, values):
    if on_postgresql():
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def known_sources(site_slug, source, source_ids):
    """{source id: (comment id, parent id, article id, status, imported likes)} of those already imported."""
    found = {}
    for chunk in _chunks(source_ids):
        rows = db.session.execute(
            select(CommentSource.source_id, Comment.id, Comment.parent_id, Comment.article_id, Comment.status,
                   Comment.imported_likes)
            .join(Comment, Comment.id == CommentSource.comment_id)
            .where(CommentSource.site == site_slug, CommentSource.source == source,
                   _among(CommentSource.source_id, chunk)))
        found.update({row[0]: tuple(row[1:]) for row in rows})
    return found


def present_articles(site_id, article_ids):
    """{article id: (title, url)} of those the site already has."""
    found = {}
    for chunk in _chunks(article_ids):
        rows = db.session.execute(select(Article.id, Article.title, Article.url)
                                  .where(Article.site_id == site_id, _among(Article.id, chunk)))
        found.update({row.id: (row.title, row.url) for row in rows})
    return found


def reserve_comment_ids(count):
    """PostgreSQL: ``count`` new comment ids from the table's sequence, ascending, so a batch's
    replies can name their parents before anything is written and the whole batch goes in one
    statement (``insert_comments``). Ids a rolled-back batch took are skipped, as any
    rolled-back insert's are."""
    if not count:
        return []
    return sorted(db.session.execute(
        text("SELECT nextval(pg_get_serial_sequence('comments', 'id')) FROM generate_series(1, :n)"),
        {"n": count}).scalars())


def insert_comments(rows):
    """Insert the rows; their ids in the rows' order.

    On PostgreSQL the rows carry their ``id`` (``reserve_comment_ids``) and go in as one
    ``INSERT ... SELECT FROM unnest(...)``: one round trip and one statement text the server
    plans once, where the batched RETURNING insert sent a statement per 1,000 rows and per
    round of replies (6.8 per batch). On SQLite the rows go through the driver's executemany of
    one statement, and their ids follow from SQLite's rule for an INTEGER PRIMARY KEY: a new row
    gets the largest id plus one, and the import holds the write lock. The ids must be exactly
    the next ``len(rows)``, which is checked. (SQLite has no order for a batched RETURNING:
    SQLAlchemy then sent one row per statement, 20,383 statements for 20,000 comments; and a
    batched RETURNING without order kept one prepared statement per batch size in the driver,
    RSS growing 1.3 MB per 1,000 comments.)
    """
    table = Comment.__table__
    if on_postgresql():
        _unnest_insert(table, rows)
        return [row["id"] for row in rows]
    last = select(func.max(table.c.id))
    before = db.session.execute(last).scalar() or 0
    db.session.execute(insert(table), rows)
    after = db.session.execute(last).scalar() or 0
    if after - before != len(rows):
        raise RuntimeError("comment ids of one import batch are not the next ones")
    return list(range(before + 1, after + 1))


def insert_sources(site_slug, source, pairs):
    """Remember where each new comment came from: ``pairs`` of (source id, comment id)."""
    rows = [{"site": site_slug, "source": source, "source_id": source_id, "comment_id": comment_id}
            for source_id, comment_id in pairs]
    if not rows:
        return
    if on_postgresql():
        _unnest_insert(CommentSource.__table__, rows)
    else:
        db.session.execute(insert(CommentSource.__table__), rows)


def _unnest_insert(table, rows):
    """``INSERT INTO table (cols) SELECT * FROM unnest(CAST(:col AS type[]), ...)``: one array per
    column, each value through the column's own type (enums as their values, UTC datetimes, JSON)."""
    dialect = db.session.get_bind().dialect
    columns = [table.c[name] for name in rows[0]]
    key = (table.name, tuple(rows[0]))
    if key not in _UNNEST:
        casts = ", ".join(f"CAST(:{c.name} AS {c.type.compile(dialect)}[])" for c in columns)
        names = ", ".join(c.name for c in columns)
        _UNNEST[key] = text(f"INSERT INTO {table.name} ({names}) SELECT * FROM unnest({casts})")
    params = {}
    for column in columns:
        process = column.type._cached_bind_processor(dialect)
        values = [row[column.name] for row in rows]
        params[column.name] = [process(v) for v in values] if process else values
    db.session.execute(_UNNEST[key], params)


def set_statuses(changes, now):
    """A status the source changed, per comment: ``changes`` of (comment id, status). One
    executemany (psycopg pipelines it: one round trip)."""
    if not changes:
        return
    table = Comment.__table__
    db.session.execute(update(table).where(table.c.id == bindparam("cid"))
                       .values(status=bindparam("new_status"), moderated_at=now, updated_at=now),
                       [{"cid": cid, "new_status": status} for cid, status in changes])


def set_imported_likes(changes):
    """The source's like count changed: ``changes`` of (comment id, old imported, new imported);
    ``likes`` moves by the difference, so readers' own likes stay."""
    if not changes:
        return
    table = Comment.__table__
    db.session.execute(update(table).where(table.c.id == bindparam("cid"))
                       .values(imported_likes=bindparam("new"), likes=table.c.likes + bindparam("diff")),
                       [{"cid": cid, "new": new, "diff": new - old} for cid, old, new in changes])


def set_article_labels(site_id, labels):
    """Title and URL for articles that had neither: ``labels`` of (article id, title, url)."""
    if not labels:
        return
    table = Article.__table__
    db.session.execute(update(table).where(table.c.site_id == bindparam("s"), table.c.id == bindparam("a"))
                       .values(title=bindparam("t"), url=bindparam("u")),
                       [{"s": site_id, "a": a, "t": t, "u": u} for a, t, u in labels])


def insert_articles(rows):
    if rows:
        db.session.execute(insert(Article), rows)


def analyze():
    """PostgreSQL: refresh the planner's statistics of the tables an import grows (module
    docstring). A no-op elsewhere; a role that does not own the tables gets a warning, not an error."""
    if on_postgresql():
        db.session.execute(text("ANALYZE comments, comment_sources, articles"))
