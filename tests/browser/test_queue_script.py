"""The queue's script in Chromium: bulk actions, select-all, batch undo, shortcuts after a checkbox,
collapsed finished rows, live counts, "Tải thêm", Ctrl+Enter in the edit box, "Xem thêm"."""
import pytest

from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.accounts import create_moderator
from tests.factories import make_comment
from tests.moderators import PASSWORD

pytestmark = pytest.mark.browser


def _seed(app, n=3, **fields):
    with app.app_context():
        create_moderator("bientap", PASSWORD, actor=None)
        ids = [make_comment(article_id="bai-1", body=fields.get("body", f"Ý kiến thứ {i}.")).id for i in range(n)]
        db.session.remove()
    return ids


def _login(page, server, path="/moderation/"):
    page.goto(f"{server.url}/moderation/login?next={path}")
    page.fill("#username", "bientap")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(".row.current")


def _statuses(app, ids):
    with app.app_context():
        result = [db.session.get(Comment, i).status for i in ids]
        db.session.remove()
    return result


def test_bulk_approve_with_javascript_on_changes_the_rows_and_says_so(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app)
    _login(page, server)
    for comment_id in ids[:2]:
        page.check(f"#c{comment_id} input[name=ids]")
    page.click("#bulk button[value=approve]")
    page.wait_for_selector("#announcer:has-text('Đã duyệt 2 bình luận.')")
    assert page.locator("#announcer").is_visible()
    assert _statuses(server.app, ids) == [Status.APPROVED, Status.APPROVED, Status.PENDING]
    assert page.locator(f"#c{ids[0]}.done [data-summary]").is_visible()
    assert page.locator("[data-total=pending]").inner_text() == "1"


def test_shift_x_selects_every_row_and_the_select_all_box_follows(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app)
    _login(page, server)
    page.keyboard.press("Shift+X")
    assert all(page.is_checked(f"#c{i} input[name=ids]") for i in ids) and page.is_checked("#select-all")
    page.uncheck("#select-all")
    assert not any(page.is_checked(f"#c{i} input[name=ids]") for i in ids)
    page.check("#select-all")
    page.click("#bulk button[value=reject]")
    page.wait_for_selector("#announcer:has-text('Đã từ chối 3 bình luận.')")
    assert _statuses(server.app, ids) == [Status.REJECTED] * 3


def test_undo_of_a_batch_restores_every_row_with_a_visible_message(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app, n=2)
    _login(page, server)
    page.keyboard.press("Shift+X")
    page.click("#bulk button[value=approve]")
    page.wait_for_selector("#announcer:has-text('Đã duyệt 2 bình luận.')")
    page.keyboard.press("u")
    page.wait_for_selector(f"#announcer:has-text('Đã hoàn tác: #{ids[1]}, #{ids[0]} về chờ duyệt.')")
    assert page.locator("#announcer").is_visible()
    assert _statuses(server.app, ids) == [Status.PENDING] * 2
    assert page.locator(".row.done").count() == 0
    assert page.locator("[data-total=pending]").inner_text() == "2"


def test_shortcuts_keep_working_after_clicking_a_checkbox(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app, n=2)
    _login(page, server)
    page.click(f"#c{ids[0]} input[name=ids]")
    page.keyboard.press("a")
    page.wait_for_selector(f"#c{ids[0]}.done")
    assert _statuses(server.app, ids[:1]) == [Status.APPROVED]


def test_a_decided_row_collapses_and_the_title_count_follows(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app, n=2)
    _login(page, server)
    assert "(2)" in page.title()
    page.keyboard.press("a")
    page.wait_for_selector(f"#c{ids[0]}.done")
    summary = page.locator(f"#c{ids[0]} [data-summary]")
    assert summary.inner_text() == f"Đã duyệt bình luận #{ids[0]}."
    assert page.locator(f"#c{ids[0]} form[data-action=approve]").is_hidden()
    assert "(1)" in page.title() and page.locator("[data-total=pending]").inner_text() == "1"


def test_load_more_and_j_past_the_last_row_bring_the_next_page(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0, QUEUE_PAGE_SIZE=2)
    ids = _seed(server.app, n=5)
    _login(page, server)
    assert page.locator(".row").count() == 2
    page.click("#more")
    page.wait_for_selector(f"#c{ids[3]}")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.wait_for_selector(f"#c{ids[4]}.current")
    assert page.locator(".row").count() == 5 and page.locator("#more").count() == 0


def test_ctrl_enter_saves_the_edit(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    ids = _seed(server.app, n=1)
    _login(page, server)
    page.keyboard.press("e")
    box = page.locator(f"#c{ids[0]} form[data-action=edit] textarea")
    box.fill("Nội dung đã sửa")
    box.press("Control+Enter")
    page.wait_for_selector(f"#c{ids[0]}.done")
    with server.app.app_context():
        comment = db.session.get(Comment, ids[0])
        assert (comment.status, comment.body_text) == (Status.APPROVED, "Nội dung đã sửa")
        db.session.remove()


def test_a_long_comment_is_clamped_with_show_more(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    long_body = "\n\n".join(f"Đoạn thứ {n} của một bình luận rất dài." for n in range(20))
    ids = _seed(server.app, n=1, body=long_body)
    _login(page, server)
    body = page.locator(f"#c{ids[0]} [data-body]")
    clamped = body.evaluate("el => el.clientHeight")
    assert body.evaluate("el => el.scrollHeight") > clamped
    page.click(f"#c{ids[0]} button.more:has-text('Xem thêm')")
    assert body.evaluate("el => el.clientHeight") > clamped
    assert page.locator(f"#c{ids[0]} button.more").inner_text() == "Thu gọn"
