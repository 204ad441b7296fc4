"""Moderator accounts: creation, passwords, sessions and API tokens.

Passwords are hashed with werkzeug's scrypt at the cost ``PASSWORD_HASH_METHOD`` names (its
default outside the test suite); API tokens are random and stored only as
their SHA-256 (a token has 256 bits of entropy, so a fast hash is enough and lookups stay indexed).

Every change is audited with its actor (None: the system, e.g. the first-run admin or the
operator's shell); refusals are ServiceErrors whose field reasons are the sentences people
read (``messages.FIELDS``), on the admin pages and in the CLI alike.
"""
import hashlib
import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from moderation import messages
from moderation.core.text import has_hidden_characters, normalize_line
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Action, Target
from moderation.models import ApiToken, Moderator, ModeratorSite, Role
from moderation.services import audit
from moderation.services import tokens
from moderation.services.sites import find_site

def _hash_password(password):
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@lru_cache(maxsize=4)
def _dummy_hash(method):
    """Checked against when the username is unknown, so both failures cost the same time:
    hashed at the configured cost, once per process."""
    return generate_password_hash("not-a-real-password", method=method)


def find_moderator(username):
    return db.session.execute(select(Moderator).where(Moderator.username == username)).scalar_one_or_none()


def _check_password(password):
    if len(password or "") < 8:
        raise ServiceError("validation", 400, {"password": messages.FIELDS["password_length"]})


DISPLAY_NAME_MAX = 80


def clean_display_name(name):
    """The name that signs newsroom replies, as stored: one NFC line of at most 80 characters,
    or None (blank) to sign with the username. A hidden character is refused, not stripped:
    a newline or a bidi control in a signature readers see would forge text around it."""
    if name is None:
        return None
    if not isinstance(name, str) or has_hidden_characters(name.strip()) or len(normalize_line(name)) > DISPLAY_NAME_MAX:
        raise ServiceError("validation", 400, {"display_name": messages.FIELDS["display_name"]})
    return normalize_line(name) or None


def create_moderator(username, password, role=Role.MODERATOR, *, actor, sites=("default",), display_name=None):
    """A new account granted the sites ``sites`` (slugs; an unknown one is a 404 and creates nothing);
    ``display_name`` signs its newsroom replies (None: the username)."""
    granted = [find_site(slug) for slug in dict.fromkeys(sites)]
    display_name = clean_display_name(display_name)
    username = (username or "").strip()
    if not username or len(username) > 80:
        raise ServiceError("validation", 400, {"username": messages.FIELDS["username_length"]})
    # A name with a newline or a control character forges lines in logs and the audit page.
    if has_hidden_characters(username):
        raise ServiceError("validation", 400, {"username": messages.FIELDS["username_characters"]})
    _check_password(password)
    if find_moderator(username) is not None:
        raise ServiceError("conflict", 409, {"username": messages.FIELDS["username_taken"]})
    moderator = Moderator(username=username, password_hash=_hash_password(password),
                          role=Role(role), active=True, session_token=secrets.token_hex(16),
                          display_name=display_name)
    db.session.add(moderator)
    db.session.flush()
    db.session.add_all(ModeratorSite(moderator_id=moderator.id, site_id=site.id) for site in granted)
    audit.record(actor, Action.ACCOUNT_CREATE, Target.ACCOUNT, moderator.id,
                 details={"username": moderator.username, "role": moderator.role.value,
                          "sites": [site.slug for site in granted],
                          **({"display_name": display_name} if display_name else {})})
    db.session.commit()
    return moderator


def set_display_name(moderator, name, *, actor):
    """Change the name that signs the moderator's newsroom replies (blank: the username again).
    Replies already posted keep the name they were signed with. Audited when it changes."""
    name = clean_display_name(name)
    if name == moderator.display_name:
        return moderator
    audit.record(actor, Action.ACCOUNT_DISPLAY_NAME, Target.ACCOUNT, moderator.id,
                 details={"username": moderator.username, "before": moderator.display_name, "after": name})
    moderator.display_name = name
    db.session.commit()
    return moderator


def set_password(moderator, password, *, actor):
    """New password; every existing session of this moderator ends. The entry never holds the password."""
    _check_password(password)
    moderator.password_hash = _hash_password(password)
    moderator.session_token = secrets.token_hex(16)
    audit.record(actor, Action.ACCOUNT_PASSWORD, Target.ACCOUNT, moderator.id,
                 details={"username": moderator.username})
    db.session.commit()


def deactivate(moderator, *, actor):
    """Lock an account: its sessions end and its API tokens are revoked, in one audited commit.

    Refused for the last active admin (and for the actor themself), like a demotion.
    """
    _guard_last_admin(moderator, actor, "active")
    moderator.active = False
    moderator.session_token = secrets.token_hex(16)
    db.session.execute(db.update(ApiToken).where(ApiToken.moderator_id == moderator.id).values(revoked=True))
    audit.record(actor, Action.ACCOUNT_LOCK, Target.ACCOUNT, moderator.id, details={"username": moderator.username})
    db.session.commit()


def check_login(username, password):
    """The moderator for these credentials, or None; unknown user and wrong password look alike."""
    moderator = find_moderator(username or "")
    if moderator is None or not moderator.active:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password or "")
        return None
    return moderator if check_password_hash(moderator.password_hash, password or "") else None


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(moderator, *, actor):
    """A new API token; the plaintext is returned once and never stored (nor audited).

    Refused for a deactivated account: a token issued then would come alive on reactivation.
    """
    if not moderator.active:
        raise ServiceError("conflict", 409, {"token": messages.FIELDS["token_inactive"]})
    token = "ykbd_" + secrets.token_urlsafe(32)
    row = ApiToken(moderator_id=moderator.id, token_hash=_token_hash(token))
    db.session.add(row)
    db.session.flush()
    audit.record(actor, Action.TOKEN_CREATE, Target.TOKEN, row.id, details={"username": moderator.username})
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
    tokens.record_use(row)
    return row.moderator


def ensure_first_admin(username="admin"):
    """On a fresh install (no moderator at all), an admin with a random password.

    Returns (moderator, password) so the caller can show the password once, or None when
    any moderator already exists. The password is never stored in clear.
    """
    if db.session.execute(select(Moderator.id).limit(1)).first() is not None:
        return None
    password = secrets.token_urlsafe(12)
    return create_moderator(username, password, Role.ADMIN, actor=None), password


def list_moderators():
    """Every account, admins first, then by username: the admin page's table."""
    return db.session.execute(select(Moderator).order_by(Moderator.role, Moderator.username)).scalars().all()


def get_moderator(moderator_id):
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        raise ServiceError("not_found", 404)
    return moderator


def _lock_admins(moderator):
    """Serialize every check of the admin count: row locks on the active admins (PostgreSQL), or
    the database's write lock taken by a no-op write (SQLite, where FOR UPDATE is not a thing).

    Without it two admins demoting each other at once would each see the other still admin,
    and both would succeed, leaving none.
    """
    db.session.execute(select(Moderator.id).where(Moderator.role == Role.ADMIN, Moderator.active.is_(True))
                       .order_by(Moderator.id).with_for_update())
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(db.update(Moderator).where(Moderator.id == moderator.id).values(role=Moderator.role))
    db.session.refresh(moderator)


def _guard_last_admin(moderator, actor, field):
    """Refuse to take admin rights away from the actor themself or from the last active admin.

    An admin locking themself out by mistake, or a site left with nobody able to manage
    accounts, can only be repaired from the server's shell; the page refuses instead.
    """
    if actor is not None and actor.id == moderator.id:
        raise ServiceError("forbidden", 403, {field: messages.FIELDS["self_account"]})
    _lock_admins(moderator)
    if moderator.role == Role.ADMIN and moderator.active:
        others = db.session.execute(select(db.func.count()).select_from(Moderator).where(
            Moderator.role == Role.ADMIN, Moderator.active.is_(True), Moderator.id != moderator.id)).scalar_one()
        if not others:
            db.session.rollback()
            raise ServiceError("forbidden", 403, {field: messages.FIELDS["last_admin"]})


def change_role(moderator, role, *, actor):
    """Make an admin a moderator or the reverse; never the actor's own role, never the last admin's."""
    role = Role(role)
    if moderator.role == role:
        return moderator
    if role != Role.ADMIN:
        _guard_last_admin(moderator, actor, "role")
    before = moderator.role.value
    moderator.role = role
    audit.record(actor, Action.ACCOUNT_ROLE, Target.ACCOUNT, moderator.id,
                 details={"username": moderator.username, "before": before, "after": role.value})
    db.session.commit()
    return moderator


def set_active(moderator, active, *, actor):
    """Deactivate (sessions end, API tokens revoked) or reactivate an account.

    Reactivating restores the login only: the old sessions and tokens stay dead, so a
    person coming back logs in afresh and gets a new token.
    """
    if not active:
        deactivate(moderator, actor=actor)
    elif not moderator.active:
        moderator.active = True
        audit.record(actor, Action.ACCOUNT_UNLOCK, Target.ACCOUNT, moderator.id,
                     details={"username": moderator.username})
        db.session.commit()
    return moderator
