"""Bearer-token access for the moderation API: 401 without a valid token, 403 for a role that may not act."""
from functools import wraps

from flask import g, request

from moderation.services.accounts import moderator_for_token
from moderation.errors import ServiceError
from moderation.models import Role


def token_required(role=None):
    """Decorator: sets ``g.moderator`` from ``Authorization: Bearer <token>``."""
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            moderator = moderator_for_token(token.strip()) if scheme.lower() == "bearer" else None
            if moderator is None:
                raise ServiceError("unauthorized", 401)
            if role is not None and moderator.role != Role.ADMIN and moderator.role != role:
                raise ServiceError("forbidden", 403)
            g.moderator = moderator
            return view(*args, **kwargs)
        return wrapper
    return decorator
