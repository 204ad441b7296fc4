"""The moderation JSON API for CMS integrations and scripts (bearer token)."""
from flask import Blueprint, current_app, g, jsonify, request

from moderation.errors import ServiceError
from moderation.messages import ERRORS
from moderation.services.queue import QueueQuery, list_comments, scoped_sites
from moderation.services.sites import find_site, granted_site_ids, list_sites
from moderation.services.decisions import keep, parse_expected, transition
from moderation.api.shapes import decision, moderation_comment, newsroom_reply, pick
from moderation.services.newsroom import reply_as_newsroom
from moderation.services import picks
from moderation.services.paging import parse_limit
from moderation.api.auth import token_required

bp = Blueprint("moderation_api", __name__, url_prefix="/api/v1/moderation")


def _body():
    """The optional JSON body of a decision: {"reason"?, "expected_status"?}."""
    if not request.get_data():
        return {}
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    return data


def _reason(data):
    reason = data.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ServiceError("validation", 400, {"reason": ERRORS["validation"]})
    return (reason or "").strip()[:500] or None


def _expected(data):
    value = data.get("expected_status")
    if value is not None and not isinstance(value, str):
        raise ServiceError("validation", 400, {"expected_status": ERRORS["validation"]})
    return parse_expected(value)


LISTABLE = ("pending", "approved", "rejected", "reported")


@bp.get("/comments")
@token_required()
def comments():
    """A keyset page of comments in one state (pending oldest first, the others newest first)."""
    status = request.args.get("status") or "pending"
    if status not in LISTABLE:
        raise ServiceError("validation", 400, {"status": ERRORS["validation"]})
    asked = [find_site(slug).id for slug in request.args.getlist("site")] or None
    featured = request.args.get("featured") or "false"
    if featured not in ("true", "false"):
        raise ServiceError("validation", 400, {"featured": ERRORS["validation"]})
    query = QueueQuery.parse(status, request.args.get("article_id"),
                             sites=scoped_sites(granted_site_ids(g.moderator), asked), featured=featured == "true")
    items, next_cursor = list_comments(query, parse_limit(request.args.get("limit")),
                                       request.args.get("cursor") or None)
    return jsonify({"comments": [moderation_comment(c) for c in items], "next": next_cursor})


@bp.get("/sites")
@token_required()
def sites():
    """The sites the token's moderator may act on: the token carries its moderator's scope."""
    granted = granted_site_ids(g.moderator)
    return jsonify({"sites": [{"slug": site.slug, "name": site.name, "origins": origins}
                              for site, origins in list_sites(current_app.config["ALLOWED_ORIGINS"])
                              if granted is None or site.id in granted]})


def _decide(comment_id, action):
    data = _body()
    outcome = transition(comment_id, action, moderator_id=g.moderator.id, reason=_reason(data),
                         expected_status=_expected(data))
    return jsonify(decision(outcome, action))


@bp.post("/comments/<int:comment_id>/approve")
@token_required()
def approve(comment_id):
    return _decide(comment_id, "approve")


@bp.post("/comments/<int:comment_id>/reject")
@token_required()
def reject(comment_id):
    return _decide(comment_id, "reject")


@bp.post("/comments/<int:comment_id>/unapprove")
@token_required()
def unapprove(comment_id):
    return _decide(comment_id, "unapprove")


@bp.post("/comments/<int:comment_id>/dismiss-reports")
@token_required()
def dismiss_reports(comment_id):
    """Keep a reported comment: its open reports are dismissed (kept as history), it leaves the reported list."""
    outcome = keep(comment_id, moderator_id=g.moderator.id, expected_status=_expected(_body()))
    return jsonify(decision(outcome, "keep"))


@bp.post("/comments/<int:comment_id>/feature")
@token_required()
def feature(comment_id):
    """Make it an editor's pick; a pending comment is approved with it, a rejected one is a 409."""
    return jsonify(pick(picks.feature(comment_id, moderator_id=g.moderator.id, expected_status=_expected(_body()))))


@bp.post("/comments/<int:comment_id>/unfeature")
@token_required()
def unfeature(comment_id):
    """Take the pick back; the comment stays approved."""
    return jsonify(pick(picks.unfeature(comment_id, moderator_id=g.moderator.id,
                                        expected_status=_expected(_body()))))


@bp.post("/comments/<int:comment_id>/replies")
@token_required()
def reply(comment_id):
    """An approved reply signed as the newsroom: 201 with the reply (200 when a repeat found the first)."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    body = data.get("body")
    if body is not None and not isinstance(body, str):
        raise ServiceError("validation", 400, {"body": ERRORS["validation"]})
    result = reply_as_newsroom(comment_id, body, moderator_id=g.moderator.id,
                               max_length=current_app.config["COMMENT_MAX_LENGTH"])
    return jsonify(newsroom_reply(result)), 201 if result.created else 200
