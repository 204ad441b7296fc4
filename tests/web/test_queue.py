"""The queue: tabs and their totals, filters, search, keyset pages, and what each row shows."""
from datetime import timedelta

import pytest

from moderation.extensions import db
from moderation.models import Comment, utcnow
from moderation.services.queue import AtLeast, QueueQuery, list_comments, marked_html, queue_page, tab_totals
from moderation.core.text import render_html
from moderation.core.wordrules import compile_rules, highlight
from moderation.services.threads import report_comment
from tests.moderators import moderator  # noqa: F401 (fixtures)


def _ids(comments):
    return [c.id for c in comments]


def _query(**fields):
    return QueueQuery.parse(**fields)


def test_pending_is_oldest_first_and_other_tabs_newest_first(make_comment):
    a, b = make_comment(), make_comment()
    c, d = make_comment(status="approved"), make_comment(status="approved")
    assert _ids(list_comments(_query(tab="pending"))[0]) == [a.id, b.id]
    assert _ids(list_comments(_query(tab="approved"))[0]) == [d.id, c.id]
    assert _ids(list_comments(_query(tab="all"))[0]) == [d.id, c.id, b.id, a.id]


def test_tab_totals_are_live_and_share_the_filters(make_comment):
    make_comment(article_id="bai-1")
    make_comment(article_id="bai-1", status="rejected")
    reported = make_comment(article_id="bai-2", status="approved")
    report_comment(reported.id, "spam", "ip-x")
    assert tab_totals(_query()) == {"pending": 1, "approved": 1, "rejected": 1, "reported": 1, "all": 3}
    assert tab_totals(_query(article_id="bai-1")) == {"pending": 1, "approved": 0, "rejected": 1,
                                                      "reported": 0, "all": 2}


def test_tab_totals_stop_counting_at_the_cap_and_say_so(make_comment):
    for _ in range(3):
        make_comment()
    make_comment(status="approved")
    totals = tab_totals(_query(), cap=2)
    assert isinstance(totals["pending"], AtLeast) and totals["pending"] == 2
    assert totals["approved"] == 1 and not isinstance(totals["approved"], AtLeast)
    assert isinstance(totals["all"], AtLeast) and totals["all"] == 3


@pytest.mark.parametrize("field, value", [("search", "xe đạp"), ("search", "NGUYỄN"), ("search", "lan@example"),
                                          ("search", "100%")])
def test_search_finds_text_author_or_email(make_comment, field, value):
    hit = make_comment(body="Tôi đi xe đạp đi làm, giảm 100% xăng", author="Nguyễn Lan", email="lan@example.vn")
    make_comment(body="Chuyện khác", author="Trần Bình", email="binh@example.vn")
    assert _ids(list_comments(_query(**{field: value}))[0]) == [hit.id]


def test_search_treats_wildcards_literally(make_comment):
    make_comment(body="không có ký tự đặc biệt")
    assert list_comments(_query(search="_"))[0] == []


def test_filter_by_flag_code(make_comment):
    linked = make_comment(body="Xem http://a.vn http://b.vn http://c.vn")
    make_comment(body="Không có liên kết")
    assert _ids(list_comments(_query(flag="links"))[0]) == [linked.id]


def test_filter_by_reported_flag(make_comment):
    reported = make_comment(status="approved")
    make_comment(status="approved")
    report_comment(reported.id, "", "ip-x")
    assert _ids(list_comments(_query(tab="all", flag="reported"))[0]) == [reported.id]


@pytest.mark.parametrize("fields", [{"tab": "spam"}, {"flag": "khong-co"}])
def test_unknown_tab_or_flag_is_refused(fields):
    with pytest.raises(Exception) as error:
        _query(**fields)
    assert error.value.status == 400


def test_keyset_pages_hold_steady_when_comments_arrive_with_the_same_time(app, make_comment):
    ids = [make_comment().id for _ in range(5)]
    same = utcnow() - timedelta(hours=1)
    db.session.execute(db.update(Comment).values(created_at=same))
    db.session.commit()
    seen, cursor = [], None
    while True:
        page, cursor = list_comments(_query(), limit=2, cursor=cursor)
        seen += _ids(page)
        if cursor is None:
            break
    assert seen == ids


def test_keyset_pages_newest_first_cover_everything_once(make_comment):
    ids = [make_comment(status="approved").id for _ in range(5)]
    seen, cursor = [], None
    while True:
        page, cursor = list_comments(_query(tab="approved"), limit=2, cursor=cursor)
        seen += _ids(page)
        if cursor is None:
            break
    assert seen == list(reversed(ids))


def test_submitter_history_counts_by_email_and_by_address_apart(make_comment):
    make_comment(ip_hash="ip-1", status="approved")
    make_comment(ip_hash="ip-other", email="x@example.vn", status="rejected")
    make_comment(ip_hash="ip-1", status="rejected")
    make_comment(ip_hash="ip-unrelated", status="approved")
    held = make_comment(ip_hash="ip-1", email="x@example.vn")
    row = next(r for r in queue_page(_query()).rows if r.comment.id == held.id)
    assert (row.by_email, row.by_ip) == ((0, 1), (1, 1))


def test_report_reasons_are_shown(make_comment):
    comment = make_comment(status="approved")
    report_comment(comment.id, "Xúc phạm người khác", "ip-a")
    report_comment(comment.id, "", "ip-b")
    row = queue_page(_query(tab="reported")).rows[0]
    assert row.report_reasons == ["Xúc phạm người khác"]


def test_rule_hits_are_marked_in_the_readers_html():
    rules = compile_rules(banned=["đồ ngu"], suspect=["lừa đảo"])
    text = "Bạn là đồ ngu.\n\nĐây là lừa đảo <b>rõ</b> ràng"
    html = marked_html(render_html(text), lambda node: highlight(node, rules))
    assert '<mark class="banned_word">đồ ngu</mark>' in html
    assert '<mark class="suspect_word">lừa đảo</mark>' in html
    assert "&lt;b&gt;rõ&lt;/b&gt;" in html


def test_a_typed_mark_tag_cannot_open_a_mark():
    text = "<mark>chào</mark> bạn ngu"
    rules = compile_rules(suspect=["ngu"])
    html = marked_html(render_html(text), lambda node: highlight(node, rules))
    assert html.count("<mark") == 1 and "&lt;mark&gt;" in html


def test_queue_page_shows_the_row(client, moderator, make_comment):
    make_comment(article_id="bai-9", title="Giá xăng giảm", url="https://news.example.vn/gia-xang",
                 author="Lê Văn Tám", email="tam@example.vn", body="Xem http://a.vn http://b.vn http://c.vn")
    html = client.get("/moderation/").get_data(as_text=True)
    for expected in ('href="https://news.example.vn/gia-xang"', "Giá xăng giảm", "Lê Văn Tám", "tam@example.vn",
                     "giây trước", "Nhiều liên kết (3)", "Lần đầu bình luận", "Cùng email: 0 được duyệt",
                     'rel="nofollow ugc noopener noreferrer"', 'data-total="pending">1<'):
        assert expected in html, expected


def test_queue_page_filters_and_paginates(client, moderator, make_comment, app):
    app.config["QUEUE_PAGE_SIZE"] = 2
    ids = [make_comment(article_id="bai-1").id for _ in range(3)]
    first = client.get("/moderation/?article=bai-1").get_data(as_text=True)
    assert f'id="c{ids[0]}"' in first and f'id="c{ids[2]}"' not in first
    next_link = first.split('rel="next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = client.get(next_link).get_data(as_text=True)
    assert f'id="c{ids[2]}"' in second and f'id="c{ids[0]}"' not in second


def test_a_bad_cursor_is_a_400_page(client, moderator):
    assert client.get("/moderation/?cursor=rac").status_code == 400


def test_search_folds_vietnamese_capitals(make_comment):
    hit = make_comment(author="Đặng Thị Ễnh")
    assert _ids(list_comments(_query(search="đặng thị ễnh"))[0]) == [hit.id]
