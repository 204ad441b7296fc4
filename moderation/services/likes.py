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

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Comment, CommentLike, Status, utcnow

MAX_PER_IP = 20


class LikeState(NamedTuple):
    id: int
    likes: int
    liked: bool


def _approved_likes(comment_id):
    """The comment's like count, or 404 unless it is approved."""
    row = db.session.execute(select(Comment.status, Comment.likes).where(Comment.id == comment_id)).first()
    db.session.rollback()  # a read: nothing to keep, and no transaction left open
    if row is None or row.status != Status.APPROVED:
        raise ServiceError("not_found", 404)
    return row.likes


def _bump(comment_id, delta):
    """``likes + delta`` on the approved comment, returning the new count; None if it is no longer approved."""
    return db.session.execute(
        update(Comment).where(Comment.id == comment_id, Comment.status == Status.APPROVED)
        .values(likes=Comment.likes + delta).returning(Comment.likes)
        .execution_options(synchronize_session=False)).scalar()


def _mine(comment_id, reader_hash):
    return db.session.execute(select(CommentLike.id).where(CommentLike.comment_id == comment_id,
                                                           CommentLike.reader_hash == reader_hash)).first()


def like(comment_id, *, reader_hash, ip_hash):
    """Add the reader's like to an approved comment; idempotent; see the module docstring for the cap.

    The usual case is three statements and a commit: the address's likes of the comment (an index
    lookup), the INSERT, and ``likes = likes + 1 ... RETURNING likes`` guarded on the status. A
    repeat is the unique index refusing the INSERT; a comment not approved (or missing) is the
    guarded UPDATE matching nothing, and the INSERT is rolled back with it.
    """
    from_ip = db.session.execute(select(func.count()).select_from(CommentLike).where(
        CommentLike.comment_id == comment_id, CommentLike.ip_hash == ip_hash)).scalar()
    if from_ip >= MAX_PER_IP:
        liked = _mine(comment_id, reader_hash) is not None
        return LikeState(comment_id, _approved_likes(comment_id), liked)
    try:
        db.session.execute(insert(CommentLike).values(comment_id=comment_id, reader_hash=reader_hash,
                                                      ip_hash=ip_hash, created_at=utcnow()))
    except IntegrityError:  # this key's like is there already (or the comment is not: 404 below)
        db.session.rollback()
        return LikeState(comment_id, _approved_likes(comment_id), True)
    likes = _bump(comment_id, 1)
    if likes is None:
        db.session.rollback()
        raise ServiceError("not_found", 404)
    db.session.commit()
    return LikeState(comment_id, likes, True)


def unlike(comment_id, *, reader_hash):
    """Take the reader's like back from an approved comment; idempotent."""
    likes = _approved_likes(comment_id)
    gone = db.session.execute(db.delete(CommentLike).where(CommentLike.comment_id == comment_id,
                                                          CommentLike.reader_hash == reader_hash)
                              .execution_options(synchronize_session=False)).rowcount
    if not gone:
        db.session.rollback()
        return LikeState(comment_id, likes, False)
    likes = _bump(comment_id, -1)
    if likes is None:
        db.session.rollback()
        raise ServiceError("not_found", 404)
    db.session.commit()
    return LikeState(comment_id, likes, False)
