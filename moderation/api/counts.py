"""Comment counts for article pages and headline lists: the cacheable hot path.

Both count endpoints answer with ``Cache-Control: public, max-age=COUNTS_MAX_AGE`` and
a strong ETag of the counts, so browsers and CDNs keep them and revalidate with
``If-None-Match`` (304, no body). Each worker also keeps the answers it built for
``COUNTS_CACHE_SECONDS`` and then sends what is left of max-age (moderation/counts_cache.py),
so after a moderator approves, every cache serves the new count once max-age has passed.
"""
from flask import Blueprint, current_app, request

from moderation.services.counts import article_answer, batch_answer, caching_headers, etag_matches
from moderation.http.counts_cache import CountsCache
from moderation.http.cors import open_blueprint
from moderation.http.sites import current_site_id, current_site_slug, scope_blueprint, site_routes
from moderation.extensions import limiter

bp = scope_blueprint(open_blueprint(Blueprint("counts_api", __name__, url_prefix="/api/v1")))


@bp.record_once
def _keep_answers(state):
    config = state.app.config
    state.app.extensions["counts_cache"] = CountsCache(config["COUNTS_CACHE_SECONDS"], config["COUNTS_MAX_AGE"])


def cached_json(key, build, cache="counts_cache"):
    """The answer for ``key`` with its caching headers, or a bare 304 when the client's copy is current."""
    answer, max_age = current_app.extensions[cache].answer(key, build)
    not_modified = bool(request.headers.get("If-None-Match")) and etag_matches(request.if_none_match, answer.etag)
    return current_app.response_class(None if not_modified else answer.body, status=304 if not_modified else 200,
                                      headers=caching_headers(answer, max_age, not_modified))


def article_count(article_id, site_id, slug):
    """``GET /api/v1/[sites/<site>/]articles/<id>/count``: the view lives in reader.py; this builds its answer."""
    return cached_json(("article", slug, article_id), lambda: article_answer(article_id, site_id))


@site_routes(bp, "/counts", methods=["GET"])
@limiter.exempt
def counts():
    # Keyed by the site and the raw query string: a batch seen before is answered without parsing
    # it again, and only a valid one is ever kept (parse_ids raises for the rest).
    site_id = current_site_id()
    return cached_json(("batch", current_site_slug(), request.query_string),
                       lambda: batch_answer(request.args.get("ids"), site_id))
