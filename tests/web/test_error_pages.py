"""Every HTML error is a page in the product's layout, in Vietnamese (English under the English
locale): never Werkzeug's "Forbidden — You don't have the permission…"."""
import pytest
from flask import abort
from sqlalchemy.exc import OperationalError

from tests.moderators import signed_in
from tests.web.test_i18n import VIETNAMESE_LETTERS, compiled_catalogues  # noqa: F401 (builds the .mo files)

WERKZEUG = ("You don't have the permission", "Not Found", "Method Not Allowed", "Too Many Requests",
            "Internal Server Error", "Request Entity Too Large", "Bad Request", "Forbidden")


def _app(make_app):
    """The real app and error handlers, plus three routes that fail the ways a server can."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    app.add_url_rule("/_loi/429", "too_many", lambda: abort(429))
    app.add_url_rule("/_loi/500", "crash", lambda: 1 / 0)

    def database_down():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    app.add_url_rule("/_loi/503", "down", database_down)
    return app


def _provoke(client, status, lang=""):
    suffix = f"?lang={lang}" if lang else ""
    if status == 400:
        return client.post(f"/articles/bai-1/comments{suffix}", data={"author": "An", "body": "x"})
    if status == 404:
        return client.get(f"/khong-co-trang-nay{suffix}")
    if status == 405:
        return client.put(f"/articles/bai-1/comments{suffix}")
    if status == 413:
        return client.post(f"/articles/bai-1/comments{suffix}", data={"body": "x" * 70_000})
    return client.get(f"/_loi/{status}{suffix}")


def _check(response, status, *words):
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert not [w for w in WERKZEUG if w in html]
    for word in words:
        assert word in html, word
    return html


@pytest.mark.parametrize("status, heading", [
    (400, "Yêu cầu không hợp lệ"), (404, "Không tìm thấy trang"), (405, "Thao tác không được hỗ trợ"),
    (413, "Dữ liệu quá lớn"), (429, "Bạn thao tác quá nhanh"), (500, "Đã có lỗi xảy ra"),
    (503, "Hệ thống tạm gián đoạn"),
])
def test_each_error_is_a_vietnamese_page(make_app, status, heading):
    client = _app(make_app).test_client()
    html = _check(_provoke(client, status), status, f"<h1>{heading}</h1>", '<html lang="vi">', "reader.css")
    assert f"Mã lỗi: {status}" in html


@pytest.mark.parametrize("status", [400, 404, 405, 413, 429, 500, 503])
def test_each_error_page_is_english_under_the_english_locale(make_app, status):
    client = _app(make_app).test_client()
    html = _check(_provoke(client, status, "en"), status, '<html lang="en">')
    assert not VIETNAMESE_LETTERS & set(html.lower())


def test_a_429_says_exactly_when_to_try_again(make_app):
    client = _app(make_app).test_client()
    response = _provoke(client, 429)
    html = response.get_data(as_text=True)
    assert "Bạn thao tác quá nhanh. Vui lòng thử lại sau 1 phút." in html and response.headers["Retry-After"]


def test_a_moderator_on_an_admin_page_gets_the_admins_only_page_in_the_moderators_layout(app, client):
    signed_in(client, "bientap", "moderator")
    html = _check(client.get("/moderation/admin/rules"), 403,
                  "Bạn không có quyền mở trang này. Trang dành cho quản trị viên.", "moderation.css", "Hàng chờ")


def test_the_admins_only_page_is_english_under_the_english_locale(app, client):
    signed_in(client, "bientap", "moderator")
    client.set_cookie("lang", "en")
    html = _check(client.get("/moderation/admin/rules"), 403)
    assert not VIETNAMESE_LETTERS & set(html.lower())


def test_an_unknown_page_under_moderation_uses_the_moderators_layout(app, client):
    signed_in(client, "bientap", "moderator")
    _check(client.get("/moderation/khong-co"), 404, "<h1>Không tìm thấy trang</h1>", "moderation.css")
