"""The submission's fast path: a plain comment from comments.js stored and acknowledged before Flask dispatches.

Through Flask a submission cost ~330 µs of its ~1,700 µs of CPU in-process around the service's
own work, and about three times that under gunicorn: the request context, URL matching, a dozen
hooks, Flask-Limiter resolving the route's limits on every request, and the response object
(bench/README.md, "Late-night session"). This layer does the service's work directly
and answers the same bytes (tests/http/test_submission_fast_path.py compares them with Flask's,
header by header):

- the same rules: ``services.submissions.submit_comment`` with the site's policy (which
  asks for the Idempotency-Key with the sender's history: a known retry gets its first receipt
  back), the same address key and hash;
- the same limits: ``COMMENT_RATE_LIMIT`` and ``COMMENT_RATE_LIMIT_PER_ARTICLE`` tested on
  Flask-Limiter's own strategy, under the keys and scopes of the decorators on api/reader.py
  (``ratelimits.COMMENT_SCOPE``, ``ARTICLE_SCOPE``, ``article_key``), charged only when a comment
  is stored, with the same X-RateLimit and Retry-After headers (``ratelimits.settle``); a known
  retry is charged nothing and announced no limit, as the decorators' exemption does;
- the same site and CORS headers (``services.sites``, ``cors.answer_headers``) and the view's body
  (``Receipt.answer``).

It takes only what comments.js sends: a POST of a JSON object to ``/api/v1/articles/<id>/comments``
or ``/api/v1/sites/<site>/articles/<id>/comments``, with an Idempotency-Key, from one of the
site's origins (or from no page at all: no Origin, no Referer). Everything else goes on to Flask
untouched: an unknown site, a form post, another Origin or a Referer alone (the cross-site
refusal), a body that is not a JSON object, a breached limit (the 429 and its sentence, or a
known retry's receipt, exempt there), the limiter disabled or on its fallback, and every refusal
of the service (its Vietnamese error in the API's shape). The body read here is handed on with
the request.

Only a receipt is answered here, so a request handed on has written nothing, with one
exception: a failure after the commit. The Idempotency-Key makes that safe: Flask then finds
the comment under its key and answers its receipt, as it would a browser's retry. What the
service itself refused or failed at (a ban, a closed article, a commit that failed) is not
done again: Flask raises that very exception (``FAILURE``) and answers it as its view would.
"""
import io
import re

from limits import parse_many

from moderation.core.ids import ARTICLE_ID_PATTERN, SITE_SLUG_PATTERN
from moderation.extensions import limiter
from moderation.http import ratelimits
from moderation.http.clientip import address_of, hash_ip
from moderation.http.cors import answer_headers
from moderation.http.fast_path import FastPath
from moderation.models import DEFAULT_SITE_SLUG
from moderation.services.sites import origins_of, site_id
from moderation.services.submissions import Policy, submit_comment

# Where a refusal or failure of the service is left for Flask, with the limits tested for it:
# api/reader.py raises it before its view runs, so its handlers answer it (a JSON error, a 503's
# Retry-After, the CORS and limit headers) and nothing is done twice. A database down at the
# fast path is not then waited for a second time.
FAILURE = "moderation.submission_fast_path.failure"
# The submitting route of api/reader.py, on the default site's path and on the site-scoped one.
SUBMIT_PATH = re.compile(rf"/api/v1(?:/sites/({SITE_SLUG_PATTERN}))?/articles/({ARTICLE_ID_PATTERN})/comments")


class SubmissionFastPath(FastPath):
    """Wraps the app's WSGI callable inside ProxyFix (it limits by the client's address); see the module docstring."""

    def __init__(self, flask_app, wsgi_app):
        super().__init__(flask_app, wsgi_app)
        config = flask_app.config
        self.comment_limits = parse_many(config["COMMENT_RATE_LIMIT"])
        self.article_limits = parse_many(config["COMMENT_RATE_LIMIT_PER_ARTICLE"])
        self.key_prefix = config.get("RATELIMIT_KEY_PREFIX", "")
        self.headers = config.get("RATELIMIT_HEADERS_ENABLED", False)

    def __call__(self, environ, start_response):
        match = SUBMIT_PATH.fullmatch(environ.get("PATH_INFO", "")) if environ.get("REQUEST_METHOD") == "POST" else None
        length = self._plain_length(environ) if match else None
        if length is None or not environ.get("HTTP_IDEMPOTENCY_KEY"):
            return self.wsgi_app(environ, start_response)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)  # for Flask, should the request go on
        return self.answer(environ, start_response, "202 ACCEPTED", match.group(1) or DEFAULT_SITE_SLUG,
                           match.group(2), body)

    def _plain_length(self, environ):
        """The body's length when it is a JSON body of a length Flask would read, else None."""
        mimetype = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        length = environ.get("CONTENT_LENGTH", "")
        if mimetype != "application/json" or not length.isdigit() or "HTTP_TRANSFER_ENCODING" in environ:
            return None
        length, most = int(length), self.flask_app.config.get("MAX_CONTENT_LENGTH")
        return length if 0 < length and (most is None or length <= most) else None

    def _checks(self, address, slug, article_id):
        """Both limits as the decorators on api/reader.py apply them to this request, in their order."""
        per_address = ratelimits.storage_key(self.key_prefix, address, ratelimits.COMMENT_SCOPE)
        per_article = ratelimits.storage_key(self.key_prefix, ratelimits.article_key(address, slug, article_id),
                                             ratelimits.ARTICLE_SCOPE)
        return ratelimits.in_order([*(ratelimits.Check(item, per_address) for item in self.comment_limits),
                                    *(ratelimits.Check(item, per_article) for item in self.article_limits)])

    def _answer(self, environ, slug, article_id, body):
        """(headers, body) of the stored comment's receipt, or None to hand the request on to Flask."""
        app = self.flask_app
        data = app.json.loads(body)
        strategy = limiter.limiter
        if not isinstance(data, dict) or not limiter.enabled or strategy.storage is not limiter.storage:
            return None
        config = app.config
        site = site_id(slug)  # an unknown slug raises: Flask's 404
        origins = origins_of(site, config["ALLOWED_ORIGINS"])
        if not self.from_the_sites_page(environ, origins):
            return None
        address = address_of(environ, config)
        checks = self._checks(address, slug, article_id)
        if not ratelimits.passes(strategy, checks):
            return None  # Flask-Limiter's 429, or the receipt of a known retry, which its limits exempt
        try:
            receipt = submit_comment(article_id, data, ip_hash=hash_ip(address, config["SECRET_KEY"]),
                                     policy=Policy.from_config(config, origins),
                                     idempotency_key=environ["HTTP_IDEMPOTENCY_KEY"],
                                     screen=app.extensions["comment_screen"], site_id=site)
        except Exception as failure:  # noqa: BLE001 - answered by Flask's handlers, see FAILURE
            environ[FAILURE] = (failure, checks)
            return None
        # Charged only when stored; a known retry's answer announces no limit, as the decorators' exemption.
        limit_headers = ratelimits.settle(strategy, checks if receipt.created else [], checks,
                                          announce=self.headers and not receipt.retry)
        answer = app.json.answer_bytes(receipt.answer())
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(answer))), ("Vary", "Origin"),
                   *answer_headers(environ.get("HTTP_ORIGIN"))]
        return headers + limit_headers, answer
