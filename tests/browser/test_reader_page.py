"""The server-rendered reader page in a real browser, with JavaScript off."""
import pytest

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
    assert "đang chờ kiểm duyệt" in page.locator(".flash").inner_text()
    assert "Tổng lượt bình luận: 0" in page.locator(".total").inner_text()
    context.close()
