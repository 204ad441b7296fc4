"""``GET /api/v1/[sites/<site>/]featured?limit=``: a site's editor's picks for a homepage block
("Bình luận nổi bật"), cacheable exactly like the counts.

Same contract as ``api/counts.py``: a strong ETag of the answer, ``public, max-age`` of
COUNTS_MAX_AGE less what the worker has kept it (the one per-worker cache,
``http/counts_cache.py``, keyed by site and limit), ``If-None-Match`` → 304, CORS for the
site's origins, no cookie read or set (``/api/v1/`` is sessionless), no rate limit. After a
pick or an unpick, every cache serves the new block once max-age has passed.
"""
from flask import Blueprint, request

from moderation.api.counts import cached_json
from moderation.extensions import limiter
from moderation.http.cors import open_blueprint
from moderation.http.sites import current_site_id, current_site_slug, scope_blueprint, site_routes
from moderation.services.picks import featured_answer, parse_featured_limit

bp = scope_blueprint(open_blueprint(Blueprint("featured_api", __name__, url_prefix="/api/v1")))


@site_routes(bp, "/featured", methods=["GET"])
@limiter.exempt
def featured():
    limit = parse_featured_limit(request.args.get("limit"))
    site_id, slug = current_site_id(), current_site_slug()
    return cached_json(("featured", slug, limit), lambda: featured_answer(site_id, slug, limit))
