"""Bans by email or by keyed IP hash, with an optional expiry and a reason.

A ban is a row; lifting one sets its expiry to now instead of deleting it, so the list
of past bans stays readable. Raw IP addresses are never stored: an admin who types one
gets it hashed with the same key the submission pipeline uses.
"""
import ipaddress
import re
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import or_, select

from moderation import messages
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Ban, BanKind, Comment, utcnow

_IP_HASH = re.compile(r"[0-9a-f]{40}")


def _active(now):
    return or_(Ban.expires_at.is_(None), Ban.expires_at > now)


def is_banned(email, ip_hash, now):
    """True while an unexpired ban matches the submitter's email or address hash."""
    match = (Ban.kind == BanKind.IP) & (Ban.value == ip_hash)
    if email:
        match = or_(match, (Ban.kind == BanKind.EMAIL) & (Ban.value == email.lower()))
    query = select(Ban.id).where(match, _active(now)).limit(1)
    return db.session.execute(query).first() is not None


def ban_value(kind, raw, *, hash_ip=None):
    """The stored form of what an admin typed: a normalized email, or an IP hash.

    ``hash_ip(address)`` turns a raw address into the app's keyed hash; a 40-hex hash
    (as shown in the queue) is taken as it is.
    """
    kind, raw = BanKind(kind), (raw or "").strip()
    if kind == BanKind.EMAIL:
        try:
            return validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise ServiceError("validation", 400, {"value": messages.FIELDS["ban_value"]}) from None
    if _IP_HASH.fullmatch(raw.lower()):
        return raw.lower()
    try:
        address = str(ipaddress.ip_address(raw))
    except ValueError:
        address = None
    if address is None or hash_ip is None:
        raise ServiceError("validation", 400, {"value": messages.FIELDS["ban_value"]})
    return hash_ip(address)


def _upsert(kind, value, moderator_id, reason, expires_at, now, comment_id=None):
    """The submitter's active ban of this kind, renewed with these terms, or a new one."""
    ban = db.session.execute(select(Ban).where(Ban.kind == kind, Ban.value == value, _active(now))
                             .order_by(Ban.id).limit(1)).scalar_one_or_none()
    if ban is None:
        ban = Ban(kind=kind, value=value, created_at=now)
        db.session.add(ban)
    ban.reason = (reason or "").strip()[:500]
    ban.expires_at = expires_at
    ban.created_by_id = moderator_id
    if comment_id is not None:
        ban.comment_id = comment_id
    return ban


def _check_expiry(expires_at, now):
    if expires_at is not None and (expires_at.tzinfo is None or expires_at <= now):
        raise ServiceError("validation", 400, {"expires_at": messages.FIELDS["ban_expiry"]})


def create_ban(kind, value, *, moderator_id=None, reason="", expires_at=None):
    """Ban an email (normalized) or an IP hash until ``expires_at`` (aware datetime) or forever.

    An existing active ban of the same submitter takes the new reason and expiry, so
    banning twice never leaves two rows to lift.
    """
    now = utcnow()
    _check_expiry(expires_at, now)
    ban = _upsert(BanKind(kind), value, moderator_id, reason, expires_at, now)
    db.session.commit()
    return ban


# An IP hash behind carrier NAT (common on Vietnamese mobile networks) is many readers at once:
# a ban by address from the queue lasts a day unless the moderator says otherwise.
IP_BAN_DEFAULT = timedelta(days=1)


def ban_submitter(comment_id, moderator_id, reason, expires_at, by_email=True, by_ip=True, ip_expires_at=None):
    """Ban whoever wrote a comment, by its email and/or its IP hash; returns the bans, one commit.

    ``expires_at`` ends the email ban (None: never); the address ban ends at ``ip_expires_at``,
    else at ``expires_at`` when given, else after IP_BAN_DEFAULT, never silently for good.
    Each ban remembers the comment, so the ban list can say whom it was for."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise ServiceError("not_found", 404)
    now = utcnow()
    ip_expires_at = ip_expires_at or expires_at or now + IP_BAN_DEFAULT
    _check_expiry(expires_at, now)
    _check_expiry(ip_expires_at, now)
    targets = []
    if by_email and comment.email:
        targets.append((BanKind.EMAIL, comment.email.lower(), expires_at))
    if by_ip and comment.ip_hash:
        targets.append((BanKind.IP, comment.ip_hash, ip_expires_at))
    if not targets:
        raise ServiceError("validation", 400, {"ban": messages.FIELDS["ban_nothing"]})
    bans = [_upsert(kind, value, moderator_id, reason, until, now, comment_id) for kind, value, until in targets]
    db.session.commit()
    return bans


def lift_ban(ban_id):
    """End a ban now; the row stays as history. Lifting an ended ban changes nothing."""
    ban = db.session.get(Ban, ban_id)
    if ban is None:
        raise ServiceError("not_found", 404)
    now = utcnow()
    if ban.expires_at is None or ban.expires_at > now:
        ban.expires_at = now
    db.session.commit()
    return ban


def list_bans(active_only=True, limit=500):
    """Newest first; active ones only unless asked."""
    query = select(Ban).order_by(Ban.created_at.desc(), Ban.id.desc()).limit(limit)
    if active_only:
        query = query.where(_active(utcnow()))
    return db.session.execute(query).scalars().all()
