"""Queue search: Vietnamese-aware, case-insensitive, literal; its totals capped and not searched twice."""
import pytest

from moderation.services.queue import AtLeast, QueueQuery, list_comments, queue_page, tab_totals
from tests.moderators import moderator  # noqa: F401 (fixture)


def _found(search, tab="all"):
    return {c.body_text for c in list_comments(QueueQuery.parse(tab=tab, search=search), limit=100)[0]}


@pytest.mark.parametrize("body, search", [
    ("ĐẶNG VĂN LÂM bắt hay quá", "đặng văn lâm"),
    ("giá xăng tăng", "GIÁ XĂNG"),
    ("Ý kiến số 99999 ở đây", "số 99999"),
    ("nhiệt độ 300 \u212a là quá nóng", "300 k"),      # Kelvin sign: lower() gives an ASCII k
    # İ: Python's lower() gives i + combining dot (PostgreSQL's depends on the collation).
    pytest.param("\u0130stanbul đẹp lắm", "i\u0307stanbul", marks=pytest.mark.sqlite_only),
    ("giảm 50% hôm nay", "50%"),
    ("tên_biến trong mã", "n_b"),
])
def test_search_finds_what_python_folding_finds(make_comment, body, search):
    stored = make_comment(body=body).body_text  # normalized at write time (NFKC turns K into K)
    make_comment(body="một bình luận khác hẳn")
    assert _found(search) == {stored}


@pytest.mark.parametrize("body, search", [
    ("giảm 50 hôm nay", "50%"),        # % is a literal, not a wildcard
    ("tênXbiến", "n_b"),               # so is _
    ("ngu ngon", "ngủ "),              # a needle with diacritics matches exactly: "ngủ" is not "ngu"
])
def test_search_does_not_find_near_misses(make_comment, body, search):
    make_comment(body=body)
    assert _found(search) == set()


def test_search_covers_author_and_email(make_comment):
    make_comment(author="Trần Thị Ánh", email="anh.tran@example.vn", body="xin chào")
    assert len(_found("ÁNH")) == 1 and len(_found("ANH.TRAN@")) == 1


def test_search_totals_are_capped_and_shown_as_at_least(make_comment):
    for _ in range(3):
        make_comment(body="giá xăng lại tăng")
    make_comment(body="giá xăng giảm", status="approved")
    totals = tab_totals(QueueQuery.parse(search="giá xăng"), cap=2)
    assert totals == {"pending": 2, "approved": 1, "rejected": 0, "reported": 0, "all": 3}
    assert isinstance(totals["pending"], AtLeast) and isinstance(totals["all"], AtLeast)
    assert not isinstance(totals["approved"], AtLeast)


def test_a_complete_first_page_gives_its_tab_total(make_comment):
    make_comment(body="giá xăng lại tăng")
    make_comment(body="giá xăng giảm", status="approved")
    query = QueueQuery.parse(search="giá xăng")
    page = queue_page(query, limit=50)
    assert page.complete
    assert tab_totals(query, page) == tab_totals(query) == {"pending": 1, "approved": 1, "rejected": 0,
                                                          "reported": 0, "all": 2}


def test_the_queue_page_shows_a_capped_total_with_a_plus(moderator, make_comment, monkeypatch):
    from moderation.services import queue
    monkeypatch.setattr(queue, "SEARCH_TOTAL_CAP", 2)
    for _ in range(3):
        make_comment(body="giá xăng lại tăng")
    html = moderator.get("/moderation/?tab=approved&q=gi%C3%A1").get_data(as_text=True)
    assert 'data-total="pending" data-capped>2+<' in html
