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
from flask import current_app, request

from moderation.extensions import limiter

ALLOW_METHODS = "GET, POST, OPTIONS"
ALLOW_HEADERS = "Content-Type, Idempotency-Key, Accept-Language"
EXPOSE_HEADERS = "ETag, Retry-After"
PREFLIGHT_MAX_AGE = "600"


@limiter.request_filter
def _preflight_is_free():
    return request.method == "OPTIONS"


def site_origins():
    """The news site's origins: CORS, framing of the readers' section and cross-site checks.

    The one place they are read, so that making them per site changes one function.
    """
    return current_app.config["ALLOWED_ORIGINS"]


def allowed_origin():
    """The request's Origin when it is one of ALLOWED_ORIGINS, else None."""
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
