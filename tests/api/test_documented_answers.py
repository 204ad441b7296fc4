"""Answers Schemathesis found the OpenAPI document did not describe, now described and checked.

The ``client`` fixture validates every /api/ answer against the document, so each request
below fails if its status or headers are not documented.
"""
import pytest


@pytest.mark.parametrize("path", ["/api/v1/comments/99999999999/reports", "/api/v1/articles/a%2Cb/count",
                                  "/api/v1/articles/a%2Cb/comments"])
def test_a_preflight_for_an_id_the_path_refuses_is_a_documented_404(client, path):
    r = client.options(path, headers={"Origin": "https://news.example.vn", "Access-Control-Request-Method": "POST"})
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("method, path, allowed", [
    ("delete", "/api/v1/form-token", {"GET", "HEAD", "OPTIONS"}),
    ("put", "/api/v1/articles/bai-1/comments", {"GET", "HEAD", "POST", "OPTIONS"}),
])
def test_a_405_says_which_methods_are_allowed(client, method, path, allowed):
    r = getattr(client, method)(path)
    assert r.status_code == 405
    assert set(r.headers["Allow"].split(", ")) == allowed
