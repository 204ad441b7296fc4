"""Bans by email or by keyed IP hash, with an optional expiry."""
from sqlalchemy import or_, select

from .extensions import db
from .models import Ban, BanKind


def is_banned(email, ip_hash, now):
    """True while an unexpired ban matches the submitter's email or address hash."""
    match = (Ban.kind == BanKind.IP) & (Ban.value == ip_hash)
    if email:
        match = or_(match, (Ban.kind == BanKind.EMAIL) & (Ban.value == email.lower()))
    query = select(Ban.id).where(match, or_(Ban.expires_at.is_(None), Ban.expires_at > now)).limit(1)
    return db.session.execute(query).first() is not None
