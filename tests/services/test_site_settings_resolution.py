"""The auto-close age and the emergency lock resolve article ▸ site ▸ installation, like the
moderation mode: a site's own value wins over the installation's, an article's over its site's."""
from datetime import timedelta

import pytest

from moderation.errors import ServiceError
from moderation.services.articles import SITE_DEFAULT, close_after_days, comments_open, ensure_article, update_article
from moderation.services.settings import set_lockdown, update_site_defaults
from moderation.services.sites import FOLLOW, update_site
from tests.factories import make_site

ORIGINS = ["https://news.example.vn"]


@pytest.fixture
def site_b(app):
    return make_site().id


def _article(site_id, own_days=SITE_DEFAULT):
    ensure_article("123", site_id=site_id)
    return update_article("123", close_after_days=own_days, actor=None, site_id=site_id)


@pytest.mark.parametrize("installation, site, own, expected", [
    (30, None, None, 30),   # nothing of its own: the installation's
    (30, 7, None, 7),       # the site's wins over the installation's
    (30, 0, None, 0),       # the site's 0 (never) too
    (30, 7, 60, 60),        # the article's wins over both
])
def test_the_auto_close_age_resolves_article_then_site_then_installation(site_b, installation, site, own, expected):
    update_site_defaults(close_after_days=installation, actor=None)
    if site is not None:
        update_site("truong-b", close_after_days=site, actor=None, default_origins=ORIGINS)
    article = _article(site_b, SITE_DEFAULT if own is None else own)
    assert close_after_days(article) == expected
    assert comments_open(article, now=article.created_at + timedelta(days=expected or 1)) is (expected == 0)


def test_a_sites_age_applies_to_its_articles_only(site_b):
    update_site("truong-b", close_after_days=7, actor=None, default_origins=ORIGINS)
    theirs, mine = _article(site_b), _article(1)
    assert (close_after_days(theirs), close_after_days(mine)) == (7, 0)


def test_following_the_installation_again_drops_the_sites_age(site_b):
    update_site_defaults(close_after_days=30, actor=None)
    update_site("truong-b", close_after_days=7, actor=None, default_origins=ORIGINS)
    update_site("truong-b", close_after_days=FOLLOW, actor=None, default_origins=ORIGINS)
    assert close_after_days(_article(site_b)) == 30


def test_a_sites_lock_closes_its_articles_only(site_b):
    theirs, mine = _article(site_b), _article(1)
    update_site("truong-b", lockdown=True, actor=None, default_origins=ORIGINS)
    assert (comments_open(theirs), comments_open(mine)) == (False, True)
    update_site("truong-b", lockdown=FOLLOW, actor=None, default_origins=ORIGINS)
    assert comments_open(theirs) is True


def test_the_installations_lock_holds_a_site_without_its_own(site_b):
    theirs = _article(site_b)
    set_lockdown(True, actor=None)
    assert comments_open(theirs) is False


@pytest.mark.parametrize("days", [-1, 3651, True])
def test_a_bad_site_age_is_refused_and_changes_nothing(site_b, days):
    with pytest.raises(ServiceError) as refused:
        update_site("truong-b", name="Tên mới", close_after_days=days, actor=None, default_origins=ORIGINS)
    assert "close_after_days" in refused.value.fields
    from moderation.services.sites import find_site
    assert find_site("truong-b").name == "Trường B"
