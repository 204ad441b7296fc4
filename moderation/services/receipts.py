"""What became of a reader's own held comments, for the browser that sent them.

A pre-moderated comment is invisible until approved; without word from the service
the reader believes it vanished. ``comments.js`` keeps the comments it sent in
``localStorage`` together with the ``Idempotency-Key`` it sent them with. That key is
a random secret only that browser knows (the service stores only a hash of it), so
presenting it proves authorship without accounts or cookies, and answers reveal
nothing about anyone else's comments.
"""
import re

from sqlalchemy import select

from moderation import messages
from moderation.services.submissions import idempotency_digest
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Comment, Status
from moderation.core.spam import as_told

MAX_KEYS = 50
_KEY = re.compile(r"[A-Za-z0-9_\-]{16,128}")


def parse_keys(data):
    """The keys of ``{"keys": [...]}``: 1 to MAX_KEYS strings shaped like the keys comments.js makes."""
    keys = data.get("keys") if isinstance(data, dict) else None
    if (not isinstance(keys, list) or not 1 <= len(keys) <= MAX_KEYS
            or not all(isinstance(key, str) and _KEY.fullmatch(key) for key in keys)):
        raise ServiceError("validation", 400, {"keys": messages.FIELDS["keys"]})
    return list(dict.fromkeys(keys))


def held_statuses(article_id, keys, site_id=DEFAULT_SITE_ID):
    """``{key: {"id", "status"}}`` for the keys that sent a comment to this article; others are left out."""
    digests = {idempotency_digest(article_id, key, site_id): key for key in keys}
    rows = db.session.execute(
        select(Comment.id, Comment.status, Comment.flags, Comment.idempotency_key)
        .where(Comment.idempotency_key.in_(list(digests)), Comment.site_id == site_id, Comment.article_id == article_id)).all()
    return {digests[row.idempotency_key]: {"id": row.id, "status": as_told(row.status, row.flags).value} for row in rows}


def held_comments(article_id, keys, site_id=DEFAULT_SITE_ID):
    """The reader's own comments on this article that are still "pending" to them, oldest first.

    The no-JS page keeps the keys it sent comments with in the reader's session cookie, so
    after sending the reader sees the comment held instead of a thread that looks empty.
    """
    digests = [idempotency_digest(article_id, key, site_id) for key in keys]
    if not digests:
        return []
    rows = db.session.execute(
        select(Comment).where(Comment.idempotency_key.in_(digests), Comment.site_id == site_id, Comment.article_id == article_id)
        .order_by(Comment.id)).scalars()
    return [c for c in rows if as_told(c.status, c.flags) == Status.PENDING]
