"""The demo newsroom in Chromium: real articles behind "Tin khác", an SVG count icon, a no-JS link."""
import pytest
from flask import current_app
from playwright.sync_api import expect

from moderation.services.demo import seed_demo

pytestmark = pytest.mark.browser


def test_the_demo_page_uses_an_svg_count_icon_and_links_to_real_articles(live_server, page):
    server = live_server()
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    expect(page.locator(".masthead a")).to_have_text("Tin tức")
    assert "💬" not in page.content()
    expect(page.locator(".headlines .cmt svg")).to_have_count(10)
    link = page.locator(".headlines a", has_text="Đà Nẵng đón lượng khách quốc tế")
    link.click()
    expect(page.locator("h1")).to_have_text("Đà Nẵng đón lượng khách quốc tế kỷ lục dịp cuối năm")
    expect(page.locator(".ykbd-total")).to_have_text("Tổng lượt bình luận: 7")
    expect(page.locator(".ykbd-body").first).not_to_contain_text("(#")


def test_the_demo_page_without_javascript_links_to_the_server_rendered_section(live_server, browser):
    server = live_server()
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(server.url + "/")
    page.click("noscript a, .noscript a")
    expect(page.locator("h2")).to_have_text("Ý kiến bạn đọc")
    assert page.url.endswith("/articles/demo-1/comments")
    context.close()
