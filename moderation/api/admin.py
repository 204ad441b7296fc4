"""The admin JSON API: word lists and per-article settings, for CMS integrations and scripts.

Changing anything needs an admin token. Reading an article's settings needs any
moderator's token: the CMS integration that submits on a moderator's behalf must be able
to check whether comments are open, but readers have no business enumerating articles.
"""
from flask import Blueprint, g, jsonify, request

from moderation import messages
from moderation.errors import ServiceError
from moderation.models import Role
from moderation.api.shapes import audit_entry
from moderation.services.audit import audit_log, parse_audit_query
from moderation.services.paging import parse_limit
from moderation.services.settings import configure_article, get_article_settings
from moderation.services.wordlists import replace_word_lists, rules_version, word_lists
from moderation.services.sites import find_site, granted_site_ids
from moderation.api.auth import token_required
from moderation.http.cors import site_origins
from moderation.http.sites import current_site_id, scope_blueprint, site_routes

bp = scope_blueprint(Blueprint("admin_api", __name__, url_prefix="/api/v1"))


def _json_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    return data


def _rules_response(lists):
    return jsonify({**lists, "version": int(rules_version())})


def _rules_owner():
    """``?site=slug`` names the site whose own additions are read or replaced; none: the installation's lists."""
    slug = request.args.get("site")
    return None if slug is None else find_site(slug).id


@bp.get("/moderation/rules")
@token_required(role=Role.ADMIN)
def get_rules():
    return _rules_response(word_lists(_rules_owner()))


@bp.put("/moderation/rules")
@token_required(role=Role.ADMIN)
def put_rules():
    data = _json_body()
    unknown = data.keys() - {"banned", "suspect"}
    if unknown or not data:
        fields = {name: messages.FIELDS["unknown_field"] for name in unknown} or {
            "banned": messages.FIELDS["rules_body"]}
        raise ServiceError("validation", 400, fields)
    return _rules_response(replace_word_lists(banned=data.get("banned"), suspect=data.get("suspect"),
                                              actor=g.moderator, site_id=_rules_owner()))


@site_routes(bp, "/articles/<article:article_id>", methods=["GET"])
@token_required()
def get_article(article_id):
    return jsonify(get_article_settings(article_id, current_site_id(), scope=granted_site_ids(g.moderator)))


@site_routes(bp, "/articles/<article:article_id>", methods=["PUT"])
@token_required(role=Role.ADMIN)
def put_article(article_id):
    return jsonify(configure_article(article_id, _json_body(), actor=g.moderator, origins=site_origins(),
                                     site_id=current_site_id()))


@bp.get("/moderation/audit")
@token_required(role=Role.ADMIN)
def audit():
    """Every write, newest first, filtered like the log page (admin token)."""
    query = parse_audit_query(request.args)
    entries, next_cursor = audit_log(query, parse_limit(request.args.get("limit")), request.args.get("cursor") or None)
    return jsonify({"entries": [audit_entry(entry) for entry in entries], "next": next_cursor})
