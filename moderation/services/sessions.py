"""Moderators' sessions, kept on the server so that logging out and idling end them.

The cookie is signed, not secret from its holder: a copied cookie used to open the queue
until Flask's 31-day default ran out, even after logout. Now each login is a
``ModeratorSession`` row and the cookie carries its random key (only the key's SHA-256
is stored). A session opens the pages while its row is not ended and was seen within
``idle`` (``SESSION_IDLE_MINUTES``, default 720); logout ends its row, a password change
or deactivation still ends every session at once (the moderator's ``session_token``).
``last_seen_at`` is written at most once a minute, not on every page.

Time is ``now()``, read from ``time.time`` so tests can drive it.
"""
import hashlib
import secrets
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from moderation.core.ids import parse_id
from moderation.extensions import db
from moderation.models import Moderator, ModeratorSession

SEEN_EVERY = timedelta(minutes=1)


def now():
    return datetime.fromtimestamp(time.time(), timezone.utc)


def _key_hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(moderator, at=None):
    """A new session for ``moderator``; sets ``moderator.login_key`` for the cookie."""
    at = at or now()
    key = secrets.token_urlsafe(32)
    db.session.add(ModeratorSession(moderator_id=moderator.id, key_hash=_key_hash(key),
                                    created_at=at, last_seen_at=at))
    db.session.commit()
    moderator.login_key = key
    return key


def end_session(key, at=None):
    """End the session with this key (logout); a key already ended or unknown changes nothing."""
    if not key:
        return
    db.session.execute(db.update(ModeratorSession)
                       .where(ModeratorSession.key_hash == _key_hash(key), ModeratorSession.ended_at.is_(None))
                       .values(ended_at=at or now()))
    db.session.commit()


def _live_session(moderator_id, key, idle, at):
    row = db.session.execute(select(ModeratorSession).where(ModeratorSession.key_hash == _key_hash(key))
                             ).scalar_one_or_none()
    if row is None or row.moderator_id != moderator_id or row.ended_at is not None:
        return None
    if at - row.last_seen_at >= idle:
        return None
    return row


def load_user(session_id, idle, at=None):
    """The moderator of a live session from Flask-Login's id "<id>:<session_token>:<key>", else None."""
    user_id, token, key = ((session_id or "").split(":") + ["", ""])[:3]
    user_id = parse_id(user_id)
    if user_id is None or not key:
        return None
    moderator = db.session.get(Moderator, user_id)
    if moderator is None or not moderator.active or not secrets.compare_digest(moderator.session_token, token):
        return None
    at = at or now()
    row = _live_session(moderator.id, key, idle, at)
    if row is None:
        return None
    if at - row.last_seen_at >= SEEN_EVERY:
        row.last_seen_at = at
        db.session.commit()
    moderator.login_key = key
    return moderator
