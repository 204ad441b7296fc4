"""Newsroom replies: a moderator answers a reader as the newsroom ("Trả lời với tư cách Tòa soạn").

Contract:
- The reply is stored APPROVED under the comment's top-level ancestor (replies hang one level
  deep, as readers' do), signed with the moderator's display name (the username when none)
  and the site's badge label (site setting ``staff_badge``, default "Tòa soạn"); ``staff_id``
  names the moderator. It is readers' text pipeline without readers' screening: normalized,
  rendered once through bleach and the nh3 gate (``core.text.render_html``), at most
  COMMENT_MAX_LENGTH; no rate limit, word rule or spam check applies to the newsroom. An
  article closed to readers still takes the newsroom's answer.
- Answering a held (pending) comment approves it in the same transaction: a newsroom answering
  a held comment wants it published with the answer, and a reply under a hidden comment would
  be invisible anyway. The same goes for its top-level ancestor when that one is pending. A
  rejected comment (or ancestor) is refused with a 409: answering it would publish nothing
  readers can see, or undo a colleague's rejection by a side effect.
- Counts are kept (article's approved total, the parent's reply count), each approval is an
  ordinary "approve" audit row, and the reply its own "newsroom_reply" row, all in one commit.
- A double click does not post twice: the same moderator's same text under the same comment
  within DUPLICATE_SECONDS answers the first reply, unchanged.
- Scoped like every decision: another site's comment is a 404, as a missing one is.
"""
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from moderation import messages
from moderation.core.states import Action, Status, Target
from moderation.core.text import fingerprint_of, render_html
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Comment, Moderator, utcnow
from moderation.services import audit, notifications
from moderation.services.articles import get_setting
from moderation.services.counts import adjust_approved
from moderation.services.decisions import _comment, _edited_text, apply_status

DUPLICATE_SECONDS = 600
AUTHOR_MAX = 80


@dataclass(frozen=True)
class NewsroomReply:
    reply: Comment
    created: bool
    # The comment the moderator answered (the reply itself hangs under its top-level ancestor).
    answered: int
    # The comments this call approved on the way (the one answered, its top-level ancestor).
    approved: tuple = ()
    # The answered comment's status after the call (the queue moves its row by it).
    answered_status: Status = Status.APPROVED

    @property
    def message(self):
        template = messages.REPLIED_AND_APPROVED if self.approved else messages.REPLIED
        return str(template) % {"id": self.answered}


def signature(moderator):
    """The name a moderator's newsroom replies are signed with."""
    return (moderator.display_name or moderator.username)[:AUTHOR_MAX]


def staff_badge(site_id):
    """The site's badge label for newsroom replies (site ▸ installation ▸ "Tòa soạn")."""
    return get_setting("staff_badge", site_id)


def _earlier(parent_id, moderator_id, fingerprint, now):
    return db.session.execute(
        select(Comment).where(Comment.parent_id == parent_id, Comment.staff_id == moderator_id,
                              Comment.fingerprint == fingerprint,
                              Comment.created_at >= now - timedelta(seconds=DUPLICATE_SECONDS))
        .order_by(Comment.id).limit(1)).scalar_one_or_none()


def _approve_on_the_way(comments, moderator_id):
    """Approve the pending ones among ``comments`` (guarded); 409 for a rejected one. The ids approved."""
    for comment in comments:
        if comment.status == Status.REJECTED:
            db.session.rollback()
            raise ServiceError("conflict", 409, message=str(messages.REPLY_REJECTED) % {"id": comment.id})
    approved = []
    for comment in comments:
        if comment.status == Status.PENDING:
            if not apply_status(comment, Status.APPROVED, action=Action.APPROVE, moderator_id=moderator_id,
                                details={"newsroom_reply": True}):
                db.session.rollback()
                raise ServiceError("conflict", 409, message=str(messages.already_done(
                    Status(db.session.get(Comment, comment.id).status).value)))
            approved.append(comment.id)
    return tuple(approved)


def reply_as_newsroom(comment_id, body, *, moderator_id, max_length=3000):
    """Post the newsroom's approved answer to ``comment_id`` (see the module's contract)."""
    text = _edited_text(body, max_length)
    comment = _comment(comment_id, moderator_id)
    moderator = db.session.get(Moderator, moderator_id)
    root = comment.parent if comment.parent_id else comment
    now = utcnow()
    fingerprint = fingerprint_of(text)
    twin = _earlier(root.id, moderator_id, fingerprint, now)
    if twin is not None:
        db.session.rollback()
        return NewsroomReply(twin, False, comment.id, answered_status=comment.status)
    approved = _approve_on_the_way([root] if root is comment else [comment, root], moderator_id)
    badge = staff_badge(comment.site_id)
    reply = Comment(site_id=comment.site_id, article_id=comment.article_id, parent_id=root.id,
                    author=signature(moderator), email=None, body_text=text, body_html=render_html(text),
                    status=Status.APPROVED, flags=[],
                    # Not a reader's address: the submitter history groups a moderator's replies.
                    ip_hash=f"staff:{moderator_id}", fingerprint=fingerprint, created_at=now, updated_at=now,
                    moderated_at=now, moderated_by_id=moderator_id, staff_id=moderator_id, staff_badge=badge)
    db.session.add(reply)
    db.session.flush()
    adjust_approved(reply.site_id, reply.article_id, reply.parent_id, 1)
    audit.record(moderator_id, Action.NEWSROOM_REPLY, Target.COMMENT, reply.id, to_status=Status.APPROVED,
                 details={"parent_id": comment.id, "badge": badge, "approved": list(approved)})
    # Queued in this transaction: the mail goes if and only if the reply is committed.
    notifications.newsroom_reply(reply, answered=comment)
    db.session.commit()
    db.session.refresh(reply)
    return NewsroomReply(reply, True, comment.id, approved)
