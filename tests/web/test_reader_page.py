"""GET/POST /articles/<article_id>/comments: the server-rendered "Ý kiến bạn đọc" section (no JavaScript)."""
import re
import time

import pytest

from moderation.services.articles import update_article
from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.core.spam import issue_form_token

PAGE = "/articles/bai-1/comments"


def csrf_token(client, path=PAGE):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def form(client, app, **fields):
    """A form as a person sends it: with the CSRF token, after a human pause."""
    token = issue_form_token(app.config["SECRET_KEY"], now=time.time() - 30)
    return {"csrf_token": csrf_token(client), "form_token": token, "author": "Phạm Minh",
            "body": "Cảm ơn bài viết.", **fields}


def test_the_page_shows_the_heading_and_the_approved_total(client, make_comment):
    for status in ("approved", "approved", "pending"):
        make_comment(article_id="bai-1", status=status)
    r = client.get(PAGE)
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "Ý kiến bạn đọc" in html
    assert re.search(r"Tổng lượt bình luận: <strong data-count>2</strong>", html)


def test_the_page_shows_approved_comments_only(client, make_comment):
    make_comment(article_id="bai-1", status="approved", body="được duyệt")
    make_comment(article_id="bai-1", status="pending", body="đang chờ")
    make_comment(article_id="bai-1", status="rejected", body="bị từ chối")
    html = client.get(PAGE).get_data(as_text=True)
    assert "được duyệt" in html and "đang chờ" not in html and "bị từ chối" not in html


def test_an_author_name_is_shown_as_text_never_markup(client, make_comment):
    make_comment(article_id="bai-1", status="approved", author="<script>alert(1)</script>")
    html = client.get(PAGE).get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_the_form_carries_csrf_a_signed_render_time_and_a_honeypot(client):
    html = client.get(PAGE).get_data(as_text=True)
    for name in ("csrf_token", "form_token", "website", "author", "email", "body"):
        assert f'name="{name}"' in html


def test_a_post_without_the_csrf_token_is_refused_with_400(client, app):
    r = client.post(PAGE, data={k: v for k, v in form(client, app).items() if k != "csrf_token"})
    assert r.status_code == 400
    assert db.session.query(Comment).count() == 0


def test_a_post_with_a_wrong_csrf_token_is_refused_with_400(client, app):
    r = client.post(PAGE, data=form(client, app, csrf_token="not-the-token"))
    assert r.status_code == 400


def test_a_comment_posted_from_the_page_is_held_and_the_reader_told(client, app):
    r = client.post(PAGE, data=form(client, app))
    assert r.status_code == 303
    assert r.headers["Location"].endswith("/articles/bai-1/comments#y-kien-ban-doc")
    assert db.session.query(Comment).one().status == Status.PENDING
    html = client.get(PAGE).get_data(as_text=True)
    assert "Bình luận của bạn đang chờ duyệt." in html


def test_a_filled_honeypot_on_the_page_is_trapped_but_told_pending(client, app):
    client.post(PAGE, data=form(client, app, website="http://spam.example"))
    assert db.session.query(Comment).one().status == Status.REJECTED
    assert "Bình luận của bạn đang chờ duyệt." in client.get(PAGE).get_data(as_text=True)


def test_a_page_submitted_at_once_is_trapped_as_too_fast(client, app):
    html = client.get(PAGE).get_data(as_text=True)
    rendered_token = re.search(r'name="form_token" type="hidden" value="([^"]+)"', html).group(1)
    client.post(PAGE, data=form(client, app, form_token=rendered_token))
    assert {"code": "too_fast"} in db.session.query(Comment).one().flags


def test_a_missing_field_is_shown_next_to_the_field_with_400(client, app):
    r = client.post(PAGE, data=form(client, app, body="   "))
    assert r.status_code == 400
    assert 'class="error" id="body-error">Vui lòng nhập nội dung bình luận.' in r.get_data(as_text=True)


def test_a_closed_article_answers_the_page_form_with_403(client, app):
    data = form(client, app)  # a page rendered while comments were still open
    update_article("bai-1", actor=None, comments_open=False)
    r = client.post(PAGE, data=data)
    assert r.status_code == 403
    assert "Bài viết này đã đóng bình luận." in r.get_data(as_text=True)


@pytest.mark.parametrize("article_id", ["a" * 129, "bài-viết", "a%20b"])
def test_a_bad_article_id_is_404(client, article_id):
    assert client.get(f"/articles/{article_id}/comments").status_code == 404


def test_the_page_may_be_framed_by_the_allowed_origins(make_app):
    app = make_app(ALLOWED_ORIGINS=["https://tuoitre.vn", "https://news.example.vn"])
    r = app.test_client().get(PAGE)
    assert "frame-ancestors 'self' https://tuoitre.vn https://news.example.vn" in r.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in r.headers


def test_the_page_and_the_api_share_one_allowance(make_app):
    app = make_app(COMMENT_RATE_LIMIT="1 per minute")
    with app.app_context():
        client = app.test_client()
        client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "qua API"})
        assert client.post(PAGE, data=form(client, app)).status_code == 429


def test_the_page_works_without_javascript(client):
    html = client.get(PAGE).get_data(as_text=True)
    assert "<script" not in html
    assert re.search(r'<form method="post" action="/articles/bai-1/comments"', html)
