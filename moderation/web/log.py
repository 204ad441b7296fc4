"""The audit log page (/moderation/log): who did what, to what, when, and why, for every write.

Filters: actor (a moderator or the system), action, target kind, a date range, one comment.
"""
from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from moderation.core.states import Action, Target
from moderation.services.audit import SYSTEM, audit_log, find_comment, moderator_choices, parse_audit_query
from moderation.services.sites import granted_site_ids
from moderation.web import log_entries

bp = Blueprint("log", __name__, url_prefix="/moderation")


@bp.before_request
@login_required
def require_login():
    """The log is for logged-in moderators only."""


@bp.get("/log")
def index():
    query = parse_audit_query(request.args)
    sites = granted_site_ids(current_user)
    entries, next_cursor = audit_log(query, cursor=request.args.get("cursor") or None, sites=sites)
    filters = {name: request.args.get(name) for name in ("actor", "action", "target", "since", "until", "comment")
               if request.args.get(name)}
    return render_template("moderation/log.html", entries=entries, next_cursor=next_cursor, filters=filters,
                           rows=[log_entries.describe(entry) for entry in entries],
                           moderators=moderator_choices(), system=SYSTEM, actions=list(Action),
                           targets=list(Target), action_labels=log_entries.ACTION_LABELS,
                           target_labels=log_entries.TARGET_LABELS, comment=find_comment(query.comment_id, sites),
                           comment_id=query.comment_id)
