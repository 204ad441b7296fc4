"""The moderation JSON API for CMS integrations and scripts (bearer token)."""
from flask import Blueprint, g, jsonify, request

from ..errors import ServiceError
from ..review import transition
from .auth import token_required

bp = Blueprint("moderation_api", __name__, url_prefix="/api/v1/moderation")


def _reason():
    if not request.get_data():
        return None
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    reason = data.get("reason")
    if reason is not None and not isinstance(reason, str):
        raise ServiceError("validation", 400, {"reason": "text"})
    return (reason or "").strip()[:500] or None


def _decide(comment_id, action):
    outcome = transition(comment_id, action, moderator_id=g.moderator.id, reason=_reason())
    body = {"id": outcome.comment.id, "status": outcome.comment.status.value, "changed": outcome.changed}
    if outcome.decided_by:
        body["decided_by"] = outcome.decided_by
    return jsonify(body)


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
