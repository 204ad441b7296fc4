"""POST /api/v1/articles/<article_id>/comments: the contract readers and the CMS rely on.

Every answer here is also validated against the OpenAPI document by the ``client`` fixture.
"""
import json
import unicodedata
from datetime import timedelta

import pytest
from sqlalchemy import text as sql

from moderation.services.articles import update_article
from moderation.http.clientip import hash_ip
from moderation.extensions import db
from moderation.models import Article, Ban, BanKind, Comment, Status, utcnow
from moderation.core.text import normalize
from tests.hostile import HOSTILE_TEXTS, assert_inert, visible_text

URL = "/api/v1/articles/bai-1/comments"
PENDING_MESSAGE = "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."


def post(client, body="Bài viết rất hay.", author="Nguyễn Văn An", path=URL, headers=None, **fields):
    return client.post(path, json={"author": author, "body": body, **fields}, headers=headers or {})


def stored(response):
    return db.session.get(Comment, response.get_json()["id"])


# --- the happy path ----------------------------------------------------------------------

def test_a_new_comment_is_accepted_and_held_for_moderation(client):
    r = post(client)
    assert r.status_code == 202
    assert r.get_json() == {"id": r.get_json()["id"], "status": "pending", "message": PENDING_MESSAGE}
    assert stored(r).status == Status.PENDING


def test_a_comment_on_a_post_moderated_article_is_published_at_once(client):
    update_article("bai-1", actor=None, moderation="post")
    r = post(client)
    assert r.get_json()["status"] == "approved"
    assert r.get_json()["message"] == "Bình luận của bạn đã được đăng."
    assert db.session.get(Article, (1, "bai-1")).approved_count == 1


def test_a_form_post_is_accepted_like_json(client):
    r = client.post(URL, data={"author": "An", "body": "Gửi bằng biểu mẫu"})
    assert r.status_code == 202
    assert stored(r).body_text == "Gửi bằng biểu mẫu"


def test_the_error_message_is_vietnamese_json(client):
    r = client.post(URL, json={})
    assert r.status_code == 400
    assert r.get_json()["error"]["message"] == "Vui lòng kiểm tra lại các ô được đánh dấu đỏ."


# --- 400: field messages ----------------------------------------------------------------

@pytest.mark.parametrize("payload, field, message", [
    ({"body": "x"}, "author", "Vui lòng nhập họ tên."),
    ({"author": "   ", "body": "x"}, "author", "Vui lòng nhập họ tên."),
    ({"author": "A" * 81, "body": "x"}, "author", "Họ tên quá dài: tối đa 80 ký tự (bạn đã nhập 81)."),
    ({"author": "An"}, "body", "Vui lòng nhập nội dung bình luận."),
    ({"author": "An", "body": " \n\u200b\u202e\x00 "}, "body", "Vui lòng nhập nội dung bình luận."),
    ({"author": "An", "body": "a" * 3001}, "body", "Bình luận quá dài: tối đa 3.000 ký tự (bạn đã nhập 3.001)."),
    ({"author": "An", "body": "a" * 10_000}, "body", "Bình luận quá dài: tối đa 3.000 ký tự (bạn đã nhập 10.000)."),
    ({"author": "An", "body": ["x"]}, "body", "Giá trị phải là văn bản."),
    ({"author": 5, "body": "x"}, "author", "Giá trị phải là văn bản."),
    ({"author": "An", "body": "x", "email": "không-phải-email"}, "email", "Địa chỉ email không hợp lệ."),
    ({"author": "An", "body": "x", "parent_id": "abc"}, "parent_id",
     "Bình luận bạn trả lời không tồn tại hoặc chưa được duyệt."),
    ({"author": "An", "body": "x", "parent_id": 999999}, "parent_id",
     "Bình luận bạn trả lời không tồn tại hoặc chưa được duyệt."),
])
def test_invalid_fields_get_400_naming_each_field(client, payload, field, message):
    r = client.post(URL, json=payload)
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "validation"
    assert r.get_json()["error"]["fields"][field] == message


def test_every_bad_field_is_named_at_once(client):
    r = client.post(URL, json={"email": "x@"})
    assert set(r.get_json()["error"]["fields"]) == {"author", "body", "email"}


def test_body_length_is_counted_after_normalizing(client):
    decomposed = unicodedata.normalize("NFD", "ệ") * 3000  # 6000 code points before NFC
    assert post(client, body=decomposed).status_code == 202


def test_max_length_follows_config(make_app):
    app = make_app(COMMENT_MAX_LENGTH=10)
    client = app.test_client()
    r = client.post(URL, json={"author": "An", "body": "a" * 11})
    assert r.get_json()["error"]["fields"]["body"] == "Bình luận quá dài: tối đa 10 ký tự (bạn đã nhập 11)."


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b'"just a string"', b"\xff\xfe\x00"])
def test_malformed_json_gets_400(client, raw):
    r = client.post(URL, data=raw, content_type="application/json")
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "invalid_json"


def test_a_reply_to_a_pending_comment_is_refused(client, make_comment):
    parent = make_comment(article_id="bai-1")
    r = post(client, parent_id=parent.id)
    assert r.get_json()["error"]["fields"] == {"parent_id": "Bình luận bạn trả lời không tồn tại hoặc chưa được duyệt."}


def test_a_reply_to_a_comment_of_another_article_is_refused(client, make_comment):
    parent = make_comment(article_id="bai-khac", status="approved")
    assert post(client, parent_id=parent.id).status_code == 400


def test_replies_are_one_level_deep(client, make_comment):
    top = make_comment(article_id="bai-1", status="approved")
    reply = make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    r = post(client, parent_id=reply.id)
    assert stored(r).parent_id == top.id


# --- 403 ---------------------------------------------------------------------------------

def test_a_closed_article_refuses_comments_with_403(client):
    update_article("bai-1", actor=None, comments_open=False)
    r = post(client)
    assert r.status_code == 403
    assert r.get_json()["error"] == {"code": "comments_closed", "message": "Bài viết này đã đóng bình luận.",
                                     "fields": {}}


@pytest.mark.parametrize("kind, value", [(BanKind.IP, None), (BanKind.EMAIL, "spam@example.com")])
def test_a_banned_submitter_gets_403(client, app, kind, value):
    value = value or hash_ip("127.0.0.1", app.config["SECRET_KEY"])
    db.session.add(Ban(kind=kind, value=value, reason="spam"))
    db.session.commit()
    r = post(client, email="Spam@Example.com")
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "banned"
    assert db.session.query(Comment).count() == 0


def test_an_expired_ban_no_longer_applies(client, app):
    db.session.add(Ban(kind=BanKind.IP, value=hash_ip("127.0.0.1", app.config["SECRET_KEY"]),
                       expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert post(client).status_code == 202


# --- 404: article ids are the CMS's keys ------------------------------------------------

@pytest.mark.parametrize("article_id", ["a" * 128, "A-z_0.9~:x", "2026:thoi-su.123"])
def test_every_allowed_article_id_shape_is_accepted(client, article_id):
    assert post(client, path=f"/api/v1/articles/{article_id}/comments").status_code == 202


@pytest.mark.parametrize("article_id", ["a" * 129, "bài-viết", "a%20b", "a+b", "a@b", "a%2Fb", "%3Cscript%3E",
                                        "a;b", "a'b", "a%00b"])
@pytest.mark.parametrize("method, suffix", [("post", "comments"), ("get", "comments"), ("get", "count")])
def test_a_bad_article_id_gets_a_json_404(client, article_id, method, suffix):
    r = getattr(client, method)(f"/api/v1/articles/{article_id}/{suffix}", json={"author": "An", "body": "x"})
    assert r.status_code == 404
    assert r.get_json()["error"]["code"] == "not_found"


# --- 413, 415 ----------------------------------------------------------------------------

@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_body_too_large_gets_a_json_413(client, content_type):
    r = client.post(URL, data=b"x" * (1024 * 1024), content_type=content_type)
    assert r.status_code == 413
    assert r.is_json
    assert r.get_json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/xml", "text/html"])
def test_other_content_types_get_415(client, content_type):
    r = client.post(URL, data="author=An&body=x", content_type=content_type)
    assert r.status_code == 415
    assert r.get_json()["error"]["code"] == "unsupported_media_type"


# --- normalization -----------------------------------------------------------------------

def test_nfc_and_nfd_input_are_stored_identically(client):
    composed = "Tiếng Việt: Đà Nẵng, Huế, Hà Nội"
    first = stored(post(client, author=composed, body=unicodedata.normalize("NFC", composed)))
    second = stored(post(client, author=unicodedata.normalize("NFD", composed),
                         body=unicodedata.normalize("NFD", composed) + " (2)"))
    assert first.author == second.author == composed
    assert second.body_text == composed + " (2)"
    assert second.body_html == f"<p>{composed} (2)</p>"


# --- hostile input: a clean 4xx or inert text, never a 500, never markup ----------------

def _json_body(value):
    return json.dumps({"author": "Kẻ xấu", "body": value}).encode()


HOSTILE_BODIES = [pytest.param(_json_body(value), id=name) for name, value in HOSTILE_TEXTS.items()] + [
    pytest.param(b'{"author": "An", "body": "\\ud800"}', id="lone-surrogate-only"),
    pytest.param(b'{"author": "An", "body": "tr\\udfffuoc \\ud83d sau"}', id="lone-surrogates-in-text"),
    pytest.param(b'{"author": "\\ud800<b>", "body": "x"}', id="lone-surrogate-author"),
    pytest.param(_json_body("a" * 10_000), id="10000-char-word"),
    pytest.param(_json_body("x" * (1024 * 1024)), id="1MB-body"),
    pytest.param(json.dumps({"author": "<script>alert(1)</script>", "body": "tên độc"}).encode(), id="author-script"),
]


@pytest.mark.parametrize("raw", HOSTILE_BODIES)
def test_hostile_input_gets_a_clean_4xx_or_is_stored_as_inert_text(client, raw):
    r = client.post(URL, data=raw, content_type="application/json")
    assert r.status_code in (202, 400, 413), r.get_data()
    assert r.is_json
    if r.status_code != 202:
        return
    comment = stored(r)
    sent = json.loads(raw.decode("utf-8", "surrogatepass"))
    assert_inert(comment.body_html)
    assert visible_text(comment.body_html) == comment.body_text == normalize(sent["body"])
    assert comment.author == normalize(sent["author"])


# --- article metadata --------------------------------------------------------------------

def test_title_and_url_are_stored_on_first_sight_only(client):
    post(client, title="Giá xăng giảm", url="https://news.example.vn/gia-xang")
    post(client, body="lần hai", title="Tiêu đề khác", url="https://news.example.vn/khac")
    article = db.session.get(Article, (1, "bai-1"))
    assert (article.title, article.url) == ("Giá xăng giảm", "https://news.example.vn/gia-xang")


@pytest.mark.parametrize("url", ["https://evil.example/gia-xang", "javascript:alert(1)", "ftp://news.example.vn/x",
                                 "https://news.example.vn.evil.example/x", "https://news.example.vn@evil.example/",
                                 "//news.example.vn/x", "http://news.example.vn/x"])
def test_an_article_url_off_the_allowed_origins_is_ignored(client, url):
    assert post(client, url=url).status_code == 202
    assert db.session.get(Article, (1, "bai-1")).url is None


# --- privacy -----------------------------------------------------------------------------

def test_the_address_is_stored_only_as_a_keyed_hash(client, app):
    r = client.post(URL, json={"author": "An", "body": "x"}, environ_base={"REMOTE_ADDR": "203.0.113.7"})
    row = db.session.execute(sql("SELECT * FROM comments WHERE id = :id"), {"id": r.get_json()["id"]}).mappings().one()
    assert all("203.0.113.7" not in str(value) for value in row.values())
    assert row["ip_hash"] == hash_ip("203.0.113.7", app.config["SECRET_KEY"])
    assert row["ip_hash"] != hash_ip("203.0.113.7", "another-secret")


def test_email_is_never_shown_to_readers(client):
    update_article("bai-1", actor=None, moderation="post")
    post(client, email="rieng.tu@example.com")
    api = client.get(URL).get_json()
    page = client.get("/articles/bai-1/comments").get_data(as_text=True)
    assert api["comments"][0]["author"] == "Nguyễn Văn An" and "Nguyễn Văn An" in page
    assert "rieng.tu" not in json.dumps(api) and "rieng.tu" not in page
