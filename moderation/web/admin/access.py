"""The admin blueprint and its one access check, which fails closed.

The check runs before every view of the blueprint, so a view added without a decorator is
still refused: anonymous visitors go to the login page, moderators get 403.
"""
from flask import Blueprint
from flask_login import current_user

from moderation import messages
from moderation.errors import ServiceError
from moderation.extensions import login_manager

bp = Blueprint("admin", __name__, url_prefix="/moderation/admin")


@bp.before_request
def admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_admin:
        raise ServiceError("forbidden", 403, message=messages.ADMIN_ONLY)
    return None
