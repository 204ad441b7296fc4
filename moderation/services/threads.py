"""The public side of a thread: approved comments with their replies, and reader reports."""
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from moderation import messages
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Article, Comment, Report, Status
from moderation.services.paging import keyset_page
from moderation.core.text import normalize_line
from moderation.services.articles import comments_open, find_article


def approved_count(article_id, site_id=DEFAULT_SITE_ID):
    value = db.session.execute(select(Article.approved_count)
                               .where(Article.site_id == site_id, Article.id == article_id)).scalar()
    return value or 0


class Thread(NamedTuple):
    count: int
    items: list  # [(comment, [replies])]
    next_cursor: str | None
    open: bool  # whether readers may comment, so the page shows the form or says it is closed


def public_thread(article_id, limit=50, cursor=None, site_id=DEFAULT_SITE_ID):
    """A page of approved top-level comments of the site's article, oldest first, each with its approved replies."""
    query = select(Comment).where(Comment.site_id == site_id, Comment.article_id == article_id, Comment.status == Status.APPROVED,
                                  Comment.parent_id.is_(None))
    top, next_cursor = keyset_page(db.session, query, Comment.created_at, Comment.id, limit=limit, cursor=cursor,
                                   order="thread")
    replies = {c.id: [] for c in top}
    if top:
        rows = db.session.execute(
            select(Comment).where(Comment.parent_id.in_(list(replies)), Comment.status == Status.APPROVED)
            .order_by(Comment.created_at, Comment.id)).scalars()
        for reply in rows:
            replies[reply.parent_id].append(reply)
    return Thread(approved_count(article_id, site_id), [(c, replies[c.id]) for c in top], next_cursor,
                  comments_open(find_article(article_id, site_id), site_id=site_id))


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
