"""Bans by email or by keyed IP hash, with an optional expiry and a reason.

A ban is a row; lifting one sets its expiry to now instead of deleting it, so the list
of past bans stays readable. Raw IP addresses are never stored: an admin who types one
gets it hashed with the same key the submission pipeline uses.

Every ban, renewal and lift is audited with its actor (the ban's kind and expiry, never
its value). Renewing keeps who banned first in ``created_by_id``; the renewal's entry
names who renewed.
"""
import re
from datetime import timedelta

from sqlalchemy import or_, select

from moderation import messages
from moderation.core.addresses import address_key
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.emails import normalize_email
from moderation.core.states import Action, Target
from moderation.models import Ban, BanKind, Comment, Moderator, utcnow
from moderation.services import audit
from moderation.services.sites import may_act_on

_IP_HASH = re.compile(r"[0-9a-f]{40}")


def _active(now):
    return or_(Ban.expires_at.is_(None), Ban.expires_at > now)


def bans_of(email, ip_hash, now, site_id=None):
    """The unexpired bans matching the submitter's email or address hash, installation-wide or on
    ``site_id`` (the site being commented on), as a query: the submission pipeline asks it
    together with its other questions, in one round trip. Any argument may be a ``bindparam``;
    ``email`` None leaves the email out."""
    match = (Ban.kind == BanKind.IP) & (Ban.value == ip_hash)
    if email is not None:
        match = or_(match, (Ban.kind == BanKind.EMAIL) & (Ban.value == email))
    scope = Ban.site_id.is_(None) if site_id is None else or_(Ban.site_id.is_(None), Ban.site_id == site_id)
    return select(Ban.id).where(match, scope, _active(now))


def is_banned(email, ip_hash, now, site_id=None):
    """True while a ban of ``bans_of`` is in force."""
    return db.session.execute(bans_of(email or None, ip_hash, now, site_id).limit(1)).first() is not None


def ban_value(kind, raw, *, hash_ip=None, ipv6_prefix=64):
    """The stored form of what an admin typed: a normalized email, or an IP hash.

    ``hash_ip(key)`` turns an address key into the app's keyed hash; an address in any
    spelling is keyed as submissions are (IPv4, or the IPv6 network of ``ipv6_prefix``
    bits), so the ban matches however the client is seen. A 40-hex hash (as shown in the
    queue) is taken as it is.
    """
    kind, raw = BanKind(kind), (raw or "").strip()
    if kind == BanKind.EMAIL:
        try:
            return normalize_email(raw)
        except ValueError:
            raise ServiceError("validation", 400, {"value": messages.FIELDS["ban_value"]}) from None
    if _IP_HASH.fullmatch(raw.lower()):
        return raw.lower()
    address = address_key(raw, ipv6_prefix)
    if address is None or hash_ip is None:
        raise ServiceError("validation", 400, {"value": messages.FIELDS["ban_value"]})
    return hash_ip(address)


def _ban_details(ban):
    return {"kind": ban.kind.value, "expires_at": ban.expires_at.isoformat() if ban.expires_at else None,
            "reason": ban.reason, "site_id": ban.site_id}


def _scope_of(actor, comment):
    """Where a ban from the queue applies: everywhere for an admin (or the system), else only
    on the comment's site, since a moderator bans only on the sites granted to them."""
    actor_id = audit.actor_id(actor)
    moderator = db.session.get(Moderator, actor_id) if actor_id is not None else None
    return None if moderator is None or moderator.is_admin else comment.site_id


def _upsert(kind, value, actor, reason, expires_at, now, comment_id=None, site_id=None):
    """The submitter's active ban of this kind and scope, renewed with these terms, or a new one;
    audited, not committed (the caller's transaction holds it)."""
    scope = Ban.site_id.is_(None) if site_id is None else Ban.site_id == site_id
    ban = db.session.execute(select(Ban).where(Ban.kind == kind, Ban.value == value, scope, _active(now))
                             .order_by(Ban.id).limit(1)).scalar_one_or_none()
    renewing = ban is not None
    if ban is None:
        ban = Ban(kind=kind, value=value, created_at=now, created_by_id=audit.actor_id(actor), site_id=site_id)
        db.session.add(ban)
    ban.reason = audit.clean_reason(reason) or ""
    ban.expires_at = expires_at
    if comment_id is not None:
        ban.comment_id = comment_id
    db.session.flush()
    audit.record(actor, Action.BAN_RENEW if renewing else Action.BAN, Target.BAN, ban.id, reason=ban.reason or None,
                 details=_ban_details(ban), site_id=ban.site_id)
    return ban


def _check_expiry(expires_at, now):
    if expires_at is not None and (expires_at.tzinfo is None or expires_at <= now):
        raise ServiceError("validation", 400, {"expires_at": messages.FIELDS["ban_expiry"]})


def create_ban(kind, value, *, actor, reason="", expires_at=None, site_id=None):
    """Ban an email (normalized) or an IP hash until ``expires_at`` (aware datetime) or forever,
    installation-wide, or on one site with ``site_id``.

    An existing active ban of the same submitter takes the new reason and expiry, so
    banning twice never leaves two rows to lift.
    """
    now = utcnow()
    _check_expiry(expires_at, now)
    ban = _upsert(BanKind(kind), value, actor, reason, expires_at, now, site_id=site_id)
    db.session.commit()
    return ban


# An IP hash behind carrier NAT (common on Vietnamese mobile networks) is many readers at once:
# a ban by address from the queue lasts a day unless the moderator says otherwise.
IP_BAN_DEFAULT = timedelta(days=1)


def add_submitter_bans(comment, actor, reason, expires_at, by_email=True, by_ip=True, ip_expires_at=None):
    """Ban whoever wrote ``comment`` by its email and/or IP hash, inside the caller's transaction.

    ``expires_at`` ends the email ban (None: never); the address ban ends at ``ip_expires_at``,
    else at ``expires_at`` when given, else after IP_BAN_DEFAULT, never silently for good.
    Each ban remembers the comment, so the ban list can say whom it was for."""
    now = utcnow()
    ip_expires_at = ip_expires_at or expires_at or now + IP_BAN_DEFAULT
    _check_expiry(expires_at, now)
    _check_expiry(ip_expires_at, now)
    targets = []
    if by_email and comment.email:
        targets.append((BanKind.EMAIL, comment.email, expires_at))
    if by_ip and comment.ip_hash:
        targets.append((BanKind.IP, comment.ip_hash, ip_expires_at))
    if not targets:
        raise ServiceError("validation", 400, {"ban": messages.FIELDS["ban_nothing"]})
    site_id = _scope_of(actor, comment)
    return [_upsert(kind, value, actor, reason, until, now, comment.id, site_id) for kind, value, until in targets]


def ban_submitter(comment_id, actor, reason, expires_at, by_email=True, by_ip=True, ip_expires_at=None):
    """Ban whoever wrote a comment, by its email and/or its IP hash; returns the bans, one commit."""
    comment = db.session.get(Comment, comment_id)
    # Another site's comment is a 404 to a moderator not granted it, as if it did not exist.
    if comment is None or not may_act_on(audit.actor_id(actor), comment.site_id):
        raise ServiceError("not_found", 404)
    bans = add_submitter_bans(comment, actor, reason, expires_at, by_email, by_ip, ip_expires_at)
    db.session.commit()
    return bans


def lift_ban(ban_id, *, actor):
    """End a ban now; the row stays as history. Lifting an ended ban changes nothing (and logs nothing)."""
    ban = db.session.get(Ban, ban_id)
    if ban is None:
        raise ServiceError("not_found", 404)
    now = utcnow()
    if ban.expires_at is None or ban.expires_at > now:
        ban.expires_at = now
        audit.record(actor, Action.BAN_LIFT, Target.BAN, ban.id, details={"kind": ban.kind.value},
                     site_id=ban.site_id)
    db.session.commit()
    return ban


def list_bans(active_only=True, limit=500):
    """Newest first; active ones only unless asked."""
    query = select(Ban).order_by(Ban.created_at.desc(), Ban.id.desc()).limit(limit)
    if active_only:
        query = query.where(_active(utcnow()))
    return db.session.execute(query).scalars().all()
