"""The embeds with data-site, in headless Chromium: a second site's page reads its own counts and
thread (its article "bai-1" is not the default site's), and posts into its own thread."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import Comment
from moderation.services.sites import add_site
from tests.browser.test_embeds import site, watch  # noqa: F401  (the news-site fixture)
from tests.factories import make_comment

pytestmark = pytest.mark.browser


def _two_sites(server, origin):
    with server.app.app_context():
        second = add_site("truong-a", name="Trường A", origins=[origin], actor=None,
                          default_origins=server.app.config["ALLOWED_ORIGINS"]).id
        make_comment("bai-1", status="approved")
        for _ in range(2):
            make_comment("bai-1", status="approved", site_id=second)
    return second


def test_comments_js_with_data_site_shows_and_posts_to_that_sites_thread(live_server, site, page):  # noqa: F811
    server = live_server(COMMENT_MIN_SECONDS=0, ALLOWED_ORIGINS=["https://news.example.vn"])
    second = _two_sites(server, site.url)
    site.html = f"""<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trường A</title>
<h1>Bài viết</h1>
<script src="{server.url}/embed/comments.js" data-site="truong-a" data-article-id="bai-1"></script></html>"""
    problems = watch(page)
    page.goto(site.url)
    expect(page.locator(".ykbd-total")).to_have_text("Tổng lượt bình luận: 2")
    page.fill("#ykbd-author", "Minh")
    page.fill("#ykbd-body", "Gửi từ trang của trường.")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-held")).to_contain_text("Đang chờ duyệt")
    with server.app.app_context():
        sent = db.session.execute(select(Comment).where(Comment.body_text == "Gửi từ trang của trường.")).scalar_one()
        assert sent.site_id == second
    assert problems == []


@pytest.mark.parametrize("on_script", [True, False])
def test_counts_js_asks_the_site_named_on_the_script_or_the_element(live_server, site, page, on_script):  # noqa: F811
    server = live_server(ALLOWED_ORIGINS=["https://news.example.vn"])
    _two_sites(server, site.url)
    script_site = ' data-site="truong-a"' if on_script else ""
    element_site = "" if on_script else ' data-site="truong-a"'
    site.html = f"""<!doctype html><html lang="vi"><meta charset="utf-8"><title>Trường A</title>
<p><span data-comment-count="bai-1"{element_site}>–</span> bình luận</p>
<script src="{server.url}/embed/counts.js"{script_site}></script></html>"""
    page.goto(site.url)
    expect(page.locator('[data-comment-count="bai-1"]')).to_have_text("2")
