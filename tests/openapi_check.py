"""A test client that checks every /api/ response against our OpenAPI document.

So the document stays true: a status, header or field the spec does not describe
fails the test that provoked it. Requests are not validated, because tests send bad
ones on purpose; answers to paths the spec cannot match must still be the JSON error shape.
"""
from functools import lru_cache

from flask import g, has_app_context
from flask.testing import FlaskClient
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

from moderation.api.openapi import document


@lru_cache(maxsize=1)
def spec():
    return OpenAPI.from_dict(document())


class _SentRequest(WerkzeugOpenAPIRequest):
    """The request as sent; its body was consumed by the app and is not needed to judge the answer."""

    @property
    def body(self):
        return b""


def assert_error_shape(response):
    body = response.get_json()
    assert response.is_json, f"{response.status_code} on /api/ is not JSON"
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"]), body


def validate(response):
    request = response.request
    if not request.path.startswith("/api/"):
        return
    try:
        spec().validate_response(_SentRequest(request), WerkzeugOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        assert response.status_code in (404, 405), f"{request.method} {request.path} is not in the OpenAPI document"
        assert_error_shape(response)


class ValidatingClient(FlaskClient):
    """Checks /api/ answers against the spec, and starts each request with an empty ``g``.

    The ``app`` fixture keeps one app context open across requests, so without clearing
    ``g`` Flask-Login's cached user and Flask-WTF's cached token would leak from one request
    into the next (a logged-out moderator would still look logged in), unlike production.
    """

    def open(self, *args, **kwargs):
        if has_app_context():
            g.__dict__.clear()
        response = super().open(*args, **kwargs)
        if response.status_code != 304:
            validate(response)
        return response
