"""Editor's picks ("Bình luận nổi bật"): a moderator marks an approved comment, readers see it
marked in the thread and in the site's homepage block (``featured``).

Contract:
- ``feature`` on an approved comment stamps ``featured_at``/``featured_by_id``; on a pending one
  it also approves it, in the same transaction and under the same guard as any decision
  (``decisions.apply_status``: the article's count, the parent's reply count, one audit row,
  action "feature", pending → approved). A lost race changes nothing and names who won.
- A rejected comment is refused with a 409 (``messages.FEATURE_REJECTED``): it was judged unfit,
  by a colleague or a word rule, and a newsroom does not want it published as a highlight by a
  side effect; approving it is one deliberate, undoable click away.
- ``unfeature`` clears the pick and leaves the comment approved. Both are idempotent: a repeat
  changes nothing and says so. Neither is in undo's reach: the other one is its undo.
- Scoped like every decision: another site's comment is a 404, exactly like a missing one.
- Only approved picks are listed: a pick later unapproved or rejected keeps its stamp, hidden,
  and shows again if it is approved again.
"""
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from moderation import messages
from moderation.core.states import Action, Status, Target
from moderation.core.times import local_iso
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Article, Comment, utcnow
from moderation.services import audit, notifications
from moderation.services.decisions import _check_expected, _comment, _finish, already_done, apply_status, last_decision

MAX_FEATURED = 20
DEFAULT_FEATURED = 5


@dataclass(frozen=True)
class Pick:
    """What a feature/unfeature did: the comment after it, whether it changed, whether it approved."""
    comment: Comment
    changed: bool
    approved: bool = False

    @property
    def message(self):
        cid = self.comment.id
        if not self.changed and self.comment.status != Status.APPROVED:
            # A colleague decided first (a lost race): say who, as any decision does.
            return str(already_done(self.comment, last_decision(cid)))
        if self.comment.featured_at is not None:
            if not self.changed:
                return _msg(messages.ALREADY_FEATURED, cid)
            return _msg(messages.FEATURED_AND_APPROVED if self.approved else messages.FEATURED, cid)
        return _msg(messages.UNFEATURED if self.changed else messages.NOT_FEATURED, cid)


def _msg(template, comment_id):
    return str(template) % {"id": comment_id}


def _stamp(comment, moderator_id, featured):
    """Set or clear the pick only while it is in the state read: the guard against a double apply."""
    now = utcnow()
    condition = Comment.featured_at.is_(None) if featured else Comment.featured_at.is_not(None)
    result = db.session.execute(
        db.update(Comment).where(Comment.id == comment.id, condition)
        .values(featured_at=now if featured else None, featured_by_id=moderator_id if featured else None,
                updated_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1


def feature(comment_id, *, moderator_id, expected_status=None):
    """Make the comment an editor's pick, approving it when pending (see the module's contract)."""
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    if comment.status == Status.REJECTED:
        db.session.rollback()
        raise ServiceError("conflict", 409, message=_msg(messages.FEATURE_REJECTED, comment.id))
    if comment.featured_at is not None and comment.status == Status.APPROVED:
        db.session.rollback()
        return Pick(comment, False)
    approving = comment.status == Status.PENDING
    if approving:
        done = apply_status(comment, Status.APPROVED, action=Action.FEATURE, moderator_id=moderator_id)
    else:
        done = True
        audit.record(moderator_id, Action.FEATURE, Target.COMMENT, comment.id, from_status=comment.status,
                     to_status=comment.status)
    # A pending comment may carry an old stamp (picked, then unapproved): it is renewed, not refused.
    if done and comment.featured_at is not None:
        done = _stamp(comment, moderator_id, False)
    done = done and _stamp(comment, moderator_id, True)
    if done:
        # Queued in the pick's transaction (and only for an approved comment, which it now is).
        notifications.comment_picked(comment)
    outcome = _finish(comment_id, done)
    return Pick(outcome.comment, outcome.changed, approving and outcome.changed)


def unfeature(comment_id, *, moderator_id, expected_status=None):
    """Take the pick back; the comment stays approved (or in whatever state it is)."""
    comment = _comment(comment_id, moderator_id)
    _check_expected(comment, expected_status)
    if comment.featured_at is None:
        db.session.rollback()
        return Pick(comment, False)
    done = _stamp(comment, moderator_id, False)
    if done:
        audit.record(moderator_id, Action.UNFEATURE, Target.COMMENT, comment.id, from_status=comment.status,
                     to_status=comment.status)
    outcome = _finish(comment_id, done)
    return Pick(outcome.comment, outcome.changed)


def parse_featured_limit(raw):
    """``?limit=`` of the featured block: 1 to MAX_FEATURED, default DEFAULT_FEATURED; else a 400."""
    if raw is None or raw == "":
        return DEFAULT_FEATURED
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_FEATURED:
        raise ServiceError("validation", 400, {"limit": messages.FIELDS["featured_limit"]})
    return int(raw)


def featured_comments(site_id, limit=DEFAULT_FEATURED):
    """The site's most recently picked approved comments, newest pick first, with their articles:
    one query on the partial index ix_comments_featured (picks are few, so it stays small)."""
    rows = db.session.execute(
        select(Comment.id, Comment.author, Comment.body_html, Comment.created_at, Comment.featured_at,
               Comment.likes, Comment.staff_badge, Comment.article_id, Article.title, Article.url)
        .join(Article, (Article.site_id == Comment.site_id) & (Article.id == Comment.article_id))
        .where(Comment.site_id == site_id, Comment.featured_at.is_not(None), Comment.status == Status.APPROVED)
        .order_by(Comment.featured_at.desc(), Comment.id.desc()).limit(limit)).all()
    return [{"id": row.id, "author": row.author, "body_html": row.body_html,
             "created_at": local_iso(row.created_at), "featured_at": local_iso(row.featured_at),
             "likes": row.likes, "staff": {"badge": row.staff_badge} if row.staff_badge else None,
             "article": {"id": row.article_id, "title": row.title, "url": row.url}} for row in rows]


def featured_answer(site_id, slug, limit=DEFAULT_FEATURED):
    """``(body bytes, strong ETag)`` of the site's featured block: the ETag is a hash of the body,
    so it changes exactly when a pick, its text, its likes or its article's title or URL does."""
    text = json.dumps({"site": slug, "comments": featured_comments(site_id, limit)}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    body = text.encode()
    return body, '"' + hashlib.blake2b(body, digest_size=10).hexdigest() + '"'
