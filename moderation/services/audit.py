"""The audit log as the moderators read it: every decision, newest first, by moderator or by comment.

Rows are written by ``review`` (and by submission, for automatic rejections); this module
only reads them, keyset-paginated on (created_at, id) like the queue.
"""
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import AuditEntry, Comment, Moderator
from moderation.services.paging import keyset_page


def audit_log(moderator_id=None, comment_id=None, limit=50, cursor=None):
    """(entries, next_cursor or None), newest first, optionally for one moderator and/or one comment."""
    query = select(AuditEntry)
    if moderator_id is not None:
        query = query.where(AuditEntry.moderator_id == moderator_id)
    if comment_id is not None:
        query = query.where(AuditEntry.comment_id == comment_id)
    return keyset_page(db.session, query, AuditEntry.created_at, AuditEntry.id, limit=limit, cursor=cursor,
                       newest_first=True, order="audit")


def moderator_choices():
    """[(id, username)] of every moderator, for the log's filter."""
    return db.session.execute(select(Moderator.id, Moderator.username).order_by(Moderator.username)).all()


def find_comment(comment_id):
    return db.session.get(Comment, comment_id) if comment_id is not None else None
