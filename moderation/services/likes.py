"""Readers' likes ("Thích"): one per reader key per comment, counted in a column.

The contract: only an approved comment can be liked or unliked (ServiceError 404 otherwise,
the same answer as a missing one). A repeat changes nothing. One address (``ip_hash``) adds
at most ``MAX_PER_IP`` likes to a comment whatever the number of keys it makes up; past that
a like is answered as not given (``liked`` false) rather than refused, so a newsroom behind one
NAT sees nothing odd and a key rotator learns nothing. ``comments.likes`` moves in the like's
own transaction with an atomic ``likes = likes + 1`` (never read-modify-write, never a COUNT at
read time), so it always equals ``imported_likes`` plus the rows (tests/services/test_count_invariant.py).

Likes are not audited: like reports, they are readers' signals, not decisions, and an audit
row per like would outgrow the comments.
"""
from typing import NamedTuple

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Status, utcnow
from moderation.services.driver_sql import on_postgresql, run as _run, utc

MAX_PER_IP = 20

# Each rule is a condition of the one statement that adds the like, so the usual case is two
# statements and a commit. Written once as SQL text (the same on SQLite and PostgreSQL) and sent
# to the driver as it is (services/driver_sql.py): built as ORM expressions at every call, the
# statements cost more CPU than the database answering them (a like under gunicorn: ~7.5 ms of
# CPU, SQLite's own work under 10 %).
_APPROVED = f"SELECT 1 FROM comments WHERE id = :comment_id AND status = '{Status.APPROVED.value}'"

# The like, unless the comment is not approved or the address has reached the cap; the unique
# index (comment_id, reader_hash) answers a repeat. A row back means a like was added. The casts
# tell PostgreSQL the types of parameters used both as values and in comparisons.
_ADD = f"""
INSERT INTO comment_likes (comment_id, reader_hash, ip_hash, created_at)
SELECT CAST(:comment_id AS INTEGER), CAST(:reader_hash AS VARCHAR(64)), CAST(:ip_hash AS VARCHAR(64)), :now
WHERE EXISTS ({_APPROVED})
  AND (SELECT count(*) FROM comment_likes WHERE comment_id = :comment_id AND ip_hash = :ip_hash) < :cap
ON CONFLICT (comment_id, reader_hash) DO NOTHING
RETURNING id"""

_REMOVE = f"""
DELETE FROM comment_likes WHERE comment_id = :comment_id AND reader_hash = :reader_hash AND EXISTS ({_APPROVED})
RETURNING id"""

# The count, guarded on the status: a comment unapproved between the two statements (another
# transaction, on PostgreSQL) matches nothing and the like is rolled back with it.
_BUMP = (f"UPDATE comments SET likes = likes + :delta WHERE id = :comment_id AND status = '{Status.APPROVED.value}'"
         " RETURNING likes")

# PostgreSQL: the comment's row, locked before the INSERT counts the address's likes. Under READ
# COMMITTED each statement counts what committed before it began, so a burst of parallel likes
# from one address each saw room under the cap (30 of 30 went in; tests/services/test_like_cap_race.py).
# With the row the count UPDATE locks anyway taken first, likes of one comment take turns and each
# INSERT counts the ones before it. SQLite has one writer at a time.
_TAKE_TURNS = "SELECT id FROM comments WHERE id = :comment_id FOR UPDATE"

# What a like that added nothing answers: the status, the count and whether this key likes it.
_AS_IT_IS = """
SELECT status, likes,
       EXISTS (SELECT 1 FROM comment_likes WHERE comment_id = :comment_id AND reader_hash = :reader_hash)
FROM comments WHERE id = :comment_id"""


class LikeState(NamedTuple):
    """A like's answer, field for field: ``{"id": 17, "likes": 12, "liked": true}``."""

    id: int
    likes: int
    liked: bool


def _as_it_is(comment_id, reader_hash):
    """The comment's state for this reader, or 404 unless it is approved; ends the transaction."""
    row = _run(_AS_IT_IS, {"comment_id": comment_id, "reader_hash": reader_hash}).first()
    db.session.rollback()  # nothing was written: no transaction left open
    if row is None or row[0] != Status.APPROVED.value:
        raise ServiceError("not_found", 404)
    return LikeState(comment_id, row[1], bool(row[2]))


def _bump_and_commit(comment_id, delta, liked):
    likes = _run(_BUMP, {"comment_id": comment_id, "delta": delta}).scalar()
    if likes is None:
        db.session.rollback()
        raise ServiceError("not_found", 404)
    db.session.commit()
    return LikeState(comment_id, likes, liked)


def like(comment_id, *, reader_hash, ip_hash):
    """Add the reader's like to an approved comment; idempotent; see the module docstring for the cap.

    Two statements and a commit: the guarded INSERT and ``likes = likes + 1 ... RETURNING likes``
    (on PostgreSQL after the comment's row lock, ``_TAKE_TURNS``).
    When the INSERT adds nothing (a repeat, the address at the cap, a comment not approved or
    missing), one read tells which, and nothing is written.
    """
    if on_postgresql():
        _run(_TAKE_TURNS, {"comment_id": comment_id})
    added = _run(_ADD, {"comment_id": comment_id, "reader_hash": reader_hash, "ip_hash": ip_hash,
                        "now": utc(utcnow()), "cap": MAX_PER_IP}).scalar()
    if added is None:
        return _as_it_is(comment_id, reader_hash)
    return _bump_and_commit(comment_id, 1, True)


def unlike(comment_id, *, reader_hash):
    """Take the reader's like back from an approved comment; idempotent."""
    removed = _run(_REMOVE, {"comment_id": comment_id, "reader_hash": reader_hash}).scalar()
    if removed is None:
        return _as_it_is(comment_id, reader_hash)._replace(liked=False)
    return _bump_and_commit(comment_id, -1, False)
