"""The one JSON error body, the Vietnamese error page, and the handlers that choose between them.

Every answer under /api/ is ``{"error": {"code", "message", "fields"}}`` with a Vietnamese
message; every other path gets the error page in the product's layout.
"""
import math
import time

from flask import jsonify, render_template, request
from sqlalchemy.exc import InterfaceError, OperationalError, TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from moderation.errors import ServiceError
from moderation.extensions import db, limiter
from moderation.messages import ERRORS

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large",
    415: "unsupported_media_type", 429: "rate_limited", 503: "unavailable",
}

# Errors a database outage raises: the client should retry, not see a 500.
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)


def error_response(code, status, fields=None, message=None, headers=None):
    body = {"error": {"code": code, "message": str(message or ERRORS.get(code, ERRORS["internal"])),
                      "fields": {k: str(v) for k, v in (fields or {}).items()}}}
    response = jsonify(body)
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def from_service_error(error):
    return error_response(error.code, error.status, error.fields, error.message)


def http_code(status):
    """Our error code for an HTTP status (``not_found`` for 404), ``bad_request`` or ``internal`` else."""
    return _HTTP_CODES.get(status, "bad_request" if status < 500 else "internal")


def from_http_exception(error):
    code = http_code(error.code)
    headers = {"Retry-After": _retry_after()} if error.code == 429 else {}
    if getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)  # a 405 must say what is allowed (RFC 9110)
    return error_response(code, error.code, headers=headers)


def _retry_after():
    """Seconds until the breached limit's window resets (never a flat guess that overstates it).

    Flask-Limiter sets the same header after the request; computing it here keeps a 429
    honest even if its headers are switched off.
    """
    current = limiter.current_limit
    if current is None:
        return "60"
    return str(max(1, math.ceil(current.reset_at - time.time())))


def database_unavailable(error=None):
    return error_response("unavailable", 503, headers={"Retry-After": "5"})


def error_page(status, code=None, message=None):
    """The HTML counterpart for pages outside /api/: a Vietnamese page (English under the English
    locale) in the layout of the part of the product it belongs to, with the right status."""
    from moderation.messages import PAGE_ERRORS, PAGE_HEADINGS, too_fast
    headers = {"Retry-After": "5"} if status == 503 else {}
    if status == 429:
        headers["Retry-After"] = _retry_after()
        message = message or too_fast(int(headers["Retry-After"]),
                                     "comment" if request.path.startswith("/articles/") else "other")
    if message is None:
        # A service's own refusal ("cross_site") says more than the status's page sentence.
        specific = ERRORS.get(code) if code not in _HTTP_CODES.values() else None
        message = specific or PAGE_ERRORS.get(status) or ERRORS.get(code) or PAGE_ERRORS[500]
    # A 5xx page may be rendering because the database is down: the moderators' layout loads
    # the logged-in user from it, so those pages use the readers' layout, which reads nothing.
    moderators = request.path.startswith("/moderation") and status < 500
    template = "moderation/error.html" if moderators else "error.html"
    heading = PAGE_HEADINGS.get(status) or PAGE_HEADINGS[500 if status >= 500 else 400]
    return render_template(template, status=status, heading=heading, message=message), status, headers


def _is_api():
    return request.path.startswith("/api/")


def register(app):
    """One handler per kind of failure, answering JSON under /api/ and a Vietnamese page elsewhere."""
    @app.errorhandler(ServiceError)
    def service_error(error):
        if _is_api():
            return from_service_error(error)
        return error_page(error.status, error.code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        if _is_api():
            return from_http_exception(error)
        if error.code is None or error.code < 400:
            return error  # a redirect (e.g. the trailing-slash 308) is not an error
        return error_page(error.code, http_code(error.code))

    def database_down(error):
        db.session.rollback()
        app.logger.warning("database unavailable: %s", error.__class__.__name__)
        if _is_api():
            return database_unavailable()
        return error_page(503, "unavailable")

    for exception in DATABASE_DOWN:
        app.register_error_handler(exception, database_down)

    @app.errorhandler(Exception)
    def unexpected(error):
        app.logger.exception("unhandled error")
        if _is_api():
            return error_response("internal", 500)
        return error_page(500, "internal")
