"""The counts and thread endpoints' fast path: a WSGI layer that answers them before Flask dispatches.

The thread (``GET /api/v1/[sites/<site>/]articles/<id>/comments``, issue 12) goes the same way
since comments.js asks for it on every article view: its answer is the same bytes for every
reader, kept in the per-worker ``thread_cache`` under THREAD_MAX_AGE.

Counts are asked for on every article view and every headline list, and the issue asks
them to cost about what a static answer costs. Flask's request machinery (context,
routing, before/after hooks, extensions) costs more than building a cached count, so
the successful answers (200 and 304) of ``GET /api/v1/counts`` and
``GET /api/v1/articles/<id>/count``, and of the same two under ``/api/v1/sites/<site>``, are produced here from the same builders and the same
per-worker cache as the Flask views in ``api/counts.py``, with the same headers
(caching, ETag, CORS). Everything else falls through to Flask untouched: other routes,
other methods (the CORS preflight included), and any request whose answer is not a
success (a bad id list, the database down), so errors keep their one JSON shape.
A test compares this layer's answers with the Flask views', header by header.

Per site: the cache keys name the site. A site's id and origins (for CORS) are kept per worker
for ``COUNTS_CACHE_SECONDS`` too, as fresh as the answers: two ORM lookups per answer built
cost the site paths two thirds of their throughput (0.33 of the no-op against 0.95). An
unknown site is never kept; it sends the request on to Flask's JSON 404.
"""
import time
import re
from urllib.parse import parse_qsl

from werkzeug.http import parse_etags

from moderation.core.ids import ARTICLE_ID_PATTERN, SITE_SLUG_PATTERN
from moderation.models import DEFAULT_SITE_ID, DEFAULT_SITE_SLUG
from moderation.services.counts import article_answer, batch_answer, caching_headers, etag_matches
from moderation.services.sites import origins_of, site_id
from moderation.services.threads import thread_answer
from moderation.http.cors import answer_headers

_SITE = f"(?:/sites/({SITE_SLUG_PATTERN}))?"
_BATCH = re.compile(f"/api/v1{_SITE}/counts")
_ARTICLE_COUNT = re.compile(f"/api/v1{_SITE}/articles/({ARTICLE_ID_PATTERN})/count")
_THREAD = re.compile(f"/api/v1{_SITE}/articles/({ARTICLE_ID_PATTERN})/comments")


def _first_values(query):
    """The query string as ``request.args.get`` reads it: the first value of each name."""
    args = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        args.setdefault(name, value)
    return args


def _route(environ):
    """``(site slug, cache name, cache key, builder(site id))`` for a counts or thread request, else None."""
    path = environ.get("PATH_INFO", "")
    match = _BATCH.fullmatch(path)
    if match:
        slug = match.group(1) or DEFAULT_SITE_SLUG
        query = environ.get("QUERY_STRING", "")
        ids = next((value for name, value in parse_qsl(query, keep_blank_values=True) if name == "ids"), None)
        return slug, "counts_cache", ("batch", slug, query.encode("latin-1")), lambda site: batch_answer(ids, site)
    match = _ARTICLE_COUNT.fullmatch(path)
    if match:
        slug, article_id = match.group(1) or DEFAULT_SITE_SLUG, match.group(2)
        return slug, "counts_cache", ("article", slug, article_id), lambda site: article_answer(article_id, site)
    match = _THREAD.fullmatch(path)
    if match:
        slug, article_id = match.group(1) or DEFAULT_SITE_SLUG, match.group(2)
        query = environ.get("QUERY_STRING", "")
        return (slug, "thread_cache", ("thread", slug, article_id, query.encode("latin-1")),
                lambda site: thread_answer(article_id, _first_values(query), site))
    return None


class CountsFastPath:
    """Wraps ``flask_app.wsgi_app``; see the module docstring for what it answers."""

    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self.default_origins = frozenset(flask_app.config["ALLOWED_ORIGINS"])
        self.lifetime = flask_app.config["COUNTS_CACHE_SECONDS"]
        self.clock = time.monotonic
        self._sites = {}  # slug -> (site id, origins, stamped)

    def _site(self, slug):
        """``(site id, origins)`` of ``slug``; ServiceError(404) for an unknown one (needs the app context)."""
        if slug == DEFAULT_SITE_SLUG:
            return DEFAULT_SITE_ID, self.default_origins
        kept = self._sites.get(slug)
        if kept is not None and self.clock() - kept[2] < self.lifetime:
            return kept[0], kept[1]
        site = site_id(slug)
        origins = frozenset(origins_of(site, ()))
        self._sites[slug] = (site, origins, self.clock())
        return site, origins

    def __call__(self, environ, start_response):
        route = _route(environ) if environ.get("REQUEST_METHOD") == "GET" else None
        if route is None:
            return self.wsgi_app(environ, start_response)
        slug, cache, key, build = route
        try:
            with self.flask_app.app_context():
                site, origins = self._site(slug)
                answer, max_age = self.flask_app.extensions[cache].answer(key, lambda: build(site))
        except Exception:  # noqa: BLE001 - Flask answers every failure in the API's error shape
            return self.wsgi_app(environ, start_response)
        return self._respond(environ, start_response, answer, max_age, origins)

    def _respond(self, environ, start_response, answer, max_age, origins):
        tags = environ.get("HTTP_IF_NONE_MATCH")
        not_modified = bool(tags) and etag_matches(parse_etags(tags), answer.etag)
        origin = environ.get("HTTP_ORIGIN")
        headers = (caching_headers(answer, max_age, not_modified) + [("Vary", "Origin")]
                   + answer_headers(origin if origin in origins else None))
        start_response("304 NOT MODIFIED" if not_modified else "200 OK", headers)
        return [] if not_modified else [answer.body]
