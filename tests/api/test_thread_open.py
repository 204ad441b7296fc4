"""Whether comments are open is part of the thread, so readers never write into a closed form."""
import pytest

from moderation.services.articles import set_setting, update_article
from moderation.extensions import db

API = "/api/v1/articles/bai-1/comments"
PAGE = "/articles/bai-1/comments"
CLOSED = "Bài viết đã đóng bình luận."


@pytest.mark.parametrize("article_open, expected", [(True, True), (False, False), (None, True)])
def test_the_thread_answer_says_whether_comments_are_open(client, article_open, expected):
    if article_open is not None:
        update_article("bai-1", comments_open=article_open, actor=None)
    assert client.get(API).get_json()["open"] is expected


def test_an_article_following_a_closed_site_default_is_closed(client):
    set_setting("comments_open", "0")
    db.session.commit()
    assert client.get(API).get_json()["open"] is False


def test_the_page_of_a_closed_article_says_so_instead_of_showing_the_form(client):
    update_article("bai-1", comments_open=False, actor=None)
    html = client.get(PAGE).get_data(as_text=True)
    assert CLOSED in html
    assert "<form" not in html and 'name="body"' not in html


def test_the_page_of_an_open_article_shows_the_form(client):
    html = client.get(PAGE).get_data(as_text=True)
    assert CLOSED not in html and 'name="body"' in html
