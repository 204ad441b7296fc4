"""Author names go through the word rules with the same strict/loose logic as the body."""
import pytest

from moderation.services.articles import update_article
from moderation.services.wordlists import replace_word_lists
from moderation.extensions import db
from moderation.models import Comment, Status

URL = "/api/v1/articles/bai-1/comments"


@pytest.fixture
def rules(app):
    replace_word_lists(banned=["chó", "ngu"], suspect=["lừa đảo"], actor=None)
    update_article("bai-1", moderation="post", actor=None)  # so anything not held would go live at once


def send(client, author, body="Bài viết hay."):
    r = client.post(URL, json={"author": author, "body": body})
    return r, db.session.get(Comment, r.get_json()["id"])


@pytest.mark.parametrize("author, status, flag", [
    ("Thằng Chó", Status.REJECTED, {"code": "banned_word", "term": "chó", "tier": "strict", "field": "author"}),
    ("Thang Cho", Status.PENDING, {"code": "banned_word", "term": "chó", "tier": "loose", "field": "author"}),
    ("Bác Lừa Đảo", Status.PENDING, {"code": "suspect_word", "term": "lừa đảo", "tier": "strict", "field": "author"}),
])
def test_a_name_with_listed_words_is_judged_like_a_body(client, rules, author, status, flag):
    _, comment = send(client, author)
    assert comment.status == status
    assert flag in comment.flags


def test_a_clean_name_on_a_post_moderated_article_goes_live(client, rules):
    _, comment = send(client, "Nguyễn Chí Thanh")
    assert comment.status == Status.APPROVED


def test_a_name_words_never_match_inside_other_words(client, rules):
    _, comment = send(client, "Ngũ Thị Chỏ")  # "ngũ" is not "ngu", "chỏ" is not "chó"
    assert comment.status == Status.APPROVED


def test_the_worse_verdict_of_name_and_body_wins(client, rules):
    _, comment = send(client, "Thằng Chó", body="Bác lừa đảo à")
    assert comment.status == Status.REJECTED
    assert {(f["code"], f.get("field")) for f in comment.flags} >= {("banned_word", "author"), ("suspect_word", None)}


def test_the_queue_badge_says_the_word_is_in_the_name(app):
    from moderation.web.present import flag_badge
    with app.test_request_context():
        text, _ = flag_badge({"code": "banned_word", "term": "chó", "tier": "strict", "field": "author"})
    assert text == "Từ cấm: chó (trong họ tên)"
