"""GET/PUT /api/v1/articles/<id>: settings of one article, partial update creating it if new."""
import pytest

from moderation.services.articles import set_setting
from moderation.services.settings import update_site_defaults
from moderation.extensions import db

URL = "/api/v1/articles/bai-1"


def submit(client, article="bai-1", body="Bài viết rất hay"):
    return client.post(f"/api/v1/articles/{article}/comments", json={"author": "An", "body": body})


@pytest.mark.parametrize("method", ["get", "put"])
def test_no_token_is_401(client, method):
    assert getattr(client, method)(URL, json={"title": "x"}).status_code == 401


def test_moderator_may_read_but_not_change(client, admin_token, moderator_token):
    client.put(URL, headers=admin_token, json={"title": "Tin nóng"})
    assert client.get(URL, headers=moderator_token).status_code == 200
    assert client.put(URL, headers=moderator_token, json={"title": "Khác"}).status_code == 403


def test_put_creates_a_new_article(client, admin_token):
    r = client.put(URL, headers=admin_token, json={"title": "Giá xăng tăng", "url": "https://news.example.vn/a/1",
                                             "comments_open": True, "moderation": "post"})
    assert r.status_code == 200
    assert r.get_json() == {"article_id": "bai-1", "title": "Giá xăng tăng", "url": "https://news.example.vn/a/1",
                            "comments_open": True, "moderation": "post", "count": 0}


def test_put_is_partial(client, admin_token):
    client.put(URL, headers=admin_token, json={"title": "Giá xăng tăng", "moderation": "post"})
    r = client.put(URL, headers=admin_token, json={"comments_open": False})
    assert r.get_json()["title"] == "Giá xăng tăng"
    assert r.get_json()["moderation"] == "post" and r.get_json()["comments_open"] is False


def test_get_reports_effective_values_from_site_defaults(client, admin_token):
    client.put(URL, headers=admin_token, json={"title": "Tin"})
    set_setting("moderation", "post")
    set_setting("comments_open", "0")
    db.session.commit()
    body = client.get(URL, headers=admin_token).get_json()
    assert body["moderation"] == "post" and body["comments_open"] is False


def test_get_counts_approved_comments(client, admin_token):
    client.put(URL, headers=admin_token, json={"moderation": "post"})
    submit(client)
    submit(client, body="Một ý kiến khác")
    assert client.get(URL, headers=admin_token).get_json()["count"] == 2


def test_get_unknown_article_is_404(client, admin_token):
    assert client.get("/api/v1/articles/khong-co", headers=admin_token).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"moderation": "later"}, "moderation"),
    ({"moderation": []}, "moderation"),
    ({"moderation": {}}, "moderation"),
    ({"comments_open": "yes"}, "comments_open"),
    ({"title": 5}, "title"),
    ({"title": "x" * 301}, "title"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"colour": "red"}, "colour"),
])
def test_bad_fields_are_400_naming_each(client, admin_token, body, field):
    r = client.put(URL, headers=admin_token, json=body)
    assert r.status_code == 400
    assert field in r.get_json()["error"]["fields"]


def test_closed_article_refuses_submissions_with_403(client, admin_token):
    client.put(URL, headers=admin_token, json={"comments_open": False})
    r = submit(client)
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "comments_closed"


def test_reopened_article_accepts_again(client, admin_token):
    client.put(URL, headers=admin_token, json={"comments_open": False})
    client.put(URL, headers=admin_token, json={"comments_open": True})
    assert submit(client).status_code == 202


def test_post_moderated_article_publishes_at_once(client, admin_token):
    client.put(URL, headers=admin_token, json={"moderation": "post"})
    r = submit(client)
    assert r.get_json()["status"] == "approved"
    assert client.get("/api/v1/articles/bai-1/count").get_json()["count"] == 1


def test_pre_moderated_article_holds(client, admin_token):
    update_site_defaults(actor=None, moderation="post")
    client.put(URL, headers=admin_token, json={"moderation": "pre"})
    assert submit(client).get_json()["status"] == "pending"
