"""Moderator decisions. Each is one transaction: the status change, the article's
approved count and the audit row, guarded by a conditional UPDATE so that two
moderators (or two instances) acting at once can never apply it twice.
"""
from dataclasses import dataclass

from sqlalchemy import select

from .errors import ServiceError
from .extensions import db
from .models import Action, Article, AuditEntry, Comment, Status, utcnow

TARGET = {Action.APPROVE: Status.APPROVED, Action.REJECT: Status.REJECTED, Action.UNAPPROVE: Status.PENDING}
ALLOWED_FROM = {
    Action.APPROVE: {Status.PENDING, Status.REJECTED},
    Action.REJECT: {Status.PENDING, Status.APPROVED},
    Action.UNAPPROVE: {Status.APPROVED},
}


@dataclass(frozen=True)
class Outcome:
    comment: Comment
    changed: bool
    # Who made the comment's current state, when this call changed nothing.
    decided_by: str | None = None


def last_decider(comment_id):
    """Username of the last moderator who acted on the comment, for "already done by X"."""
    entry = db.session.execute(
        select(AuditEntry).where(AuditEntry.comment_id == comment_id, AuditEntry.moderator_id.is_not(None))
        .order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    return entry.moderator.username if entry else None


def _count_delta(from_status, to_status):
    return (to_status == Status.APPROVED) - (from_status == Status.APPROVED)


def apply_status(comment, to_status, *, action, moderator_id=None, reason=None, details=None):
    """Move one comment to ``to_status`` inside the caller's transaction.

    Returns False, changing nothing, when the row was no longer in the state read:
    another transaction got there first.
    """
    from_status = comment.status
    now = utcnow()
    result = db.session.execute(
        db.update(Comment).where(Comment.id == comment.id, Comment.status == from_status)
        .values(status=to_status, moderated_at=now, moderated_by_id=moderator_id, updated_at=now)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    delta = _count_delta(from_status, to_status)
    if delta:
        db.session.execute(db.update(Article).where(Article.id == comment.article_id)
                           .values(approved_count=Article.approved_count + delta))
    db.session.add(AuditEntry(comment_id=comment.id, moderator_id=moderator_id, action=action,
                              from_status=from_status, to_status=to_status, reason=reason,
                              details=details or {}))
    return True


def transition(comment_id, action, *, moderator_id=None, reason=None):
    """Approve, reject or unapprove; idempotent for a repeat, 409 where the state forbids it."""
    action = Action(action)
    target = TARGET[action]
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("not_found", 404)
    for _ in range(2):
        if comment.status == target and action != Action.UNAPPROVE:
            db.session.rollback()
            return Outcome(comment, False, last_decider(comment_id))
        if comment.status not in ALLOWED_FROM[action]:
            db.session.rollback()
            raise ServiceError("conflict", 409, message=None)
        if apply_status(comment, target, action=action, moderator_id=moderator_id, reason=reason):
            db.session.commit()
            db.session.refresh(comment)
            return Outcome(comment, True)
        # Lost the race: read what the winner left and judge again.
        db.session.rollback()
        comment = db.session.get(Comment, comment_id)
    raise ServiceError("conflict", 409)
