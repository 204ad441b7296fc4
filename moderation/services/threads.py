"""The public side of a thread: approved comments with their replies, and reader reports."""
import base64
import re
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError

from moderation import messages
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Article, Comment, Report, Status
from moderation.core.text import normalize_line
from moderation.services.articles import comments_open, find_article

MAX_LIMIT = 100


def encode_cursor(created_at, comment_id):
    raw = f"{created_at.isoformat()}|{comment_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    """(created_at, id) from an opaque cursor; ServiceError(400) when it was not ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, comment_id = raw.split("|")
        created_at = datetime.fromisoformat(stamp)
        if created_at.tzinfo is None:
            raise ValueError
        return created_at, int(comment_id)
    except (ValueError, UnicodeError):
        raise ServiceError("validation", 400, {"cursor": messages.FIELDS["cursor"]}) from None


def parse_limit(value, default=50):
    if value in (None, ""):
        return default
    # [0-9], not str.isdigit(): that accepts "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,3}", str(value)) or not 1 <= int(value) <= MAX_LIMIT:
        raise ServiceError("validation", 400, {"limit": messages.FIELDS["limit"]})
    return int(value)


def after(cursor_pair):
    created_at, comment_id = cursor_pair
    return or_(Comment.created_at > created_at, and_(Comment.created_at == created_at, Comment.id > comment_id))


def approved_count(article_id):
    value = db.session.execute(select(Article.approved_count).where(Article.id == article_id)).scalar()
    return value or 0


class Thread(NamedTuple):
    count: int
    items: list  # [(comment, [replies])]
    next_cursor: str | None
    open: bool  # whether readers may comment, so the page shows the form or says it is closed


def public_thread(article_id, limit=50, cursor=None):
    """A page of approved top-level comments, oldest first, each with its approved replies."""
    query = (select(Comment).where(Comment.article_id == article_id, Comment.status == Status.APPROVED,
                                   Comment.parent_id.is_(None))
             .order_by(Comment.created_at, Comment.id).limit(limit + 1))
    if cursor:
        query = query.where(after(decode_cursor(cursor)))
    top = list(db.session.execute(query).scalars())
    next_cursor = None
    if len(top) > limit:
        top = top[:limit]
        next_cursor = encode_cursor(top[-1].created_at, top[-1].id)
    replies = {c.id: [] for c in top}
    if top:
        rows = db.session.execute(
            select(Comment).where(Comment.parent_id.in_(list(replies)), Comment.status == Status.APPROVED)
            .order_by(Comment.created_at, Comment.id)).scalars()
        for reply in rows:
            replies[reply.parent_id].append(reply)
    return Thread(approved_count(article_id), [(c, replies[c.id]) for c in top], next_cursor,
                  comments_open(find_article(article_id)))


def report_comment(comment_id, reason, ip_hash):
    """Record a reader's flag on an approved comment; one per reader per comment."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.status != Status.APPROVED:
        raise ServiceError("not_found", 404)
    if reason is not None and not isinstance(reason, str):
        raise ServiceError("validation", 400, {"reason": messages.FIELDS["not_text"]})
    reason = normalize_line(reason or "")
    if len(reason) > 500:
        raise ServiceError("validation", 400, {"reason": messages.FIELDS["too_long"] % {"max": 500}})
    try:
        db.session.add(Report(comment_id=comment_id, reason=reason, ip_hash=ip_hash))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    db.session.execute(db.update(Comment).where(Comment.id == comment_id)
                       .values(report_count=Comment.report_count + 1))
    db.session.commit()
    return True
