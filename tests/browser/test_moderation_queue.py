"""The moderation queue in a real browser: log in, approve with 'a', reject with 'r', check the reader page."""
import pytest

from moderation.services.accounts import create_moderator
from moderation.extensions import db
from tests.factories import make_comment
from tests.moderators import PASSWORD

pytestmark = pytest.mark.browser


def _seed(app):
    with app.app_context():
        create_moderator("bientap", PASSWORD, actor=None)
        first = make_comment(article_id="bai-1", body="Bài viết hay, cảm ơn tác giả.").id
        second = make_comment(article_id="bai-1", body="Bình luận này sẽ bị từ chối.").id
        db.session.remove()
    return first, second


def test_moderator_approves_with_a_and_rejects_with_r(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    first, second = _seed(server.app)

    page.goto(f"{server.url}/moderation/")
    page.fill("#username", "bientap")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(f"#c{first}.current")

    page.keyboard.press("a")
    page.wait_for_selector(f"#c{first} [data-summary]:has-text('Đã duyệt')")
    page.wait_for_selector(f"#c{second}.current")

    page.keyboard.press("r")
    reason = page.locator(f"#c{second} form[data-action=reject] select")
    assert reason.evaluate("el => el === document.activeElement")
    reason.select_option("spam")
    reason.press("Enter")
    page.wait_for_selector(f"#c{second} [data-summary]:has-text('Đã từ chối')")
    assert page.locator("[data-total=pending]").inner_text() == "0"

    page.goto(f"{server.url}/articles/bai-1/comments")
    bodies = page.locator(".comments .body").all_inner_texts()
    assert bodies == ["Bài viết hay, cảm ơn tác giả."]
    assert "Tổng lượt bình luận: 1" in page.locator(".total").inner_text()


def test_queue_works_with_javascript_off(live_server, browser):
    server = live_server(COMMENT_MIN_SECONDS=0)
    first, _second = _seed(server.app)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{server.url}/moderation/login")
    page.fill("#username", "bientap")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.click(f"#c{first} form[data-action=approve] button")
    assert "Đã duyệt bình luận" in page.locator(".flash").inner_text()
    assert page.locator(f"#c{first}").count() == 0
    context.close()
