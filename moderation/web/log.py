"""The audit log page (/moderation/log): who did what, when, from which state to which, and why."""
from flask import Blueprint, render_template, request
from flask_login import login_required

from moderation.services.audit import audit_log, find_comment, moderator_choices
from moderation.core.ids import parse_id
from moderation.errors import ServiceError
from moderation.messages import ERRORS

bp = Blueprint("log", __name__, url_prefix="/moderation")


@bp.before_request
@login_required
def require_login():
    """The log is for logged-in moderators only."""


def _int_arg(name):
    value = request.args.get(name) or None
    if value is None:
        return None
    number = parse_id(value)
    if number is None:
        raise ServiceError("validation", 400, {name: ERRORS["validation"]})
    return number


@bp.get("/log")
def index():
    moderator_id, comment_id = _int_arg("moderator"), _int_arg("comment")
    entries, next_cursor = audit_log(moderator_id, comment_id, cursor=request.args.get("cursor") or None)
    return render_template("moderation/log.html", entries=entries, next_cursor=next_cursor,
                           moderators=moderator_choices(), moderator_id=moderator_id,
                           comment=find_comment(comment_id), comment_id=comment_id)
