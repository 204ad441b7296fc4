"""Moderator decisions. Each is one transaction: the status change, the article's
approved count and the audit row, guarded by a conditional UPDATE so that two
moderators (or two instances) acting at once can never apply it twice.

A caller may pass the status the moderator saw (``expected_status``): when the comment has
moved since, the decision is refused with a 409 whose message names who acted and when
(``messages.already_done``, the one such sentence). Bulk actions share a batch id in their
audit rows, so ``undo.undo_last`` takes a batch back as one action; "keep" dismisses a
comment's open reports and is undone like any decision.
"""
from dataclasses import dataclass
from uuid import uuid4

from sqlalchemy import select

from moderation import messages
from moderation.services.bans import add_submitter_bans
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Target
from moderation.models import Action, AuditEntry, Comment, Report, Status, utcnow
from moderation.services import audit, notifications
from moderation.services.counts import adjust_approved
from moderation.services.sites import may_act_on
from moderation.core.text import normalize, render_html, search_text

TARGET = {Action.APPROVE: Status.APPROVED, Action.REJECT: Status.REJECTED, Action.UNAPPROVE: Status.PENDING}
ALLOWED_FROM = {
    Action.APPROVE: {Status.PENDING, Status.REJECTED},
    Action.REJECT: {Status.PENDING, Status.APPROVED},
    Action.UNAPPROVE: {Status.APPROVED},
}


@dataclass(frozen=True)
class LastDecision:
    """The audit row that made a comment's current state: who (None for the system) and when."""
    who: str | None
    at: object


@dataclass(frozen=True)
class Outcome:
    comment: Comment
    changed: bool
    # Who made the comment's current state, and when, when this call changed nothing.
    last: LastDecision | None = None

    @property
    def decided_by(self):
        return self.last.who if self.last else None

    @property
    def note(self):
        """The "already done by X" sentence (messages.already_done) for an unchanged outcome."""
        return already_done(self.comment, self.last)


def last_decision(comment_id):
    """The latest audit row on the comment, or None: one indexed query (ix_audit_log_comment)."""
    entry = db.session.execute(
        select(AuditEntry).where(AuditEntry.comment_id == comment_id)
        .order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    if entry is None:
        return None
    return LastDecision(entry.moderator.username if entry.moderator else None, entry.created_at)


def already_done(comment, last):
    return messages.already_done(Status(comment.status).value, last.who if last else None,
                                 last.at if last else None)


def parse_expected(value):
    """The status the moderator saw (``expected_status``), or None when not sent; 400 when not a status."""
    if value in (None, ""):
        return None
    try:
        return Status(value)
    except ValueError:
        raise ServiceError("validation", 400, {"expected_status": messages.ERRORS["validation"]}) from None


def _unchanged(comment):
    db.session.rollback()
    return Outcome(comment, False, last_decision(comment.id))


def _check_expected(comment, expected_status):
    """A page loaded before a colleague acted must not override them: 409 when the comment moved."""
    if expected_status is not None and comment.status != expected_status:
        db.session.rollback()
        raise _conflict(comment)


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
    adjust_approved(comment.site_id, comment.article_id, comment.parent_id, _count_delta(from_status, to_status))
    audit.record(moderator_id, action, Target.COMMENT, comment.id, from_status=from_status, to_status=to_status,
                 reason=reason, details=details)
    if to_status == Status.APPROVED and action in (Action.APPROVE, Action.EDIT):
        # Queued in this transaction: a decision rolled back mails nothing (services/notifications.py).
        notifications.comment_published(comment)
        notifications.reply_published(comment)
    return True


def transition(comment_id, action, *, moderator_id=None, reason=None, expected_status=None, details=None):
    """Approve, reject or unapprove; idempotent for a repeat, 409 where the state forbids it
    or where the comment is no longer in ``expected_status`` (the state the moderator saw)."""
    action = Action(action)
    target = TARGET[action]
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    if comment.status == target and action != Action.UNAPPROVE:
        return _unchanged(comment)
    if comment.status not in ALLOWED_FROM[action]:
        db.session.rollback()
        raise _conflict(comment)
    # A lost race changes nothing: the moderator who got there first decided, and is named.
    return _finish(comment_id, apply_status(comment, target, action=action, moderator_id=moderator_id,
                                            reason=reason, details=details))


def _comment(comment_id, moderator_id=None):
    """The comment, or 404: also for a comment of a site the moderator is not granted, exactly
    as for one that does not exist, so other sites' comments cannot even be probed for."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or not may_act_on(moderator_id, comment.site_id):
        raise ServiceError("not_found", 404)
    return comment


def _conflict(comment):
    """409 naming the comment's state and who made it when, so a second moderator knows who acted first."""
    return ServiceError("conflict", 409, message=already_done(comment, last_decision(comment.id)))


def _rewrite(comment, text, status, expected_text=None):
    """Replace the text, re-rendered through moderation.text, only while the row is still in ``status``."""
    condition = [Comment.id == comment.id, Comment.status == status]
    if expected_text is not None:
        condition.append(Comment.body_text == expected_text)
    result = db.session.execute(
        db.update(Comment).where(*condition).values(body_text=text, body_html=render_html(text),
                                          search_text=search_text(text, comment.author, comment.email),
                                          updated_at=utcnow())
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def _edited_text(body, max_length):
    text = normalize(body or "")
    if not text:
        raise ServiceError("validation", 400, {"body": messages.FIELDS["body_required"]})
    if len(text) > max_length:
        raise ServiceError("validation", 400, {"body": messages.FIELDS["too_long"] % {"max": max_length}})
    return text


def edit_and_approve(comment_id, body, *, moderator_id, max_length=3000, expected_status=None):
    """Replace what readers will see and approve it, in one guarded transaction.

    The audit row (action "edit") keeps the text before and after, so the edit stays in
    the comment's history and can be undone; an approved comment is edited in place.
    """
    text = _edited_text(body, max_length)
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    if comment.body_text == text and comment.status == Status.APPROVED:
        return _unchanged(comment)
    details = {"old_text": comment.body_text, "new_text": text}
    if comment.status == Status.APPROVED:
        done = _rewrite(comment, text, Status.APPROVED, expected_text=comment.body_text)
        if done:
            audit.record(moderator_id, Action.EDIT, Target.COMMENT, comment.id, from_status=Status.APPROVED,
                         to_status=Status.APPROVED, details=details)
    else:
        done = (apply_status(comment, Status.APPROVED, action=Action.EDIT, moderator_id=moderator_id,
                             details=details) and _rewrite(comment, text, Status.APPROVED))
    return _finish(comment_id, done)


def _finish(comment_id, done):
    """Commit a guarded change, or roll it back and tell who got there first."""
    if not done:
        db.session.rollback()
        comment = db.session.get(Comment, comment_id)
        db.session.refresh(comment)
        return Outcome(comment, False, last_decision(comment_id))
    db.session.commit()
    comment = db.session.get(Comment, comment_id)
    db.session.refresh(comment)
    return Outcome(comment, True)


def keep(comment_id, *, moderator_id, expected_status=None):
    """Keep a reported comment ("giữ bình luận, bỏ qua báo cáo"): its open reports are dismissed,
    so it leaves the reported tab; the Report rows stay as history and the audit row lists them,
    so undo can reopen exactly those. Guarded on the open count read, like a transition."""
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    if not comment.report_count:
        return _unchanged(comment)
    now = utcnow()
    result = db.session.execute(
        db.update(Comment).where(Comment.id == comment.id, Comment.report_count == comment.report_count)
        .values(report_count=0, updated_at=now).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return _finish(comment_id, False)
    report_ids = list(db.session.execute(select(Report.id).where(Report.comment_id == comment.id,
                                                                 Report.dismissed_at.is_(None))).scalars())
    db.session.execute(db.update(Report).where(Report.id.in_(report_ids)).values(dismissed_at=now)
                       .execution_options(synchronize_session=False))
    audit.record(moderator_id, Action.KEEP, Target.COMMENT, comment.id, from_status=comment.status,
                 to_status=comment.status, details={"reports": report_ids})
    return _finish(comment_id, True)


@dataclass(frozen=True)
class BulkResult:
    comment_id: int
    outcome: Outcome | None
    error: str | None = None


MAX_BULK = 100


def bulk_transition(comment_ids, action, *, moderator_id, reason=None, expected=None):
    """Approve or reject many comments, each in its own guarded transaction, so one conflict
    (or one comment gone) does not hold back the rest. At most MAX_BULK ids; ``expected`` maps
    an id to the status the moderator saw. The audit rows share a batch id, so undo takes the
    batch back as one action."""
    if not comment_ids or len(comment_ids) > MAX_BULK:
        raise ServiceError("validation", 400, {"ids": messages.ERRORS["validation"]})
    expected = expected or {}
    details = {"batch": uuid4().hex[:16]}
    results = []
    for comment_id in dict.fromkeys(comment_ids):
        try:
            outcome = transition(comment_id, action, moderator_id=moderator_id, reason=reason,
                                 expected_status=expected.get(comment_id), details=details)
            results.append(BulkResult(comment_id, outcome))
        except ServiceError as error:
            results.append(BulkResult(comment_id, None, error.code))
    return results


def ban_and_reject(comment_id, *, moderator_id, reason=None, expires_at=None, expected_status=None,
                   by_email=True, by_ip=True, ip_expires_at=None):
    """Ban whoever wrote the comment (by email and/or IP hash, as the moderator chose; see
    bans.add_submitter_bans for the address ban's default expiry) and reject the comment itself,
    in one transaction with an audit row for each. A lost race on the rejection rolls the bans
    back too and names who acted first, like any decision."""
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    add_submitter_bans(comment, moderator_id, reason or "", expires_at, by_email=by_email, by_ip=by_ip,
                       ip_expires_at=ip_expires_at)
    if comment.status == Status.REJECTED:
        db.session.commit()
        return Outcome(comment, False, last_decision(comment_id))
    return _finish(comment_id, apply_status(comment, Status.REJECTED, action=Action.REJECT,
                                            moderator_id=moderator_id, reason=reason))
