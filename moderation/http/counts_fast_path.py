"""The counts endpoints' fast path: a WSGI layer that answers them before Flask dispatches.

Counts are asked for on every article view and every headline list, and the issue asks
them to cost about what a static answer costs. Flask's request machinery (context,
routing, before/after hooks, extensions) costs more than building a cached count, so
the successful answers (200 and 304) of ``GET /api/v1/counts`` and
``GET /api/v1/articles/<id>/count`` are produced here from the same builders and the same
per-worker cache as the Flask views in ``api/counts.py``, with the same headers
(caching, ETag, CORS). Everything else falls through to Flask untouched: other routes,
other methods (the CORS preflight included), and any request whose answer is not a
success (a bad id list, the database down), so errors keep their one JSON shape.
A test compares this layer's answers with the Flask views', header by header.
"""
import re
from urllib.parse import parse_qsl

from werkzeug.http import parse_etags

from moderation.core.ids import ARTICLE_ID_PATTERN
from moderation.services.counts import article_answer, batch_answer, caching_headers, etag_matches
from moderation.http.cors import answer_headers

_ARTICLE_COUNT = re.compile(f"/api/v1/articles/({ARTICLE_ID_PATTERN})/count")


def _route(environ):
    """``(cache key, builder)`` for a counts request, else None."""
    path = environ.get("PATH_INFO", "")
    if path == "/api/v1/counts":
        query = environ.get("QUERY_STRING", "")
        ids = next((value for name, value in parse_qsl(query, keep_blank_values=True) if name == "ids"), None)
        return ("batch", query.encode("latin-1")), lambda: batch_answer(ids)
    match = _ARTICLE_COUNT.fullmatch(path)
    if match:
        article_id = match.group(1)
        return ("article", article_id), lambda: article_answer(article_id)
    return None


class CountsFastPath:
    """Wraps ``flask_app.wsgi_app``; see the module docstring for what it answers."""

    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app
        self.origins = frozenset(flask_app.config["ALLOWED_ORIGINS"])

    def __call__(self, environ, start_response):
        route = _route(environ) if environ.get("REQUEST_METHOD") == "GET" else None
        if route is None:
            return self.wsgi_app(environ, start_response)
        key, build = route
        try:
            with self.flask_app.app_context():
                answer, max_age = self.flask_app.extensions["counts_cache"].answer(key, build)
        except Exception:  # noqa: BLE001 - Flask answers every failure in the API's error shape
            return self.wsgi_app(environ, start_response)
        return self._respond(environ, start_response, answer, max_age)

    def _respond(self, environ, start_response, answer, max_age):
        tags = environ.get("HTTP_IF_NONE_MATCH")
        not_modified = bool(tags) and etag_matches(parse_etags(tags), answer.etag)
        origin = environ.get("HTTP_ORIGIN")
        headers = (caching_headers(answer, max_age, not_modified) + [("Vary", "Origin")]
                   + answer_headers(origin if origin in self.origins else None))
        start_response("304 NOT MODIFIED" if not_modified else "200 OK", headers)
        return [] if not_modified else [answer.body]
