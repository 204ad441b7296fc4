"""Article ids are unique per site: the same id on two sites is two threads, two counts, two settings."""
import pytest

from moderation.models import Moderation, Status
from moderation.services.articles import effective_moderation, find_article, update_article
from moderation.services.counts import batch_counts
from moderation.services.sites import update_site
from moderation.services.threads import public_thread
from tests.factories import make_site

ORIGINS = ["https://news.example.vn"]


@pytest.fixture
def second(app):
    return make_site("truong-a").id


def test_the_same_article_id_keeps_separate_threads(app, second, make_comment):
    mine = make_comment("123", status=Status.APPROVED)
    theirs = make_comment("123", status=Status.APPROVED, site_id=second)
    assert [c.id for c, _ in public_thread("123").items] == [mine.id]
    assert [c.id for c, _ in public_thread("123", site_id=second).items] == [theirs.id]


def test_the_same_article_id_keeps_separate_counts(app, second, make_comment):
    make_comment("123", status=Status.APPROVED, site_id=second)
    make_comment("123", status=Status.APPROVED, site_id=second)
    assert batch_counts(["123"]) == {"123": 0}
    assert batch_counts(["123"], second) == {"123": 2}


def test_the_same_article_id_keeps_separate_settings(app, second):
    update_article("123", actor=None, moderation="post", site_id=second)
    assert find_article("123") is None
    assert find_article("123", second).moderation == Moderation.POST


def test_a_site_setting_applies_to_its_articles_without_their_own(app, second):
    update_site("truong-a", actor=None, default_origins=ORIGINS, moderation="post")
    assert effective_moderation(None, second) == Moderation.POST
    assert effective_moderation(None) == Moderation.PRE


def test_an_article_setting_wins_over_its_sites(app, second):
    update_site("truong-a", actor=None, default_origins=ORIGINS, moderation="post")
    assert effective_moderation(update_article("1", actor=None, moderation="pre", site_id=second)) == Moderation.PRE


def test_a_reply_to_another_sites_comment_is_refused(app, second, make_comment):
    from moderation.errors import ServiceError
    parent = make_comment("123", status=Status.APPROVED)
    with pytest.raises(ServiceError):
        make_comment("123", site_id=second, parent_id=parent.id)
