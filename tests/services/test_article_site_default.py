"""An article's own comments_open / moderation can be cleared so it follows the site default again."""
import re

import pytest

from moderation.services.accounts import create_moderator, create_token
from moderation.services.articles import SITE_DEFAULT, find_article, update_article
from moderation.services.settings import update_site_defaults
from tests.moderators import signed_in

URL = "/api/v1/articles/bai-1"


@pytest.fixture
def token(app):
    return {"Authorization": f"Bearer {create_token(create_moderator('quantri-api', 'mat-khau-dai', 'admin', actor=None), actor=None)}"}


def test_the_service_clears_both_settings_with_site_default(app):
    update_article("bai-1", actor=None, comments_open=False, moderation="post")
    article = update_article("bai-1", actor=None, comments_open=SITE_DEFAULT, moderation=SITE_DEFAULT)
    assert (article.comments_open, article.moderation) == (None, None)


def test_none_still_leaves_a_setting_as_it_is(app):
    update_article("bai-1", actor=None, comments_open=False, moderation="post")
    article = update_article("bai-1", actor=None, title="Tin")
    assert (article.comments_open, article.moderation.value) == (False, "post")


def test_api_null_follows_the_site_default_and_reports_the_effective_value(client, token):
    client.put(URL, headers=token, json={"comments_open": False, "moderation": "post"})
    update_site_defaults(actor=None, moderation="pre", comments_open=True)
    r = client.put(URL, headers=token, json={"comments_open": None, "moderation": None})
    assert r.status_code == 200
    assert (r.get_json()["comments_open"], r.get_json()["moderation"]) == (True, "pre")
    assert (find_article("bai-1").comments_open, find_article("bai-1").moderation) == (None, None)
    update_site_defaults(actor=None, moderation="post", comments_open=False)
    body = client.get(URL, headers=token).get_json()
    assert (body["comments_open"], body["moderation"]) == (False, "post")


def test_api_null_for_one_setting_leaves_the_other(client, token):
    client.put(URL, headers=token, json={"comments_open": False, "moderation": "post"})
    client.put(URL, headers=token, json={"moderation": None})
    article = find_article("bai-1")
    assert (article.comments_open, article.moderation) == (False, None)


@pytest.mark.parametrize("field, value", [("comments_open", "yes"), ("moderation", "later")])
def test_api_still_refuses_a_bad_value(client, token, field, value):
    r = client.put(URL, headers=token, json={field: value})
    assert r.status_code == 400
    assert field in r.get_json()["error"]["fields"]


def test_admin_page_offers_the_site_default_and_saves_it(client):
    admin = signed_in(client, "quantri", "admin")
    update_article("bai-1", actor=None, comments_open=False, moderation="post")
    r = admin.post("/moderation/admin/articles/bai-1", {"comments_open": "", "moderation": ""})
    assert r.status_code == 303
    article = find_article("bai-1")
    assert (article.comments_open, article.moderation) == (None, None)
    html = admin.get("/moderation/admin/settings?article_id=bai-1").get_data(as_text=True)
    assert len(re.findall(r'<option selected value="">Theo cài đặt chung</option>', html)) == 2
    assert "Đang áp dụng:" in html
