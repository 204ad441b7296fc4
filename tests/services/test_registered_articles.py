"""Readers cannot invent the articles moderators see: a site setting accepts comments only on
articles the CMS registered, and a reader's title never replaces what the CMS set."""
import re

import pytest

from moderation.extensions import db
from moderation.models import Article
from moderation.services.articles import find_article
from moderation.services.settings import update_site_defaults
from tests.moderators import admin  # noqa: F401 (fixture)

READER_TITLE = "Tiêu đề giả do bạn đọc gửi"


def submit(client, article="bai-1", **fields):
    return client.post(f"/api/v1/articles/{article}/comments",
                       json={"author": "An", "body": "Ý kiến của tôi", **fields})


def register(client, token, article="bai-1", **fields):
    return client.put(f"/api/v1/articles/{article}", json=fields, headers=token)


def test_by_default_a_reader_may_comment_on_an_article_the_cms_never_named(client):
    assert submit(client, "bai-moi").status_code == 202


def test_with_the_setting_on_an_unregistered_article_refuses_comments_and_creates_nothing(client):
    update_site_defaults(registered_only=True, actor=None)
    response = submit(client, "bai-moi", title=READER_TITLE)
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "Bài viết này không nhận bình luận."
    assert find_article("bai-moi") is None


def test_with_the_setting_on_an_article_only_readers_named_refuses_comments(client):
    assert submit(client, "bai-cu").status_code == 202
    update_site_defaults(registered_only=True, actor=None)
    assert submit(client, "bai-cu").status_code == 404


def test_with_the_setting_on_an_article_the_cms_registered_takes_comments(client, admin_token):
    update_site_defaults(registered_only=True, actor=None)
    assert register(client, admin_token, title="Giá xăng giảm").status_code == 200
    assert submit(client).status_code == 202


def test_registering_an_article_already_commented_on_opens_it(client, admin_token):
    submit(client)
    update_site_defaults(registered_only=True, actor=None)
    register(client, admin_token, moderation="post")
    assert submit(client, body="Ý kiến thứ hai").status_code == 202


def test_the_cli_registers_an_article_like_the_cms(client, runner):
    update_site_defaults(registered_only=True, actor=None)
    assert runner.invoke(args=["articles", "set", "bai-1", "--title", "Giá xăng"]).exit_code == 0
    assert submit(client).status_code == 202


@pytest.mark.parametrize("cms_fields", [{"title": "Giá xăng giảm"}, {"moderation": "post"}, {}])
def test_a_reader_title_never_replaces_what_the_cms_set(client, admin_token, cms_fields):
    register(client, admin_token, **cms_fields)
    submit(client, title=READER_TITLE, url="https://news.example.vn/gia")
    db.session.expire_all()
    article = db.session.get(Article, (1, "bai-1"))
    assert article.title == cms_fields.get("title")
    assert article.url is None


def test_a_reader_title_still_names_an_article_nobody_registered(client):
    submit(client, title="Giá xăng giảm")
    assert find_article("bai-1").title == "Giá xăng giảm"


def test_the_cms_title_replaces_a_readers(client, admin_token):
    submit(client, title=READER_TITLE)
    register(client, admin_token, title="Giá xăng giảm")
    db.session.expire_all()
    assert find_article("bai-1").title == "Giá xăng giảm"


def test_the_setting_is_on_the_admin_settings_page(client, admin):
    assert admin.post("/moderation/admin/settings", {"moderation": "pre", "comments_open": "y",
                                                     "registered_only": "y"}).status_code == 303
    assert submit(client, "bai-moi").status_code == 404
    page = admin.get("/moderation/admin/settings").get_data(as_text=True)
    [box] = re.findall(r'<input[^>]*name="registered_only"[^>]*>', page)
    assert "checked" in box
