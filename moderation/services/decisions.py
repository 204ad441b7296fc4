"""Moderator decisions. Each is one transaction: the status change, the article's
approved count and the audit row, guarded by a conditional UPDATE so that two
moderators (or two instances) acting at once can never apply it twice.
"""
from dataclasses import dataclass

from sqlalchemy import func, select

from moderation import messages
from moderation.services.bans import add_submitter_bans
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Target
from moderation.models import Action, Article, AuditEntry, Comment, Status, utcnow
from moderation.services import audit
from moderation.core.text import normalize, render_html

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
    audit.record(moderator_id, action, Target.COMMENT, comment.id, from_status=from_status, to_status=to_status,
                 reason=reason, details=details)
    return True


def transition(comment_id, action, *, moderator_id=None, reason=None):
    """Approve, reject or unapprove; idempotent for a repeat, 409 where the state forbids it."""
    action = Action(action)
    target = TARGET[action]
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("not_found", 404)
    if comment.status == target and action != Action.UNAPPROVE:
        db.session.rollback()
        return Outcome(comment, False, last_decider(comment_id))
    if comment.status not in ALLOWED_FROM[action]:
        db.session.rollback()
        raise _conflict(comment)
    # A lost race changes nothing: the moderator who got there first decided, and is named.
    return _finish(comment_id, apply_status(comment, target, action=action, moderator_id=moderator_id,
                                            reason=reason))


def _conflict(comment):
    """409 naming the comment's state and who made it, so a second moderator knows who acted first."""
    return ServiceError("conflict", 409,
                        message=messages.conflict(Status(comment.status).value, last_decider(comment.id)))


def _rewrite(comment_id, text, status, expected_text=None):
    """Replace the text, re-rendered through moderation.text, only while the row is still in ``status``."""
    condition = [Comment.id == comment_id, Comment.status == status]
    if expected_text is not None:
        condition.append(Comment.body_text == expected_text)
    result = db.session.execute(
        db.update(Comment).where(*condition).values(body_text=text, body_html=render_html(text), updated_at=utcnow())
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _edited_text(body, max_length):
    text = normalize(body or "")
    if not text:
        raise ServiceError("validation", 400, {"body": messages.FIELDS["required"]})
    if len(text) > max_length:
        raise ServiceError("validation", 400, {"body": messages.FIELDS["too_long"] % {"max": max_length}})
    return text


def edit_and_approve(comment_id, body, *, moderator_id, max_length=3000):
    """Replace what readers will see and approve it, in one guarded transaction.

    The audit row (action "edit") keeps the text before and after, so the edit stays in
    the comment's history and can be undone; an approved comment is edited in place.
    """
    text = _edited_text(body, max_length)
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("not_found", 404)
    if comment.body_text == text and comment.status == Status.APPROVED:
        db.session.rollback()
        return Outcome(comment, False, last_decider(comment_id))
    details = {"old_text": comment.body_text, "new_text": text}
    if comment.status == Status.APPROVED:
        done = _rewrite(comment.id, text, Status.APPROVED, expected_text=comment.body_text)
        if done:
            audit.record(moderator_id, Action.EDIT, Target.COMMENT, comment.id, from_status=Status.APPROVED,
                         to_status=Status.APPROVED, details=details)
    else:
        done = (apply_status(comment, Status.APPROVED, action=Action.EDIT, moderator_id=moderator_id,
                             details=details) and _rewrite(comment.id, text, Status.APPROVED))
    return _finish(comment_id, done)


def _finish(comment_id, done):
    """Commit a guarded change, or roll it back and tell who got there first."""
    if not done:
        db.session.rollback()
        comment = db.session.get(Comment, comment_id)
        db.session.refresh(comment)
        return Outcome(comment, False, last_decider(comment_id))
    db.session.commit()
    comment = db.session.get(Comment, comment_id)
    db.session.refresh(comment)
    return Outcome(comment, True)


UNDOABLE = {Action.APPROVE, Action.REJECT, Action.UNAPPROVE, Action.EDIT}


def last_undoable(moderator_id, window=50):
    """The moderator's latest decision not undone yet (undo walks back one decision per call)."""
    entries = db.session.execute(select(AuditEntry).where(AuditEntry.moderator_id == moderator_id)
                                 .order_by(AuditEntry.id.desc()).limit(window)).scalars()
    undone = set()
    for entry in entries:
        if entry.action == Action.UNDO:
            undone.add((entry.details or {}).get("undoes"))
        elif entry.action in UNDOABLE and entry.id not in undone:
            return entry
    return None


def _is_latest(entry):
    """Is this still the last word on its comment? Comparing statuses is not enough: a colleague
    may have decided since and left the same status, and undo must not reverse their decision."""
    latest = db.session.execute(select(func.max(AuditEntry.id)).where(AuditEntry.comment_id == entry.comment_id))
    return latest.scalar() == entry.id


def undo_last(moderator_id):
    """Put the comment of the moderator's last decision back as it was (status, and text after an edit).

    Guarded like any transition: if someone acted on the comment since, nothing changes and
    the Outcome names them. ServiceError(404) when there is nothing to undo.
    """
    entry = last_undoable(moderator_id)
    if entry is None:
        raise ServiceError("not_found", 404, message=messages.NOTHING_TO_UNDO)
    comment = db.session.get(Comment, entry.comment_id)
    if comment.status != entry.to_status or not _is_latest(entry):
        return _finish(comment.id, False)
    details = {"undoes": entry.id, "action": entry.action.value}
    if entry.from_status != entry.to_status:
        done = apply_status(comment, entry.from_status, action=Action.UNDO, moderator_id=moderator_id,
                            details=details)
    else:
        done = True
        audit.record(moderator_id, Action.UNDO, Target.COMMENT, comment.id, from_status=comment.status,
                     to_status=comment.status, details=details)
    old_text = (entry.details or {}).get("old_text")
    if done and old_text is not None:
        done = _rewrite(comment.id, old_text, entry.from_status, expected_text=entry.details.get("new_text"))
    return _finish(comment.id, done)


@dataclass(frozen=True)
class BulkResult:
    comment_id: int
    outcome: Outcome | None
    error: str | None = None


MAX_BULK = 100


def bulk_transition(comment_ids, action, *, moderator_id, reason=None):
    """Approve or reject many comments, each in its own guarded transaction, so one conflict
    (or one comment gone) does not hold back the rest. At most MAX_BULK ids."""
    if not comment_ids or len(comment_ids) > MAX_BULK:
        raise ServiceError("validation", 400, {"ids": messages.ERRORS["validation"]})
    results = []
    for comment_id in dict.fromkeys(comment_ids):
        try:
            outcome = transition(comment_id, action, moderator_id=moderator_id, reason=reason)
            results.append(BulkResult(comment_id, outcome))
        except ServiceError as error:
            results.append(BulkResult(comment_id, None, error.code))
    return results


def ban_and_reject(comment_id, *, moderator_id, reason=None, expires_at=None):
    """Ban whoever wrote the comment (by email and IP hash) and reject the comment itself, in one
    transaction with an audit row for each. A lost race on the rejection rolls the bans back too
    and names who acted first, like any decision."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("not_found", 404)
    add_submitter_bans(comment, moderator_id, reason or "", expires_at)
    if comment.status == Status.REJECTED:
        db.session.commit()
        return Outcome(comment, False, last_decider(comment_id))
    return _finish(comment_id, apply_status(comment, Status.REJECTED, action=Action.REJECT,
                                            moderator_id=moderator_id, reason=reason))
