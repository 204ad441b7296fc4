"""Batched comment counts and their ETag: the hottest read of the service.

Article pages and headline lists ask for approved totals on every view, so this path
does the least work that can be correct: one indexed primary-key lookup for the whole
batch (``SELECT id, approved_count FROM articles WHERE site_id = ? AND id IN (...)``) on a pooled
connection, no ORM objects and no session. Unknown ids count 0, so an article nobody
has commented on costs the same as any other.
"""
import hashlib
import json
import re
from collections import Counter

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import aliased

from moderation import messages
from moderation.core.ids import ARTICLE_ID_PATTERN
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Article, Comment, Status
from moderation.services.driver_sql import on_postgresql

MAX_IDS = 100
_ID_LIST = re.compile(f"{ARTICLE_ID_PATTERN}(?:,{ARTICLE_ID_PATTERN})*")
# One statement text per (placeholder, batch size), built once per process. The two
# supported drivers take positional parameters: sqlite3 as "?", psycopg as "%s".
_STATEMENTS = {}


def _invalid(reason):
    return ServiceError("validation", 400, {"ids": messages.FIELDS[reason]})


def parse_ids(raw):
    """The distinct article ids of ``?ids=a,b,c`` in the order given.

    1 to ``MAX_IDS`` comma-separated items, each a valid article id; duplicates collapse.
    Anything else is a ServiceError(400), never a partial answer, so a caller's bug is seen.
    """
    items = raw.split(",") if raw else []
    if not items or len(items) > MAX_IDS:
        raise _invalid("ids_count")
    # One scan of the whole list, not a match per id: a third of this function's cost at 60 ids.
    if not _ID_LIST.fullmatch(raw):
        raise _invalid("ids_shape")
    return list(dict.fromkeys(items))


def _statement(paramstyle, size):
    key = (paramstyle, size)
    sql = _STATEMENTS.get(key)
    if sql is None:
        mark = "?" if paramstyle == "qmark" else "%s"
        sql = _STATEMENTS[key] = (f"SELECT id, approved_count FROM articles WHERE site_id = {mark}"
                                  f" AND id IN ({', '.join([mark] * size)})")
    return sql


def batch_counts(ids, site_id=DEFAULT_SITE_ID):
    """``{article_id: approved_count}`` for every id asked of the site, 0 for unknown ones, in one query.

    The statement goes to the driver as plain SQL (no compilation per request); the
    connection comes from the engine's pool and goes straight back.
    """
    engine = db.engine
    counts = dict.fromkeys(ids, 0)
    sql = _statement(engine.dialect.paramstyle, len(ids))
    with engine.connect() as connection:
        # fetchall: one call into the driver, not SQLAlchemy's per-row fetch (~1 µs a row).
        counts.update(connection.exec_driver_sql(sql, (site_id, *ids)).fetchall())
    return counts


def counts_json(counts):
    """``(JSON object text, strong ETag)`` of ``{id: count}``: keys sorted, the ETag a short hash of that text.

    The text is a function of the sorted ``id=count`` pairs and the ETag of the text, so
    the ETag changes exactly when a count in the batch changes (or the batch itself
    differs), and a CDN or browser revalidating gets a 304 for as long as nothing it
    shows moved. The answers embed this text as it is: one serialization does for both.
    """
    text = json.dumps(counts, sort_keys=True, separators=(",", ":"))
    return text, '"' + hashlib.blake2b(text.encode(), digest_size=10).hexdigest() + '"'


def counts_etag(counts):
    """The strong ETag, quoted, of ``{id: count}`` (see counts_json)."""
    return counts_json(counts)[1]


def article_answer(article_id, site_id=DEFAULT_SITE_ID):
    """``(body bytes, strong ETag)`` of ``/articles/<id>/count``; the body is a function of the count hashed."""
    counts = batch_counts([article_id], site_id)
    body = json.dumps({"article_id": article_id, "count": counts[article_id]}, sort_keys=True, separators=(",", ":"))
    return body.encode(), counts_etag(counts)


def batch_answer(raw_ids, site_id=DEFAULT_SITE_ID):
    """``(body bytes, strong ETag)`` of ``/counts?ids=<raw_ids>``; ServiceError(400) for a bad list."""
    text, etag = counts_json(batch_counts(parse_ids(raw_ids), site_id))
    return f'{{"counts":{text}}}'.encode(), etag


def etag_matches(tags, etag):
    """Does a parsed If-None-Match cover ``etag``? The weak comparison (RFC 9110 13.1.2): W/"x" matches "x"."""
    return tags.star_tag or tags.contains_weak(etag.strip('"'))


def caching_headers(answer, max_age, not_modified):
    """The headers of a counts answer (200 with its body, or a bare 304), for both ways it is served."""
    headers = [] if not_modified else [("Content-Type", "application/json"), ("Content-Length", str(len(answer.body)))]
    return headers + [("ETag", answer.etag), ("Cache-Control", f"public, max-age={max_age}")]


def adjust_approved(site_id, article_id, parent_id, delta):
    """The one upkeep of approved totals, inside the caller's transaction: a comment of the site's
    article entered (+1) or left (-1) the approved state. The article's ``approved_count`` moves,
    and so does its parent's ``reply_count`` when it is a reply. Every writer of a comment's status
    goes through this module: decisions, submissions, featuring and newsroom replies here, readers'
    erasures through ``adjust_many``, imports' batches through ``recount_replies``; so both columns
    always equal their rows (tests/services/test_count_invariant.py)."""
    adjust_many(site_id, {(article_id, parent_id): delta})


def adjust_many(site_id, deltas):
    """``adjust_approved`` for a batch: ``{(article_id, parent_id or None): delta}``, one statement
    for the articles and one UPDATE per parent whatever the number of comments (readers' erasures)."""
    articles, parents = Counter(), Counter()
    for (article_id, parent_id), delta in deltas.items():
        articles[article_id] += delta
        if parent_id is not None:
            parents[parent_id] += delta
    add_approved(site_id, articles)
    for parent_id, delta in parents.items():
        if delta:
            db.session.execute(update(Comment).where(Comment.id == parent_id)
                               .values(reply_count=Comment.reply_count + delta)
                               .execution_options(synchronize_session=False))


def add_approved(site_id, deltas):
    """Move each article's ``approved_count`` by its delta ({article id: delta}, zeros skipped), in
    one statement: ``UPDATE ... FROM unnest`` on PostgreSQL, one executemany on SQLite (an import's
    batch touches dozens of articles)."""
    items = sorted((article_id, delta) for article_id, delta in deltas.items() if delta)
    if not items:
        return
    if on_postgresql():
        db.session.execute(text(
            "UPDATE articles SET approved_count = articles.approved_count + d.delta "
            "FROM unnest(CAST(:ids AS VARCHAR[]), CAST(:deltas AS INTEGER[])) AS d(id, delta) "
            "WHERE articles.site_id = :site_id AND articles.id = d.id"),
            {"ids": [a for a, _ in items], "deltas": [d for _, d in items], "site_id": site_id})
        return
    table = Article.__table__
    db.session.execute(update(table).where(table.c.site_id == bindparam("s"), table.c.id == bindparam("a"))
                       .values(approved_count=table.c.approved_count + bindparam("d")),
                       [{"s": site_id, "a": a, "d": d} for a, d in items])


def recount_replies(parent_ids):
    """The same rule for a writer that knows which parents it touched but not by how much: each
    of these top-level comments' ``reply_count`` set to its approved replies, counted from the
    rows, inside the caller's transaction. An import calls it once per batch (the parents whose
    replies it inserted or whose replies' status the source changed), so a committed batch's
    reply counts are exact like its articles' counts.
    Wherever the deltas are known, ``adjust_many`` is the cheaper form of the same rule.

    On PostgreSQL the parents are locked first (in id order), then counted by a statement of its
    own: an UPDATE that waits for a parent's row lock counts from the snapshot it took before
    waiting, and would undo a moderator's approval committed meanwhile (its +1 counted nowhere;
    tests/services/test_recount_race.py). SQLite has one writer at a time."""
    ids = sorted(parent_ids)
    reply = aliased(Comment)
    # One statement on PostgreSQL (a round trip each); IN lists of 500 on SQLite.
    step = max(len(ids), 1) if on_postgresql() else 500
    for start in range(0, len(ids), step):
        if on_postgresql():
            db.session.execute(select(Comment.id).where(Comment.id.in_(ids[start:start + step]))
                               .order_by(Comment.id).with_for_update())
        approved = (select(func.count()).where(reply.parent_id == Comment.id, reply.status == Status.APPROVED)
                    .correlate(Comment).scalar_subquery())
        # updated_at stays: a count moved, the comment did not change.
        db.session.execute(update(Comment).where(Comment.id.in_(ids[start:start + step]))
                           .values(reply_count=approved, updated_at=Comment.updated_at)
                           .execution_options(synchronize_session=False))
