"""Newsrooms close comments on old articles and lock everything during breaking events:
auto-close N days after an article is first seen (site setting, per-article override) and a
site-wide lock that reopens the articles as they were."""
from datetime import timedelta

import pytest

from moderation.errors import ServiceError
from moderation.services.articles import SITE_DEFAULT, comments_open, ensure_article, update_article
from moderation.services.settings import set_lockdown, update_site_defaults
from tests.moderators import admin  # noqa: F401 (fixture)


def _article(article_id="bai-1", **settings):
    ensure_article(article_id)
    return update_article(article_id, **settings, actor=None)


@pytest.mark.parametrize("site_days, own_days, age_days, is_open", [
    (0, None, 400, True),       # 0 = never close
    (30, None, 29, True),
    (30, None, 30, False),
    (30, 0, 400, True),         # the article's own 0 overrides the site's 30
    (0, 7, 8, False),           # the article's own 7 applies where the site never closes
    (30, 60, 45, True),
])
def test_comments_close_n_days_after_the_article_is_first_seen(app, site_days, own_days, age_days, is_open):
    update_site_defaults(close_after_days=site_days, actor=None)
    article = _article(close_after_days=own_days if own_days is not None else SITE_DEFAULT)
    assert comments_open(article, now=article.created_at + timedelta(days=age_days)) is is_open


def test_a_closed_article_stays_closed_whatever_its_age(app):
    article = _article(comments_open=False)
    assert comments_open(article, now=article.created_at) is False


@pytest.mark.parametrize("days", [-1, 3651, True, "7"])
def test_a_bad_delay_is_refused(app, days):
    with pytest.raises(ServiceError) as refused:
        update_site_defaults(close_after_days=days, actor=None)
    assert "close_after_days" in refused.value.fields


def test_lockdown_closes_every_article_and_reopens_them_as_they_were(app):
    open_one, closed_one, default_one = _article("a", comments_open=True), _article("b", comments_open=False), _article("c")
    set_lockdown(True, actor=None)
    assert [comments_open(a) for a in (open_one, closed_one, default_one)] == [False, False, False]
    set_lockdown(False, actor=None)
    assert [comments_open(a) for a in (open_one, closed_one, default_one)] == [True, False, True]


def test_during_lockdown_a_reader_is_refused(client, app):
    set_lockdown(True, actor=None)
    r = client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Xin chào"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "comments_closed"


def test_the_admin_locks_and_unlocks_from_the_settings_page(admin, client):
    locked = admin.post("/moderation/admin/lockdown", {"locked": "1"})
    assert locked.status_code == 303
    html = admin.get("/moderation/admin/settings").get_data(as_text=True)
    assert "Đã khóa toàn bộ bình luận." in html and "Mở khóa bình luận" in html
    assert client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Chào"}).status_code == 403
    admin.post("/moderation/admin/lockdown", {"locked": "0"})
    assert client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Chào"}).status_code == 202


def test_the_admin_sets_the_site_and_article_delays(admin):
    from moderation.services.articles import find_article
    from moderation.services.settings import site_defaults
    assert admin.post("/moderation/admin/settings", {"moderation": "pre", "comments_open": "y",
                                                     "close_after_days": "14"}).status_code == 303
    assert site_defaults()["close_after_days"] == 14
    admin.post("/moderation/admin/articles/bai-1", {"comments_open": "", "moderation": "", "close_after_days": "0"})
    assert find_article("bai-1").close_after_days == 0
    admin.post("/moderation/admin/articles/bai-1", {"comments_open": "", "moderation": "", "close_after_days": ""})
    assert find_article("bai-1").close_after_days is None
