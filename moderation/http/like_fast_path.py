"""The like's fast path: a reader's plain "Thích" (or its taking back) answered before Flask dispatches.

A like is the readers' most frequent write: every article view can send several. Through Flask it
cost ~600 µs of CPU in-process, of which the like's statements and commit are ~200: the rest was
the request context, Flask-Limiter resolving which limits apply (one, always the same) and the
ORM session around two statements. This layer does the same work directly and answers the same
bytes (tests/http/test_like_fast_path.py compares them with Flask's, header by header):

- the same rules: ``services.likes.like``/``unlike`` (approved only, one per reader key, the
  per-address cap, the count in the like's own transaction), the same reader-key check and hash;
- the same limit: ``LIKE_RATE_LIMIT`` hit on Flask-Limiter's own strategy (``limiter.limiter``,
  which is its in-memory fallback while the shared storage is down), under the key its
  decorator on ``api/likes.py`` uses, with the same X-RateLimit and Retry-After headers;
- the same CORS headers, by the comment's own site (``comment_origins``).

Only the plain success is answered here. Everything else goes on to Flask untouched, which
answers it as always: the preflight, a body, a malformed key, a page whose Origin is not
exactly one of the site's (the cross-site refusal), a Referer without Origin, a breached limit
(the 429 and its Vietnamese sentence), a comment that is not approved or not there, the
limiter's or the database's failure, a ``LIKE_RATE_LIMIT`` of several limits. Like and unlike
are idempotent, so a request handed on after its like was stored gets the same answer from
Flask; a request handed on after its limit was hit is counted twice, which only matters to a
reader already refused or one whose like failed.
"""
import re

from limits import parse_many

from moderation.core.reader_keys import reader_hash, valid_reader_key
from moderation.extensions import limiter
from moderation.http.clientip import address_of, hash_ip
from moderation.http import ratelimits
from moderation.http.cors import answer_headers
from moderation.http.fast_path import FastPath
from moderation.http.sites import comment_origins
from moderation.services.likes import like, unlike

LIKE_PATH = re.compile(r"/api/v1/comments/([0-9]+)/likes")
# The scope of the like's limit on api/likes.py: part of its key in the limiter's storage.
LIKE_SCOPE = "like-ip"
_NO_BODY = (None, "", "0")


class LikeFastPath(FastPath):
    """Wraps the app's WSGI callable inside ProxyFix (it needs the client's address); see the module docstring."""

    def __init__(self, flask_app, wsgi_app):
        super().__init__(flask_app, wsgi_app)
        config = flask_app.config
        limits = parse_many(config["LIKE_RATE_LIMIT"])
        self.limit = limits[0] if len(limits) == 1 else None
        self.limited = config.get("RATELIMIT_ENABLED", True)
        self.headers = config.get("RATELIMIT_HEADERS_ENABLED", False)
        self.key_prefix = config.get("RATELIMIT_KEY_PREFIX", "")

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        match = LIKE_PATH.fullmatch(environ.get("PATH_INFO", "")) if method in ("POST", "DELETE") else None
        key = environ.get("HTTP_X_READER_KEY")
        if (match is None or self.limit is None or environ.get("CONTENT_LENGTH") not in _NO_BODY
                or "HTTP_TRANSFER_ENCODING" in environ or not valid_reader_key(key)):
            return self.wsgi_app(environ, start_response)
        return self.answer(environ, start_response, "200 OK", method, int(match.group(1)), key)

    def _answer(self, environ, method, comment_id, key):
        """(headers, body) of the like, or None to hand the request on to Flask (nothing written then)."""
        origins = comment_origins(comment_id)
        if origins is None or not self.from_the_sites_page(environ, origins):
            return None
        origin = environ.get("HTTP_ORIGIN")
        config = self.flask_app.config
        address = address_of(environ, config)
        limit_headers = []
        if self.limited:
            args = ratelimits.storage_key(self.key_prefix, address, LIKE_SCOPE)
            strategy = limiter.limiter
            if not strategy.hit(self.limit, *args):
                return None
            if self.headers:
                limit_headers = ratelimits.limit_headers(strategy, self.limit, args)
        secret = config["SECRET_KEY"]
        if method == "DELETE":
            state = unlike(comment_id, reader_hash=reader_hash(secret, key))
        else:
            state = like(comment_id, reader_hash=reader_hash(secret, key), ip_hash=hash_ip(address, secret))
        body = self.flask_app.json.answer_bytes(state._asdict())  # the view's jsonify, byte for byte
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body))),
                   ("Cache-Control", "no-store"), ("Vary", "Origin"), *answer_headers(origin)]
        return headers + limit_headers, body
