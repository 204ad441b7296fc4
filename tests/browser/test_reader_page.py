"""The server-rendered reader page in a real browser, with JavaScript off."""
import pytest
from flask import current_app

pytestmark = pytest.mark.browser


def test_reader_posts_a_comment_without_javascript(live_server, browser):
    server = live_server(COMMENT_MIN_SECONDS=0)
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{server.url}/articles/bai-1/comments")
    assert page.locator("h2").inner_text() == "Ý kiến bạn đọc"
    page.fill("#author", "Trần Thị Bình")
    page.fill("#body", "Bài viết rất hay, cảm ơn tòa soạn.")
    page.click("button[type=submit]")
    assert page.locator(".flash").inner_text() == "Bình luận của bạn đang chờ duyệt."
    assert "Tổng lượt bình luận: 0" in page.locator(".total").inner_text()
    held = page.locator(".comment.held")
    assert "Bài viết rất hay, cảm ơn tòa soạn." in held.inner_text()
    assert "Đang chờ duyệt · chỉ bạn nhìn thấy" in held.inner_text()
    assert page.locator(".empty").count() == 0
    context.close()


def test_reader_replies_without_javascript(live_server, browser):
    from moderation.services.demo import seed_demo
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    context = browser.new_context(java_script_enabled=False, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{server.url}/articles/demo-1/comments")
    first = page.locator(".thread").first.locator(".comment").first
    first.locator("a.reply").click()
    assert first.locator(".replying").inner_text() == "Trả lời Nguyễn Văn An · Hủy"
    first.locator("#author").fill("Trần Thị Bình")
    first.locator("#body").fill("Tôi cũng nghĩ vậy.")
    first.get_by_role("button", name="Gửi bình luận").click()
    replies = page.locator(".thread").first.locator(".replies")
    assert "Tôi cũng nghĩ vậy." in replies.locator(".comment.held").inner_text()
    context.close()
