"""A page on another site cannot make its visitors submit or report comments.

Form posts and empty POSTs need no CORS preflight, so the browser sends them from any
page; the Origin (or, without it, the Referer) says where that page was.
"""
import pytest

from moderation.extensions import db
from moderation.models import Comment, Report
from tests.clients import validating_client
from tests.moderators import csrf_from

OURS = "http://localhost"
SITE = "https://news.example.vn"
FOREIGN = "https://evil.example"

REFUSED = [
    {"Origin": FOREIGN},
    {"Origin": "null"},
    {"Origin": "https://news.example.vn.evil.example"},
    {"Origin": "http://news.example.vn"},
    {"Referer": f"{FOREIGN}/bai-viet"},
    {"Referer": "không phải địa chỉ"},
    {"Origin": FOREIGN, "Referer": f"{SITE}/bai-1"},
    {"Origin": "http://localhost.evil.example"},
    {"Origin": "http://localhost:8080"},
    {"Origin": "localhost"},
]
ACCEPTED = [
    {},
    {"Origin": SITE},
    {"Origin": "HTTPS://NEWS.EXAMPLE.VN"},
    {"Origin": OURS},
    # Our own host seen through a TLS-terminating proxy: the browser says https, we see http.
    {"Origin": "https://localhost"},
    {"Referer": f"{SITE}/bai-1"},
    {"Referer": f"{OURS}/articles/bai-1/comments"},
    {"Origin": SITE, "Referer": f"{FOREIGN}/x"},
]


def submit(client, headers, **kwargs):
    return client.post("/api/v1/articles/bai-1/comments", data={"author": "An", "body": "Ý kiến"},
                       headers=headers, **kwargs)


@pytest.mark.parametrize("headers", REFUSED)
def test_a_submission_from_a_foreign_page_is_a_json_403_and_stores_nothing(client, headers):
    response = submit(client, headers)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "cross_site"
    assert "trang web khác" in response.get_json()["error"]["message"]
    assert db.session.query(Comment).count() == 0


@pytest.mark.parametrize("headers", ACCEPTED)
def test_a_submission_from_the_site_ourselves_or_a_server_is_accepted(client, headers):
    assert submit(client, headers).status_code == 202


@pytest.mark.parametrize("headers", REFUSED)
def test_an_empty_report_from_a_foreign_page_is_refused(client, make_comment, headers):
    comment = make_comment(status="approved")
    response = client.post(f"/api/v1/comments/{comment.id}/reports", headers=headers)
    assert response.status_code == 403
    assert db.session.query(Report).count() == 0


@pytest.mark.parametrize("headers", ACCEPTED)
def test_a_report_from_the_site_ourselves_or_a_server_is_accepted(client, make_comment, headers):
    comment = make_comment(status="approved")
    assert client.post(f"/api/v1/comments/{comment.id}/reports", headers=headers).status_code == 202


def test_a_refused_cross_site_post_uses_none_of_the_visitors_allowance(make_app):
    app = make_app(COMMENT_RATE_LIMIT="1 per minute")
    with app.app_context():
        client = validating_client(app)
        for _ in range(3):
            assert submit(client, {"Origin": FOREIGN}).status_code == 403
        assert submit(client, {"Origin": SITE}).status_code == 202


def no_js_post(client, headers):
    page = client.get("/articles/bai-1/comments").get_data(as_text=True)
    return client.post("/articles/bai-1/comments", headers=headers,
                       data={"author": "An", "body": "Ý kiến từ trang không JavaScript", "csrf_token": csrf_from(page)})


@pytest.mark.parametrize("headers", [{"Origin": OURS, "Referer": f"{OURS}/articles/bai-1/comments"},
                                     {"Referer": f"{OURS}/articles/bai-1/comments"}])
def test_the_no_js_form_posted_from_our_own_page_keeps_working(client, headers):
    assert no_js_post(client, headers).status_code == 303
    assert db.session.query(Comment).count() == 1


def test_the_no_js_form_posted_from_a_foreign_page_is_a_vietnamese_403(client):
    response = no_js_post(client, {"Origin": FOREIGN})
    assert response.status_code == 403
    assert "trang web khác" in response.get_data(as_text=True)
    assert db.session.query(Comment).count() == 0


def test_reading_a_thread_from_anywhere_is_unaffected(client):
    assert client.get("/api/v1/articles/bai-1/comments", headers={"Origin": FOREIGN}).status_code == 200
