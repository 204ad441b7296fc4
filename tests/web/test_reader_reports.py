"""Readers can report a comment ("Báo vi phạm") from the no-JS page, with a short list of reasons."""
import re

import pytest

from moderation.extensions import db
from moderation.models import Report
from moderation.services.queue import QueueQuery, list_comments
from tests.moderators import csrf_from


def _page(client, article_id="bai-viet-1"):
    return client.get(f"/articles/{article_id}/comments").get_data(as_text=True)


def test_every_comment_on_the_no_js_page_has_a_report_box(client, make_comment):
    comment = make_comment(status="approved")
    html = _page(client)
    assert f'action="/articles/bai-viet-1/comments/{comment.id}/report"' in html
    assert "<summary>Báo vi phạm</summary>" in html
    assert re.findall(r'name="reason" value="(\w+)"', html) == ["spam", "offensive", "false", "personal_data",
                                                                  "other"]


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_a_report_from_the_page_is_stored_with_its_vietnamese_reason(client, make_comment, lang):
    comment = make_comment(status="approved")
    token = csrf_from(_page(client))
    r = client.post(f"/articles/bai-viet-1/comments/{comment.id}/report{lang}",
                    data={"csrf_token": token, "reason": "offensive"})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"#c{comment.id}")
    assert [x.reason for x in db.session.query(Report).filter_by(comment_id=comment.id)] == ["Xúc phạm, thô tục"]
    assert [c.id for c in list_comments(QueueQuery.parse(tab="reported"))[0]] == [comment.id]


def test_the_reader_is_thanked_after_reporting(client, make_comment):
    comment = make_comment(status="approved")
    token = csrf_from(_page(client))
    r = client.post(f"/articles/bai-viet-1/comments/{comment.id}/report", data={"csrf_token": token, "reason": "spam"})
    assert "Cảm ơn bạn, chúng tôi đã nhận được báo cáo." in client.get(r.headers["Location"]).get_data(as_text=True)


def test_a_report_without_csrf_is_refused(client, make_comment):
    comment = make_comment(status="approved")
    r = client.post(f"/articles/bai-viet-1/comments/{comment.id}/report", data={"reason": "spam"})
    assert r.status_code == 400 and db.session.query(Report).count() == 0
