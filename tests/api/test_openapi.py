"""The OpenAPI document stays true: every /api/ route is in it, and it is a valid OpenAPI 3.1 document.

The route check reads ``app.url_map``, so routes other blueprints add later are covered too.
"""
import re

import pytest
from openapi_spec_validator import validate

from moderation.api.openapi import document

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def openapi_path(rule):
    """Flask's /api/v1/articles/<article:article_id>/count as OpenAPI's /api/v1/articles/{article_id}/count."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def api_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - IGNORED_METHODS):
                yield openapi_path(rule.rule), method.lower()


@pytest.mark.parametrize("rule, expected", [
    ("/api/v1/articles/<article:article_id>/comments", "/api/v1/articles/{article_id}/comments"),
    ("/api/v1/comments/<int:comment_id>/reports", "/api/v1/comments/{comment_id}/reports"),
    ("/api/v1/x/<name>/<path:rest>", "/api/v1/x/{name}/{rest}"),
])
def test_flask_rules_translate_to_openapi_paths(rule, expected):
    assert openapi_path(rule) == expected


def test_every_api_route_is_in_the_openapi_document(app):
    paths = document()["paths"]
    missing = [f"{method.upper()} {path}" for path, method in api_routes(app)
               if method not in paths.get(path, {})]
    assert missing == [], "routes missing from the OpenAPI document"


def test_the_document_lists_no_route_the_app_lacks(app):
    served = set(api_routes(app))
    described = {(path, method) for path, item in document()["paths"].items()
                 for method in item if method in {"get", "post", "put", "patch", "delete"}}
    assert described - served == set()


def test_the_document_is_valid_openapi_3_1():
    spec = document()
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_the_document_is_served(client):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    assert r.get_json() == document()


def test_every_documented_error_uses_the_one_error_shape():
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, f"{method} {path} {status}"


def test_the_submission_documents_every_error_status():
    responses = document()["paths"]["/api/v1/articles/{article_id}/comments"]["post"]["responses"]
    assert {"202", "400", "403", "404", "409", "413", "415", "429"} <= set(responses)
    assert "Retry-After" in responses["429"]["headers"]
