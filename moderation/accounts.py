"""Moderator accounts: creation, passwords, sessions and API tokens.

Passwords are hashed with werkzeug's scrypt; API tokens are random and stored only as
their SHA-256 (a token has 256 bits of entropy, so a fast hash is enough and lookups stay indexed).
"""
import hashlib
import secrets

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from .errors import ServiceError
from .extensions import db
from .models import ApiToken, Moderator, Role, utcnow

# Checked against when the username is unknown, so both failures cost the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="scrypt")


def load_user(session_id):
    """Session ids are "<id>:<session_token>", so rotating the token logs every session out."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit():
        return None
    moderator = db.session.get(Moderator, int(user_id))
    if moderator is None or not moderator.active or not secrets.compare_digest(moderator.session_token, token):
        return None
    return moderator


def find_moderator(username):
    return db.session.execute(select(Moderator).where(Moderator.username == username)).scalar_one_or_none()


def create_moderator(username, password, role=Role.MODERATOR):
    username = (username or "").strip()
    if not username or len(username) > 80:
        raise ServiceError("validation", 400, {"username": "1-80"})
    if len(password or "") < 8:
        raise ServiceError("validation", 400, {"password": "8+"})
    if find_moderator(username) is not None:
        raise ServiceError("conflict", 409, {"username": "exists"})
    moderator = Moderator(username=username, password_hash=generate_password_hash(password, method="scrypt"),
                          role=Role(role), active=True, session_token=secrets.token_hex(16))
    db.session.add(moderator)
    db.session.commit()
    return moderator


def set_password(moderator, password):
    """New password; every existing session of this moderator ends."""
    if len(password or "") < 8:
        raise ServiceError("validation", 400, {"password": "8+"})
    moderator.password_hash = generate_password_hash(password, method="scrypt")
    moderator.session_token = secrets.token_hex(16)
    db.session.commit()


def deactivate(moderator):
    moderator.active = False
    moderator.session_token = secrets.token_hex(16)
    db.session.execute(db.update(ApiToken).where(ApiToken.moderator_id == moderator.id).values(revoked=True))
    db.session.commit()


def check_login(username, password):
    """The moderator for these credentials, or None; unknown user and wrong password look alike."""
    moderator = find_moderator(username or "")
    if moderator is None or not moderator.active:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return moderator if check_password_hash(moderator.password_hash, password or "") else None


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(moderator):
    """A new API token; the plaintext is returned once and never stored."""
    token = "ykbd_" + secrets.token_urlsafe(32)
    db.session.add(ApiToken(moderator_id=moderator.id, token_hash=_token_hash(token)))
    db.session.commit()
    return token


def moderator_for_token(token):
    """The active moderator owning this bearer token, or None."""
    if not token:
        return None
    row = db.session.execute(select(ApiToken).where(ApiToken.token_hash == _token_hash(token),
                                                    ApiToken.revoked.is_(False))).scalar_one_or_none()
    if row is None or not row.moderator.active:
        return None
    return row.moderator


def ensure_first_admin(username="admin"):
    """On a fresh install (no moderator at all), an admin with a random password.

    Returns (moderator, password) so the caller can show the password once, or None when
    any moderator already exists. The password is never stored in clear.
    """
    if db.session.execute(select(Moderator.id).limit(1)).first() is not None:
        return None
    password = secrets.token_urlsafe(12)
    return create_moderator(username, password, Role.ADMIN), password
