"""``POST /api/v1/[sites/<site>/]articles/<id>/comments/status``: a browser asks about the comments it sent.

A POST, not a GET: the keys are secrets and must not end up in URLs and access logs.
Never cached; answers depend on the keys.
"""
from flask import Blueprint, jsonify, request

from moderation.http.cors import open_blueprint
from moderation.http.sites import current_site_id, scope_blueprint, site_routes
from moderation.errors import ServiceError
from moderation.extensions import limiter
from moderation.services.receipts import held_statuses, parse_keys

bp = scope_blueprint(open_blueprint(Blueprint("receipts_api", __name__, url_prefix="/api/v1")))


@site_routes(bp, "/articles/<article:article_id>/comments/status", methods=["POST"])
@limiter.exempt
def statuses(article_id):
    if not request.is_json:
        raise ServiceError("unsupported_media_type", 415)
    found = held_statuses(article_id, parse_keys(request.get_json(silent=True)), current_site_id())
    response = jsonify({"comments": found})
    response.headers["Cache-Control"] = "no-store"
    return response
