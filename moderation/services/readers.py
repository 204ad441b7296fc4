"""Readers' data requests (Decree 13/2023/NĐ-CP, the 2025 personal data protection law): a
reader may get every comment sent with their e-mail, or have it erased.

- ``reader_data`` is every comment with that e-mail (normalized as submissions store it).
- ``erase(..., mode="anonymize")`` keeps the text; the author becomes "Bạn đọc" and the e-mail
  and address hash are cleared.
- ``erase(..., mode="delete")`` removes the text as well. A comment others replied to keeps its
  place as the placeholder "Bình luận đã bị xóa" (its status unchanged, so the replies stay where
  they were); any other is also rejected, and its article's count (and its parent's reply
  count) drops with it. The texts kept
  in the comments' edit history are removed too.
Both are audited once, with the e-mail only as ``email_hash`` (a keyed hash the caller makes
with the app's secret) and the comment ids; one transaction each.
"""
from collections import Counter

from sqlalchemy import select, update

from moderation.core.emails import normalize_email
from moderation.core.states import Action, Flag, Status, Target
from moderation.core.text import fingerprint_of, render_html, search_text
from moderation.core.sources.prepare import ANONYMOUS
from moderation.core.times import local_iso, utcnow
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import AuditEntry, Comment
from moderation.services import audit, notifications
from moderation.services.counts import adjust_many
from moderation.services.imports import resolve_site
from moderation import messages

PLACEHOLDER = "Bình luận đã bị xóa"
MODES = ("anonymize", "delete")
_TEXT_KEYS = ("old_text", "new_text")


def _email(raw):
    try:
        return normalize_email(raw)
    except ValueError:
        raise ServiceError("validation", 400, {"email": messages.FIELDS["email"]}) from None


def _comments(site, email):
    return db.session.execute(select(Comment).where(Comment.site_id == site.id, Comment.email == email)
                              .order_by(Comment.id)).scalars().all()


def reader_data(raw_email, *, site, actor, email_hash):
    """The JSON-ready document of every comment sent with ``raw_email``, audited."""
    site, email = resolve_site(site), _email(raw_email)
    comments = _comments(site, email)
    document = {"email": email, "site": site.slug, "exported_at": local_iso(utcnow()), "comments": [
        {"id": c.id, "article": c.article_id, "article_title": c.article.title, "article_url": c.article.url,
         "parent": c.parent_id, "author": c.author, "text": c.body_text, "status": c.status.value,
         "created_at": local_iso(c.created_at)} for c in comments]}
    audit.record(actor, Action.READER_EXPORT, Target.READER, email_hash(email),
                 details={"site": site.slug, "comments": [c.id for c in comments]}, site_id=site.id)
    db.session.commit()
    return document


def _has_replies(ids):
    rows = db.session.execute(select(Comment.parent_id).where(Comment.parent_id.in_(ids)).distinct())
    return {row[0] for row in rows}


def _scrub_history(ids):
    for entry in db.session.execute(select(AuditEntry).where(AuditEntry.comment_id.in_(ids))).scalars():
        if any(key in entry.details for key in _TEXT_KEYS):
            entry.details = {k: v for k, v in entry.details.items() if k not in _TEXT_KEYS}


def erase(raw_email, *, site, mode, actor, email_hash):
    """Anonymize or delete every comment sent with ``raw_email``; returns how many were touched."""
    if mode not in MODES:
        raise ServiceError("validation", 400, {"mode": messages.FIELDS["erase_mode"]})
    site, email = resolve_site(site), _email(raw_email)
    comments = _comments(site, email)
    ids = [c.id for c in comments]
    parents = _has_replies(ids) if ids and mode == "delete" else set()
    deltas, rejected = Counter(), []
    for comment in comments:
        values = {"author": ANONYMOUS, "email": None, "ip_hash": "", "updated_at": utcnow()}
        text = comment.body_text
        if mode == "delete":
            text = PLACEHOLDER
            values.update(body_text=text, body_html=render_html(text), flags=comment.flags + [{"code": Flag.ERASED.value}],
                          fingerprint=fingerprint_of(text))
            if comment.id not in parents and comment.status != Status.REJECTED:
                deltas[comment.article_id, comment.parent_id] -= comment.status == Status.APPROVED
                values["status"] = Status.REJECTED
                rejected.append(comment.id)
        values["search_text"] = search_text(text, ANONYMOUS)
        db.session.execute(update(Comment).where(Comment.id == comment.id).values(**values)
                           .execution_options(synchronize_session=False))
    adjust_many(site.id, deltas)
    if mode == "delete" and ids:
        _scrub_history(ids)
    notifications.forget(email, site.id)
    audit.record(actor, Action.READER_ERASE, Target.READER, email_hash(email),
                 details={"site": site.slug, "mode": mode, "comments": ids, "rejected": rejected}, site_id=site.id)
    db.session.commit()
    db.session.expire_all()
    return len(ids)
