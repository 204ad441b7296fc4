"""API tokens after their creation: when each was last used, and revoking them.

A token is revoked, never deleted, so the accounts page keeps showing when it was made
and last used. ``last_used_at`` is written at most once a minute per token: an
integration calling many times a second must not turn every read into a write.
Time is ``sessions.now()``, which tests drive.
"""
from sqlalchemy import select

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Action, Target
from moderation.models import ApiToken
from moderation.services import audit
from moderation.services.sessions import SEEN_EVERY, now


def record_use(token, at=None):
    """Stamp ``token`` as used now, unless it was stamped within the last minute."""
    at = at or now()
    if token.last_used_at is not None and at - token.last_used_at < SEEN_EVERY:
        return
    # Conditional, so concurrent requests with one token write it once.
    stale = (ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at <= at - SEEN_EVERY)
    db.session.execute(db.update(ApiToken).where(ApiToken.id == token.id, stale).values(last_used_at=at))
    db.session.commit()


def list_tokens(moderator):
    """The moderator's tokens, newest first, revoked ones included."""
    return db.session.execute(select(ApiToken).where(ApiToken.moderator_id == moderator.id)
                              .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).scalars().all()


def revoke_token(moderator, token_id, *, actor):
    """Revoke one of ``moderator``'s tokens; 404 when it is not theirs. Returns whether it changed
    (a revocation is audited; revoking a revoked token records nothing)."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.moderator_id != moderator.id:
        raise ServiceError("not_found", 404)
    changed = not token.revoked
    if changed:
        token.revoked = True
        audit.record(actor, Action.TOKEN_REVOKE, Target.TOKEN, token.id, details={"username": moderator.username})
    db.session.commit()
    return changed


def revoke_tokens(moderator, *, actor):
    """Revoke every live token of ``moderator``, one audit entry each; returns how many were live."""
    live = db.session.execute(select(ApiToken).where(ApiToken.moderator_id == moderator.id,
                                                     ApiToken.revoked.is_(False))).scalars().all()
    for token in live:
        token.revoked = True
        audit.record(actor, Action.TOKEN_REVOKE, Target.TOKEN, token.id, details={"username": moderator.username})
    db.session.commit()
    return len(live)
