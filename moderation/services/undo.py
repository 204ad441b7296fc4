"""Undo: a moderator takes back their own last action (a whole bulk batch as one), within
UNDO_WINDOW, guarded like any decision so a colleague's later decision is never reversed.
"""
from datetime import timedelta

from sqlalchemy import func, or_, select

from moderation import messages
from moderation.core.states import Target
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Action, AuditEntry, Comment, Moderator, Report, utcnow
from moderation.services import audit
from moderation.services.decisions import Outcome, _rewrite, apply_status, last_decision
from moderation.services.sites import granted_site_ids

UNDOABLE = {Action.APPROVE, Action.REJECT, Action.UNAPPROVE, Action.EDIT, Action.KEEP}
# Undo reaches the moderator's own decisions of this long ago at most: older ones are history,
# reversed by a fresh decision, not by walking back past what colleagues have seen since.
UNDO_WINDOW = timedelta(minutes=30)


def last_undoable(moderator_id, now=None, window=500):
    """The moderator's latest decision not undone yet, with the rest of its batch when it was
    a bulk action (undo walks back one action per call), within UNDO_WINDOW, on the comments of
    the sites the moderator is granted now; [] when none."""
    since = (now or utcnow()) - UNDO_WINDOW
    statement = select(AuditEntry).where(AuditEntry.moderator_id == moderator_id, AuditEntry.created_at >= since)
    granted = granted_site_ids(db.session.get(Moderator, moderator_id))
    if granted is not None:
        # A site revoked since the action is out of reach, as its comments are everywhere else:
        # undo leaves them as they are and says nothing of them, and walks back what remains.
        statement = statement.where(or_(AuditEntry.comment_id.is_(None), AuditEntry.comment_id.in_(
            select(Comment.id).where(Comment.site_id.in_(sorted(granted))))))
    entries = list(db.session.execute(statement.order_by(AuditEntry.id.desc()).limit(window)).scalars())
    undone = {(e.details or {}).get("undoes") for e in entries if e.action == Action.UNDO}
    open_ = [e for e in entries if e.action in UNDOABLE and e.id not in undone]
    if not open_:
        return []
    batch = (open_[0].details or {}).get("batch")
    if batch is None:
        return open_[:1]
    return [e for e in open_ if (e.details or {}).get("batch") == batch]


def _is_latest(entry):
    """Is this still the last word on its comment? Comparing statuses is not enough: a colleague
    may have decided since and left the same status, and undo must not reverse their decision."""
    latest = db.session.execute(select(func.max(AuditEntry.id)).where(AuditEntry.comment_id == entry.comment_id))
    return latest.scalar() == entry.id


def _undo_one(entry, moderator_id):
    """Put one comment back as ``entry`` found it, inside the caller's transaction; True when done,
    None when a guarded write found the row changed under it (the caller rolls everything back)."""
    comment = db.session.get(Comment, entry.comment_id)
    details = {"undoes": entry.id, "action": entry.action.value}
    if (entry.details or {}).get("batch"):
        details["batch"] = entry.details["batch"]
    if entry.action == Action.KEEP:
        return restore_reports(comment, entry, moderator_id, details)
    if entry.from_status != entry.to_status:
        done = apply_status(comment, entry.from_status, action=Action.UNDO, moderator_id=moderator_id,
                            details=details)
    else:
        done = True
        audit.record(moderator_id, Action.UNDO, Target.COMMENT, comment.id, from_status=comment.status,
                     to_status=comment.status, details=details)
    old_text = (entry.details or {}).get("old_text")
    if done and old_text is not None:
        done = _rewrite(comment, old_text, entry.from_status, expected_text=entry.details.get("new_text"))
    return True if done else None


def _still_undoable(entry):
    """Nobody acted on the comment since ``entry`` (and its text is still the edit's)."""
    comment = db.session.get(Comment, entry.comment_id)
    new_text = (entry.details or {}).get("new_text")
    return (comment.status == entry.to_status and _is_latest(entry)
            and (new_text is None or comment.body_text == new_text))


def undo_last(moderator_id, now=None):
    """Undo the moderator's last action, a whole bulk batch included, as one transaction:
    each comment goes back as it was (status, text after an edit, reports after "keep").

    Guarded like any transition: a comment someone acted on since stays as it is, and its
    Outcome names them. Returns one Outcome per comment; ServiceError(404) when nothing is left
    to undo within UNDO_WINDOW.
    """
    entries = last_undoable(moderator_id, now)
    if not entries:
        raise ServiceError("not_found", 404, message=messages.NOTHING_TO_UNDO)
    done = {}
    for entry in reversed(entries):
        done[entry.comment_id] = _still_undoable(entry) and _undo_one(entry, moderator_id)
        if done[entry.comment_id] is None:
            # A race lost between the check and the write: the whole action changes nothing.
            db.session.rollback()
            done = dict.fromkeys(done, False)
            break
    db.session.commit()
    outcomes = []
    for entry in entries:
        comment = db.session.get(Comment, entry.comment_id)
        db.session.refresh(comment)
        outcomes.append(Outcome(comment, True) if done[entry.comment_id]
                        else Outcome(comment, False, last_decision(comment.id)))
    return outcomes


def restore_reports(comment, entry, moderator_id, details):
    """The undo of ``keep``: the reports it dismissed count again, inside the caller's transaction."""
    report_ids = (entry.details or {}).get("reports") or []
    reopened = db.session.execute(db.update(Report).where(Report.id.in_(report_ids), Report.dismissed_at.is_not(None))
                                  .values(dismissed_at=None).execution_options(synchronize_session=False)).rowcount
    db.session.execute(db.update(Comment).where(Comment.id == comment.id)
                       .values(report_count=Comment.report_count + reopened, updated_at=utcnow())
                       .execution_options(synchronize_session=False))
    audit.record(moderator_id, Action.UNDO, Target.COMMENT, comment.id, from_status=comment.status,
                 to_status=comment.status, details=details)
    return True
