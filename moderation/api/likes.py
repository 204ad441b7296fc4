"""``POST|DELETE /api/v1/comments/<id>/likes``: a reader's "Thích" on an approved comment, and taking it back.

The reader is the key comments.js keeps in localStorage and sends as ``X-Reader-Key`` (no
cookie is read or set: /api/v1/ is sessionless). The answer is the comment's new count and
whether this reader now likes it. CORS follows the comment's own site: its origins are looked
up before the preflight is answered, so a page of site A cannot like site B's comments from a
browser. Limited per client address (``LIKE_RATE_LIMIT``); the rules are in ``services/likes``.
The plain successful like is answered before Flask (``http/like_fast_path.py``) with the same
rules, limit and headers; these views answer everything else, and every like when it is off.
"""
from flask import Blueprint, current_app, g, jsonify, request

from moderation import messages
from moderation.core.reader_keys import reader_hash, valid_reader_key
from moderation.errors import ServiceError
from moderation.extensions import limiter
from moderation.http.clientip import current_ip_hash
from moderation.http.cors import open_blueprint, refuse_cross_site
from moderation.http.errors import error_response
from moderation.http.like_fast_path import LIKE_SCOPE
from moderation.http.ratelimits import seconds_to_wait
from moderation.http.sites import comment_origins
from moderation.services.likes import like, unlike

bp = Blueprint("likes_api", __name__, url_prefix="/api/v1")


@bp.url_value_preprocessor
def _comment_site(_endpoint, values):
    """The comment's site's origins, for CORS, the cross-site check and the limit's request filter
    (``http.cors._cross_site_is_not_counted``): a URL value preprocessor runs before every
    ``before_request`` hook, Flask-Limiter's included. No such comment: the default site's."""
    origins = comment_origins((values or {}).get("comment_id"))
    g.site_origins = current_app.config["ALLOWED_ORIGINS"] if origins is None else origins


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
    response = jsonify(state._asdict())
    response.headers["Cache-Control"] = "no-store"
    return response


# On the blueprint (its one route) rather than the view: Flask-Limiter checks a blueprint's limits
# in the before_request pass it makes on every request anyway, where a view's limit costs a
# second pass over the same resolution (~6 % of a like's CPU under the profiler).
# Shared, so its bucket is the scope alone, the key the fast path hits too (http/like_fast_path.py).
limiter.shared_limit(lambda: current_app.config["LIKE_RATE_LIMIT"], scope=LIKE_SCOPE)(bp)


@bp.route("/comments/<int:comment_id>/likes", methods=["POST", "DELETE"])
def likes(comment_id):
    reader = _reader()
    if request.method == "DELETE":
        return _answer(unlike(comment_id, reader_hash=reader))
    return _answer(like(comment_id, reader_hash=reader, ip_hash=current_ip_hash()))
