"""CORS on the readers' API: allowed origins only, preflights that work and cost nothing, moderation closed."""
import pytest
from flask.testing import FlaskClient

from moderation.services.accounts import create_moderator, create_token

ALLOWED = "https://news.example.vn"
PREFLIGHT = {"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type,idempotency-key"}


@pytest.mark.parametrize("url", ["/api/v1/counts?ids=bai-a", "/api/v1/articles/bai-a/count",
                                 "/api/v1/articles/bai-a/comments"])
def test_an_allowed_origin_may_read_the_answer(client, url):
    r = client.get(url, headers={"Origin": ALLOWED})
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in r.headers["Vary"]


@pytest.mark.parametrize("origin", ["https://evil.example", "http://news.example.vn", "https://news.example.vn.evil",
                                    "null"])
def test_an_unlisted_origin_gets_no_allow_origin(client, origin):
    r = client.get("/api/v1/counts?ids=bai-a", headers={"Origin": origin})
    assert r.status_code == 200
    assert "Access-Control-Allow-Origin" not in r.headers
    assert "Origin" in r.headers["Vary"]


def test_errors_are_readable_cross_origin_too(client):
    r = client.get("/api/v1/counts?ids=,", headers={"Origin": ALLOWED})
    assert r.status_code == 400 and r.headers["Access-Control-Allow-Origin"] == ALLOWED
    r = client.post("/api/v1/articles/bai-a/comments", json={"author": ""}, headers={"Origin": ALLOWED})
    assert r.status_code == 400 and r.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_preflight_for_a_json_post_with_idempotency_key(client):
    r = client.options("/api/v1/articles/bai-a/comments", headers=PREFLIGHT)
    assert r.status_code == 204
    assert r.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    allowed_headers = r.headers["Access-Control-Allow-Headers"].lower()
    assert "content-type" in allowed_headers and "idempotency-key" in allowed_headers


def test_preflight_from_an_unlisted_origin_is_not_granted(client):
    r = client.options("/api/v1/articles/bai-a/comments", headers={**PREFLIGHT, "Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers
    assert "Access-Control-Allow-Methods" not in r.headers


def test_preflights_do_not_spend_the_comment_rate_limit(make_app):
    client = make_app(COMMENT_RATE_LIMIT="1 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="1 per minute").test_client()
    for _ in range(3):
        assert client.options("/api/v1/articles/bai-a/comments", headers=PREFLIGHT).status_code == 204
    r = client.post("/api/v1/articles/bai-a/comments", json={"author": "An", "body": "Xin chào"},
                    headers={"Origin": ALLOWED})
    assert r.status_code == 202


def test_the_moderation_api_is_not_opened_cross_origin(client, app):
    token = create_token(create_moderator("bientap", "mat-khau-dai", "moderator", actor=None), actor=None)
    r = client.post("/api/v1/moderation/comments/1/approve",
                    headers={"Origin": ALLOWED, "Authorization": f"Bearer {token}"})
    assert "Access-Control-Allow-Origin" not in r.headers
    # The preflight of a route the OpenAPI document rightly lacks, so the plain test client.
    r = FlaskClient(app, app.response_class).options("/api/v1/moderation/comments/1/approve", headers=PREFLIGHT)
    assert "Access-Control-Allow-Origin" not in r.headers


def test_reader_answers_set_no_cookie_and_do_not_vary_by_cookie(client):
    for r in (client.get("/api/v1/counts?ids=bai-a"), client.get("/api/v1/articles/bai-a/comments")):
        assert "Set-Cookie" not in r.headers
        assert "Cookie" not in r.headers.get("Vary", "")
