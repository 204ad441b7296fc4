"""CORS for the readers' API: a small middleware, scoped to the blueprints readers' browsers call.

Article pages on the news site's own domain call the service from the browser, so the
readers' routes answer cross-origin, but only to ``ALLOWED_ORIGINS``: an unlisted
origin gets no ``Access-Control-Allow-Origin`` and its page cannot read the answer.
Every answer carries ``Vary: Origin`` so a shared cache never hands one origin's headers
to another. Preflights are answered here with 204, before any view or database work,
and never count against a rate limit. The moderation API (bearer tokens) is not opened.

It is a few lines rather than flask-cors because it runs on the hottest path: one
dict lookup per request instead of a regex per configured resource on every response.
"""
from flask import current_app, g, request

from moderation.core.urls import http_origin
from moderation.errors import ServiceError
from moderation.extensions import limiter

ALLOW_METHODS = "GET, POST, DELETE, OPTIONS"
# X-Reader-Key: the reader's key on likes (api/likes.py).
ALLOW_HEADERS = "Content-Type, Idempotency-Key, Accept-Language, X-Reader-Key"
EXPOSE_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = "600"


@limiter.request_filter
def _preflight_is_free():
    return request.method == "OPTIONS"


def site_origins():
    """The origins of the site this request is for: CORS, framing of the readers' section,
    cross-site checks and accepted article URLs. The one place they are read.

    On the site-scoped blueprints ``http.sites`` has resolved them (an origin of site A is not
    one of site B's); everywhere else they are the default site's, ``ALLOWED_ORIGINS``.
    """
    origins = g.get("site_origins")
    return current_app.config["ALLOWED_ORIGINS"] if origins is None else origins


def allowed_origin():
    """The request's Origin when it is one of the site's origins, else None."""
    origin = request.headers.get("Origin")
    if origin and origin in site_origins():
        return origin
    return None


def _add_vary_origin(headers):
    vary = headers.get("Vary")
    if not vary:
        headers["Vary"] = "Origin"
    elif "origin" not in vary.lower():
        headers["Vary"] = vary + ", Origin"


def _answer_preflight():
    if request.method != "OPTIONS":
        return None
    response = current_app.response_class(status=204)
    origin = allowed_origin()
    if origin:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Methods"] = ALLOW_METHODS
        response.headers["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


def answer_headers(origin):
    """CORS headers of an answer (not a preflight) to ``origin``, an allowed origin or None."""
    if not origin:
        return []
    return [("Access-Control-Allow-Origin", origin), ("Access-Control-Expose-Headers", EXPOSE_HEADERS)]


def _add_headers(response):
    headers = response.headers
    _add_vary_origin(headers)
    if request.method != "OPTIONS":
        for name, value in answer_headers(allowed_origin()):
            headers[name] = value
    return response


def open_blueprint(bp):
    """Answer preflights and add CORS headers on every response of ``bp``, errors included."""
    bp.before_request(_answer_preflight)
    bp.after_request(_add_headers)
    return bp


# Blueprints whose POSTs change state for the reader who sends them (see ``refuse_cross_site``).
_GUARDED = set()


def cross_site():
    """True when a browser sent this request from a page on an origin other than ours or the site's.

    Browsers send ``Origin`` on every POST (``null`` from sandboxed or privacy-stripped
    contexts, which counts as foreign); some older ones only a ``Referer``. A request with
    neither is a server (a CMS) or a tool, not a visitor's browser tricked by another page.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        referer = request.headers.get("Referer")
        if not referer:
            return False
        origin = http_origin(referer) or "null"
    origin = origin.lower()
    if origin in {o.lower() for o in site_origins()}:
        return False
    # Our own pages (the no-JS section) by host alone: behind a TLS-terminating proxy without
    # PROXY_COUNT the request looks like http:// while the browser says https://.
    return http_origin(origin) is None or origin.split("://", 1)[1] != request.host.lower()


def _guarded_post():
    return request.method == "POST" and request.blueprint in _GUARDED


@limiter.request_filter
def _cross_site_is_not_counted():
    """A refused cross-site post must not use up the allowance of the visitor it was sent through."""
    return _guarded_post() and cross_site()


def _refuse():
    if _guarded_post() and cross_site():
        raise ServiceError("cross_site", 403)


def refuse_cross_site(bp):
    """Refuse ``bp``'s POSTs sent by a browser from a foreign page (a JSON 403 on /api/).

    Plain form posts and empty POSTs need no CORS preflight, so without this any page
    could make its visitors submit and report comments: spam spread over innocent readers'
    addresses, which then get banned.
    """
    _GUARDED.add(bp.name)
    bp.before_request(_refuse)
    return bp
