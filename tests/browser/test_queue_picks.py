"""The queue's editor's picks and newsroom reply box in Chromium: key f toggles the pick (and
approves a held comment), the reply box publishes the held comment with the newsroom's answer."""
import pytest

from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.accounts import create_moderator
from tests.browser.test_queue_script import _login
from tests.factories import make_comment
from tests.moderators import PASSWORD

pytestmark = pytest.mark.browser


def _state(app, comment_id):
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        result = (comment.status, comment.featured_at is not None, comment.reply_count)
        db.session.remove()
    return result


def test_key_f_toggles_the_pick_and_the_reply_box_answers_as_the_newsroom(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        create_moderator("bientap", PASSWORD, actor=None, display_name="Minh Anh")
        ids = [make_comment(article_id="bai-1").id for _ in range(2)]
        db.session.remove()
    _login(page, server, "/moderation/%3Ftab%3Dall")
    # The "all" tab reads newest first.
    first = int(page.locator(".row.current").get_attribute("data-id"))
    [second] = [i for i in ids if i != first]
    page.keyboard.press("f")
    page.wait_for_selector(f"#c{first} [data-pick]:visible")
    assert _state(server.app, first) == (Status.APPROVED, True, 0)
    assert page.locator(f"#c{first} [data-status-label]").inner_text() == "Đã duyệt"
    page.keyboard.press("k")
    page.keyboard.press("f")
    page.wait_for_selector(f"#c{first} [data-pick]", state="hidden")
    assert _state(server.app, first) == (Status.APPROVED, False, 0)

    page.click(f"#c{second} details[data-reply] summary")
    page.fill(f"#c{second} form[data-action=reply] textarea", "Cảm ơn bạn, tòa soạn đã ghi nhận.")
    page.click(f"#c{second} form[data-action=reply] button")
    page.wait_for_selector(f"#c{second} [data-outcome]:has-text('đăng trả lời của Tòa soạn')")
    assert _state(server.app, second) == (Status.APPROVED, False, 1)
    assert not page.locator(f"#c{second} details[data-reply]").get_attribute("open")
