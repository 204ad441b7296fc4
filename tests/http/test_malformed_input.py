"""Malformed input from anyone is a 400 (a 404 for an id), never a 500.

Each row is one cause the red-team run found: a URL ``urlsplit`` cannot parse, digits
``str.isdigit()`` accepts but ``int()`` refuses, ids and cursor ids past what an id
column holds (int4 on PostgreSQL, int8 on SQLite), and JSON nested deeper than the decoder
recurses. /api/ answers go through the validating client, so the OpenAPI document must
describe each status too.
"""
import base64

import pytest

from moderation.core.ids import MAX_ID, parse_id
from tests.moderators import signed_in

PAST_INT4 = str(2**31)
PAST_INT8 = str(2**63)
DEEP_JSON = "[" * 20000 + "]" * 20000
SUPERSCRIPT = "²"


def cursor_with_id(comment_id):
    raw = f"2026-12-01T02:00:00+00:00|{comment_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def deep(**kwargs):
    return dict(data=DEEP_JSON, content_type="application/json", **kwargs)


READER_API = [
    ("POST", "/api/v1/articles/bai-1/comments", dict(json={"author": "An", "body": "Hay", "url": "http://[::1"}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", dict(json={"author": "An", "body": "Hay", "url": "http://a.vn:x/"}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", dict(json={"author": "An", "body": "Hay", "parent_id": SUPERSCRIPT}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", dict(json={"author": "An", "body": "Hay", "parent_id": 2**63}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", dict(json={"author": "An", "body": "Hay", "parent_id": PAST_INT4}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", dict(data={"author": "An", "body": "Hay", "parent_id": SUPERSCRIPT}), 400),
    ("POST", "/api/v1/articles/bai-1/comments", deep(), 400),
    ("GET", f"/api/v1/articles/bai-1/comments?limit={SUPERSCRIPT}", {}, 400),
    ("GET", "/api/v1/articles/bai-1/comments?limit=٣", {}, 400),
    ("GET", f"/api/v1/articles/bai-1/comments?cursor={cursor_with_id(PAST_INT8)}", {}, 400),
    ("GET", f"/api/v1/articles/bai-1/comments?cursor={cursor_with_id(SUPERSCRIPT)}", {}, 400),
    ("POST", f"/api/v1/comments/{PAST_INT8}/reports", {}, 404),
    ("POST", f"/api/v1/comments/{PAST_INT4}/reports", {}, 404),
    ("POST", "/api/v1/comments/1/reports", deep(), 400),
    ("POST", "/api/v1/articles/bai-1/comments/status", deep(), 400),
]

MODERATION_API = [
    ("GET", f"/api/v1/moderation/comments?limit={SUPERSCRIPT}", {}, 400),
    ("GET", f"/api/v1/moderation/comments?cursor={cursor_with_id(PAST_INT8)}", {}, 400),
    ("GET", f"/api/v1/moderation/comments?status=approved&cursor={cursor_with_id(PAST_INT4)}", {}, 400),
    ("POST", f"/api/v1/moderation/comments/{PAST_INT8}/approve", {}, 404),
    ("POST", f"/api/v1/moderation/comments/{PAST_INT4}/reject", {}, 404),
    ("POST", "/api/v1/moderation/comments/1/reject", deep(), 400),
    ("PUT", "/api/v1/moderation/rules", deep(), 400),
    ("PUT", "/api/v1/articles/bai-1", deep(), 400),
    ("PUT", "/api/v1/articles/bai-1", dict(json={"url": "http://[::1"}), 400),
]

PAGES = [
    ("GET", f"/moderation/?cursor={cursor_with_id(PAST_INT8)}", 400),
    ("GET", f"/moderation/?tab=approved&cursor={cursor_with_id(PAST_INT4)}", 400),
    ("GET", f"/moderation/log?comment={PAST_INT8}", 400),
    ("GET", f"/moderation/log?moderator={SUPERSCRIPT}", 400),
    ("GET", f"/moderation/log?cursor={cursor_with_id(PAST_INT8)}", 400),
    ("POST", f"/moderation/comments/{PAST_INT8}/approve", 404),
    ("POST", f"/moderation/comments/{PAST_INT4}/edit", 404),
    ("POST", f"/moderation/admin/bans/{PAST_INT8}/lift", 404),
    ("GET", f"/moderation/admin/moderators/{PAST_INT8}", 404),
    ("POST", f"/moderation/admin/moderators/{PAST_INT4}/role", 404),
    ("GET", "/moderation/admin/moderators/٣", 404),
]


@pytest.mark.parametrize("method, path, kwargs, status", READER_API)
def test_malformed_reader_input_is_a_client_error(client, method, path, kwargs, status):
    response = client.open(path, method=method, **kwargs)
    assert response.status_code == status
    assert response.is_json


@pytest.mark.parametrize("method, path, kwargs, status", MODERATION_API)
def test_malformed_moderation_api_input_is_a_client_error(client, admin_token, method, path, kwargs, status):
    response = client.open(path, method=method, headers=admin_token, **kwargs)
    assert response.status_code == status
    assert response.is_json


@pytest.mark.parametrize("method, path, status", PAGES)
def test_malformed_page_input_is_a_vietnamese_client_error(client, method, path, status):
    session = signed_in(client, "quantri", "admin")
    response = session.get(path) if method == "GET" else session.post(path, data={"ids": "1"})
    assert response.status_code == status
    assert "lang=\"vi\"" in response.get_data(as_text=True)


@pytest.mark.parametrize("values", [[PAST_INT8], [SUPERSCRIPT], ["1", PAST_INT4]])
def test_bulk_ids_out_of_range_are_a_400(client, values):
    session = signed_in(client, "quantri", "admin")
    response = session.post("/moderation/bulk", data={"ids": values, "action": "approve"}, json_answer=True)
    assert response.status_code == 400


@pytest.mark.parametrize("query", [f"limit={SUPERSCRIPT}", f"cursor={cursor_with_id(PAST_INT8)}"])
def test_the_reader_page_shows_the_first_page_for_a_malformed_query(client, query):
    """The framed no-JS section never shows an error for a mangled link: it starts from page 1."""
    assert client.get(f"/articles/bai-1/comments?{query}").status_code == 200


@pytest.mark.parametrize("value, expected", [
    (1, 1), ("42", 42), (MAX_ID, MAX_ID), (str(MAX_ID), MAX_ID),
    (0, None), (-1, None), (MAX_ID + 1, None), (PAST_INT8, None), (SUPERSCRIPT, None), ("٣", None),
    ("1 ", None), ("+1", None), ("", None), (True, None), (1.0, None), (None, None),
])
def test_parse_id_takes_ascii_digits_within_the_column_range(value, expected):
    assert parse_id(value) == expected


def _body_routes():
    from moderation import create_app
    from tests.conftest import BASE_CONFIG
    app = create_app({**BASE_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods & {"POST", "PUT"}):
            if rule.rule.startswith("/api/"):
                path = rule.rule.replace("<article:article_id>", "bai-1").replace("<int:comment_id>", "1")
                path = path.replace("<site:site>", "default")
                yield method, path


@pytest.mark.parametrize("method, path", sorted(set(_body_routes())))
def test_every_api_body_too_large_is_a_documented_413(client, admin_token, method, path):
    response = client.open(path, method=method, headers=admin_token, data="{" + " " * 70000 + "}",
                           content_type="application/json")
    assert response.status_code == 413
