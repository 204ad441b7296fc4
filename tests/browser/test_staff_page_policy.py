"""The staff pages' script policy in Chromium: our own scripts run, nothing on them is blocked,
and an outside page cannot frame the queue."""
import pytest

from moderation.extensions import db
from moderation.services.accounts import create_moderator
from tests.factories import make_comment
from tests.moderators import PASSWORD

pytestmark = pytest.mark.browser


def _violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def test_the_queue_runs_under_its_policy_without_a_violation(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        create_moderator("quantri", PASSWORD, "admin", actor=None)
        first = make_comment(article_id="bai-1").id
        db.session.remove()
    violations = _violations(page)
    page.goto(f"{server.url}/moderation/login")
    page.fill("#username", "quantri")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(f"#c{first}.current")  # set by queue.js
    for path in ("/moderation/log", "/moderation/admin/rules", "/moderation/admin/moderators",
                 "/moderation/admin/settings", "/moderation/admin/bans"):
        page.goto(server.url + path)
    assert violations == []


def test_an_outside_page_cannot_frame_the_login_page(live_server, page):
    server = live_server()
    page.set_content(f'<iframe src="{server.url}/moderation/login"></iframe>')
    frame = page.frames[-1]
    frame.wait_for_load_state()
    assert page.locator("iframe").count() == 1
    assert frame.url in ("about:blank", "chrome-error://chromewebdata/", f"{server.url}/moderation/login")
    assert frame.locator("#username").count() == 0
