"""Moderator accounts as Flask-Login sees them."""
from .extensions import db
from .models import Moderator


def load_user(session_id):
    """Session ids are "<id>:<session_token>", so rotating the token logs every session out."""
    user_id, _, token = (session_id or "").partition(":")
    if not user_id.isdigit():
        return None
    moderator = db.session.get(Moderator, int(user_id))
    if moderator is None or not moderator.active or moderator.session_token != token:
        return None
    return moderator
