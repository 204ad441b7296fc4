"""comments.js in Chromium, issue 12: the tabs, Thích and its undo, the newsroom badge and the pick,
and a held comment still shown to its author after a reload."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from moderation.extensions import db
from moderation.models import Comment, CommentLike, utcnow
from moderation.services.accounts import create_moderator
from moderation.services.likes import like

pytestmark = pytest.mark.browser
ARTICLE = "demo-1"


@pytest.fixture
def server(live_server, make_comment):
    """The demo article with three approved comments: the oldest has an editor's pick and a newsroom reply,
    the middle one two likes."""
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        oldest = make_comment(article_id=ARTICLE, status="approved", body="Ý kiến đầu tiên")
        liked = make_comment(article_id=ARTICLE, status="approved", body="Ý kiến được thích")
        make_comment(article_id=ARTICLE, status="approved", body="Ý kiến mới nhất")
        reply = make_comment(article_id=ARTICLE, status="approved", parent_id=oldest.id, body="Cảm ơn bạn đã góp ý.")
        for n in range(2):
            like(liked.id, reader_hash=f"r{n}", ip_hash=f"ip{n}")
        staff = create_moderator("toasoan", "mat-khau-dai", actor=None)
        db.session.execute(update(Comment).where(Comment.id == reply.id)
                           .values(staff_id=staff.id, staff_badge="Tòa soạn", author="Ban biên tập"))
        db.session.execute(update(Comment).where(Comment.id == oldest.id).values(featured_at=utcnow()))
        db.session.commit()
        server.ids = {"oldest": oldest.id, "liked": liked.id}
    return server


def bodies(page):
    return page.locator(".ykbd-thread > .ykbd-comment .ykbd-body")


def test_tabs_reorder_the_thread_and_picks_have_their_own(server, page):
    page.goto(server.url + "/")
    expect(bodies(page)).to_have_text(["Ý kiến đầu tiên", "Ý kiến được thích", "Ý kiến mới nhất"])
    page.click(".ykbd-tab[data-view=top]")
    expect(bodies(page).first).to_have_text("Ý kiến được thích")
    expect(page.locator(".ykbd-tab[data-view=top]")).to_have_attribute("aria-pressed", "true")
    page.click(".ykbd-tab[data-view=newest]")
    expect(bodies(page)).to_have_text(["Ý kiến mới nhất", "Ý kiến được thích", "Ý kiến đầu tiên"])
    page.click(".ykbd-tab[data-view=featured]")
    expect(bodies(page)).to_have_text(["Ý kiến đầu tiên"])
    thread = page.locator(".ykbd-thread").first
    expect(thread.locator(".ykbd-pick")).to_have_text("Bình luận nổi bật")
    expect(thread.locator(".ykbd-replies .ykbd-staff")).to_have_text("Tòa soạn")


def test_like_and_unlike_move_the_count_and_reach_the_server(server, page):
    page.goto(server.url + "/")
    button = page.locator(f"#c{server.ids['liked']} .ykbd-like")
    expect(button).to_have_text("Thích · 2")
    button.click()
    expect(button).to_have_text("Thích · 3")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_enabled()
    page.reload()
    button = page.locator(f"#c{server.ids['liked']} .ykbd-like")
    expect(button).to_have_attribute("aria-pressed", "true")
    button.click()
    expect(button).to_have_text("Thích · 2")
    expect(button).to_be_enabled()
    with server.app.app_context():
        assert db.session.query(CommentLike).filter_by(comment_id=server.ids["liked"]).count() == 2
        assert not page.context.cookies()


def test_a_refused_like_is_rolled_back(server, page):
    page.route(re.compile(r"/likes$"), lambda route: route.fulfill(status=503, content_type="application/json",
                                                                    body='{"error":{"code":"unavailable","message":'
                                                                         '"Dịch vụ tạm thời gián đoạn.","fields":{}}}'))
    page.goto(server.url + "/")
    button = page.locator(f"#c{server.ids['oldest']} .ykbd-like")
    button.click()
    expect(button).to_be_enabled()
    expect(button).to_have_text("Thích")
    expect(page.locator(".ykbd-status")).to_have_text("Dịch vụ tạm thời gián đoạn.")


def test_a_held_comment_stays_visible_to_its_author_after_a_reload(server, page):
    page.goto(server.url + "/")
    page.fill("#ykbd-author", "Đỗ Thu Hà")
    page.fill("#ykbd-body", "Nên có thêm tuyến đêm.")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-held")).to_contain_text("Nên có thêm tuyến đêm.")
    page.reload()
    expect(page.locator(".ykbd-held")).to_contain_text("Nên có thêm tuyến đêm.")
    expect(page.locator(".ykbd-held .ykbd-badge")).to_have_text("Đang chờ duyệt · chỉ bạn nhìn thấy")
    page.click(".ykbd-tab[data-view=top]")
    expect(page.locator(".ykbd-held")).to_contain_text("Nên có thêm tuyến đêm.")
