"""Access rules for the moderators' HTML pages under /moderation/."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def admin_required(view):
    """Logged-in admins only: anonymous users go to the login page, moderators get 403."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper
