"""'Báo vi phạm' in comments.js: a short list of reasons under every comment, sent to the reports API."""
import pytest
from playwright.sync_api import expect

from moderation.extensions import db
from moderation.models import Report
from tests.factories import make_comment

pytestmark = pytest.mark.browser


def test_a_reader_reports_a_comment_from_the_embed(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        comment_id = make_comment(article_id="demo-1", body="Bình luận bị báo cáo", status="approved").id
        db.session.remove()
    page.goto(server.url + "/")
    toggle = page.locator(f"#c{comment_id} .ykbd-report-toggle")
    expect(toggle).to_have_text("Báo vi phạm")
    toggle.click()
    page.check(f"#c{comment_id} input[value='Lộ thông tin cá nhân']")
    page.click(f"#c{comment_id} .ykbd-report-send")
    expect(page.locator(f"#c{comment_id} .ykbd-report-said")).to_have_text("Cảm ơn bạn, chúng tôi đã nhận được báo cáo.")
    with server.app.app_context():
        assert [r.reason for r in db.session.query(Report).filter_by(comment_id=comment_id)] == ["Lộ thông tin cá nhân"]
        db.session.remove()
