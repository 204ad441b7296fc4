"""``POST|DELETE /api/v1/comments/<id>/likes``: a reader's "Thích" on an approved comment, and taking it back.

The reader is the key comments.js keeps in localStorage and sends as ``X-Reader-Key`` (no
cookie is read or set: /api/v1/ is sessionless). The answer is the comment's new count and
whether this reader now likes it. CORS follows the comment's own site: its origins are looked
up before the preflight is answered, so a page of site A cannot like site B's comments from a
browser. Limited per client address (``LIKE_RATE_LIMIT``); the rules are in ``services/likes``.
"""
from flask import Blueprint, current_app, g, jsonify, request

from moderation import messages
from moderation.core.reader_keys import reader_hash, valid_reader_key
from moderation.errors import ServiceError
from moderation.extensions import limiter
from moderation.http.clientip import current_ip_hash
from moderation.http.cors import open_blueprint, refuse_cross_site
from moderation.http.errors import error_response
from moderation.http.ratelimits import seconds_to_wait
from moderation.services.likes import like, unlike
from moderation.models import DEFAULT_SITE_ID
from moderation.services.sites import comment_site, origins_of

bp = Blueprint("likes_api", __name__, url_prefix="/api/v1")


# A comment never changes site, so each worker keeps the site of the comments it has seen:
# one query less per like (the lookup was 15 % of a like's CPU, pool checkout included).
MAX_KEPT_SITES = 50_000


@bp.record_once
def _keep_sites(state):
    state.app.extensions["comment_sites"] = {}


@bp.url_value_preprocessor
def _comment_site(_endpoint, values):
    """The comment's site's origins, for CORS, the cross-site check and the limit's request filter
    (``http.cors._cross_site_is_not_counted``): a URL value preprocessor runs before every
    ``before_request`` hook, Flask-Limiter's included."""
    comment_id = (values or {}).get("comment_id")
    kept = current_app.extensions["comment_sites"]
    site = kept.get(comment_id)
    if site is None:
        site = comment_site(comment_id)
        if site is not None:
            if len(kept) >= MAX_KEPT_SITES:
                kept.clear()
            kept[comment_id] = site
    g.site_origins = origins_of(site or DEFAULT_SITE_ID, current_app.config["ALLOWED_ORIGINS"])


refuse_cross_site(open_blueprint(bp))


@bp.errorhandler(429)
def too_fast(_error):
    seconds = seconds_to_wait()
    return error_response("rate_limited", 429, message=messages.too_fast(seconds, "like"),
                          headers={"Retry-After": str(seconds)})


def _reader():
    if request.content_length:
        request.get_data()  # no body is expected; a too-large one is the API's 413, as on every route
    key = request.headers.get("X-Reader-Key")
    if not valid_reader_key(key):
        raise ServiceError("validation", 400, {"X-Reader-Key": messages.FIELDS["reader_key"]})
    return reader_hash(current_app.config["SECRET_KEY"], key)


def _answer(state):
    response = jsonify({"id": state.id, "likes": state.likes, "liked": state.liked})
    response.headers["Cache-Control"] = "no-store"
    return response


# On the blueprint (its one route) rather than the view: Flask-Limiter checks a blueprint's limits
# in the before_request pass it makes on every request anyway, where a view's limit costs a
# second pass over the same resolution (~6 % of a like's CPU under the profiler).
limiter.limit(lambda: current_app.config["LIKE_RATE_LIMIT"], scope="like-ip")(bp)


@bp.route("/comments/<int:comment_id>/likes", methods=["POST", "DELETE"])
def likes(comment_id):
    reader = _reader()
    if request.method == "DELETE":
        return _answer(unlike(comment_id, reader_hash=reader))
    return _answer(like(comment_id, reader_hash=reader, ip_hash=current_ip_hash()))
