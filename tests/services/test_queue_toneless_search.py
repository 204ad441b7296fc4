"""Moderators type without tones: a toneless query matches accented text; an accented one still
matches exactly. The article filter takes a title fragment as well as an id."""
import pytest

from moderation.services.decisions import edit_and_approve
from moderation.services.queue import QueueQuery, list_comments
from moderation.core.text import fold


def _found(search=None, article=None):
    query = QueueQuery.parse(tab="all", search=search, article_id=article)
    return {c.body_text for c in list_comments(query, limit=100)[0]}


@pytest.mark.parametrize("text, folded", [
    ("Xe buýt Đà Nẵng", "xe buyt da nang"),
    ("NGƯỜI DÂN rất VẤT VẢ", "nguoi dan rat vat va"),
    ("Ý kiến", "y kien"),
])
def test_fold_drops_tones_marks_and_case(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("search", ["xe buyt", "XE BUYT", "buyt da nang", "xe buýt"])
def test_a_toneless_or_exact_query_finds_the_accented_comment(make_comment, search):
    stored = make_comment(body="Tuyến xe buýt Đà Nẵng quá đông").body_text
    make_comment(body="Một bình luận khác hẳn")
    assert _found(search) == {stored}


def test_an_accented_query_does_not_match_other_tones(make_comment):
    make_comment(body="xe buyt")        # typed without tones by the reader
    make_comment(body="xe bùyt")
    assert _found("xe buýt") == set()


def test_toneless_search_covers_author_and_email(make_comment):
    make_comment(author="Trần Thị Ánh", email="Anh.Tran@example.vn", body="xin chào")
    assert len(_found("tran thi anh")) == 1 and len(_found("anh.tran@")) == 1


def test_an_edit_is_found_by_its_new_text(make_comment):
    comment = make_comment(body="bản gốc")
    edit_and_approve(comment.id, "Đường Lê Lợi kẹt xe", moderator_id=None)
    assert _found("duong le loi") == {"Đường Lê Lợi kẹt xe"} and _found("ban goc") == set()


def test_toneless_search_treats_wildcards_as_literals(make_comment):
    make_comment(body="giảm 50 hôm nay")
    assert _found("50%") == set()


def test_the_article_filter_takes_a_title_fragment(make_comment):
    wanted = make_comment(article_id="bai-1", title="Giá xăng giảm mạnh").body_text
    make_comment(article_id="bai-2", title="Bóng đá hôm nay")
    assert _found(article="xăng giảm") == {wanted}
    assert _found(article="bai-1") == {wanted}
