"""The domain exception and the one JSON error shape every API blueprint answers with.

Services raise ``ServiceError`` with a code and optional per-field reasons; each
blueprint turns it into its own shape (JSON here, form errors or flashes on the web).
"""
import math
import time

from flask import jsonify
from sqlalchemy.exc import OperationalError, InterfaceError, TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from moderation.messages import ERRORS

_HTTP_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large",
    415: "unsupported_media_type", 429: "rate_limited", 503: "unavailable",
}

# Errors a database outage raises: the client should retry, not see a 500.
DATABASE_DOWN = (OperationalError, InterfaceError, PoolTimeout)


class ServiceError(Exception):
    """A rule refused the request. ``fields`` maps field names to reasons."""

    def __init__(self, code, status=400, fields=None, message=None):
        super().__init__(code)
        self.code = code
        self.status = status
        self.fields = fields or {}
        self.message = message


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


def from_http_exception(error):
    code = _HTTP_CODES.get(error.code, "bad_request" if error.code < 500 else "internal")
    headers = {"Retry-After": _retry_after()} if error.code == 429 else {}
    if getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)  # a 405 must say what is allowed (RFC 9110)
    return error_response(code, error.code, headers=headers)


def _retry_after():
    """Seconds until the breached limit's window resets (never a flat guess that overstates it).

    Flask-Limiter sets the same header after the request; computing it here keeps a 429
    honest even if its headers are switched off.
    """
    from moderation.extensions import limiter
    current = limiter.current_limit
    if current is None:
        return "60"
    return str(max(1, math.ceil(current.reset_at - time.time())))


def database_unavailable(error=None):
    return error_response("unavailable", 503, headers={"Retry-After": "5"})


def error_page(status, code):
    """The HTML counterpart for pages outside /api/: a short Vietnamese sentence, the right status."""
    from flask import render_template
    headers = {"Retry-After": "5"} if status == 503 else {}
    return render_template("error.html", status=status, message=ERRORS.get(code, ERRORS["internal"])), status, headers
