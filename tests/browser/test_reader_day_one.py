"""comments.js as a reader meets it on day one, in Chromium: a flaky connection, a closed
article, a refused wording, replying on a phone, the demo page."""
import re

import pytest
from flask import current_app
from playwright.sync_api import expect

from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.articles import update_article
from moderation.services.demo import seed_demo
from moderation.services.wordlists import replace_word_lists

pytestmark = pytest.mark.browser

THREAD = re.compile(r"/api/v1/articles/[^/]+/comments\?")


def fail_thread(page):
    """The list request fails as behind a broken CDN; everything else goes through."""
    page.route(THREAD, lambda route: route.fulfill(status=503, body="Service Unavailable"))


def stored(server):
    with server.app.app_context():
        comment = db.session.query(Comment).one()
        return comment.status, {flag["code"] for flag in comment.flags}


def write(page, author="Đỗ Thu Hà", body="Tuyến buýt số 5 nên chạy đến 23h."):
    page.fill("#ykbd-author", author)
    page.fill("#ykbd-body", body)
    page.click(".ykbd-send")


def test_when_the_list_fails_the_form_fetches_its_own_token_and_the_comment_is_not_trapped(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    fail_thread(page)
    page.goto(server.url + "/")
    expect(page.locator(".ykbd-status")).to_have_text("Chưa tải được bình luận. Vui lòng thử lại sau.")
    page.wait_for_function("document.querySelector('.ykbd-form input[name=form_token]').value !== ''")
    write(page)
    expect(page.locator(".ykbd-status")).to_contain_text("đang chờ kiểm duyệt")
    status, codes = stored(server)
    assert status == Status.PENDING and not codes & {"too_fast", "untimed"}


def test_with_no_token_to_be_had_the_comment_is_held_untimed_not_trapped(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    fail_thread(page)
    page.route("**/api/v1/form-token", lambda route: route.abort())
    page.goto(server.url + "/")
    expect(page.locator(".ykbd-status")).to_have_text("Chưa tải được bình luận. Vui lòng thử lại sau.")
    write(page)
    expect(page.locator(".ykbd-status")).to_contain_text("đang chờ kiểm duyệt")
    status, codes = stored(server)
    assert status == Status.PENDING and "untimed" in codes and "too_fast" not in codes


def test_when_the_list_fails_the_total_is_a_dash_not_zero(live_server, page):
    server = live_server()
    fail_thread(page)
    page.goto(server.url + "/")
    expect(page.locator(".ykbd-status")).to_have_text("Chưa tải được bình luận. Vui lòng thử lại sau.")
    expect(page.locator(".ykbd-total")).to_have_text("Tổng lượt bình luận: –")


def test_a_closed_article_shows_a_sentence_instead_of_the_form(live_server, page):
    server = live_server()
    with server.app.app_context():
        update_article("demo-1", comments_open=False, actor=None)
    page.goto(server.url + "/")
    expect(page.locator(".ykbd-closed")).to_have_text("Bài viết đã đóng bình luận.")
    expect(page.locator(".ykbd-form")).to_be_hidden()


def test_a_comment_refused_by_a_word_rule_keeps_its_text_and_says_what_to_fix(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        replace_word_lists(banned=["vcl"], actor=None)
    page.goto(server.url + "/")
    write(page, body="Bài này hay vcl")
    refused = "Bình luận có từ ngữ không phù hợp nên chưa thể đăng. Vui lòng sửa lại."
    expect(page.locator("#ykbd-body-error")).to_have_text(refused)
    expect(page.locator("#ykbd-body")).to_have_value("Bài này hay vcl")
    expect(page.locator(".ykbd-held")).to_have_count(0)


def test_reply_opens_the_form_under_the_comment_and_cancel_puts_it_back(live_server, page):
    server = live_server()
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    first = page.locator(".ykbd-thread").first.locator(".ykbd-comment").first
    first.locator(".ykbd-reply").click()
    expect(first.locator(".ykbd-form")).to_be_visible()
    expect(first.locator(".ykbd-replying")).to_have_text("Trả lời Nguyễn Văn An · Hủy")
    expect(page.locator("#ykbd-body")).to_be_focused()
    first.locator(".ykbd-cancel").click()
    expect(first.locator(".ykbd-form")).to_have_count(0)
    expect(page.locator(".ykbd-form-home .ykbd-form")).to_be_visible()


def test_a_reply_sent_inline_is_held_under_its_comment(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    thread = page.locator(".ykbd-thread").first
    thread.locator(".ykbd-comment").first.locator(".ykbd-reply").click()
    write(page, body="Đồng ý với bạn.")
    expect(thread.locator(".ykbd-replies .ykbd-held")).to_contain_text("Đồng ý với bạn.")
    expect(thread.locator(".ykbd-held .ykbd-badge")).to_have_text("Đang chờ duyệt · chỉ bạn nhìn thấy")
    expect(page.locator(".ykbd-form-home .ykbd-form")).to_be_visible()


def test_the_reply_button_is_a_24px_target(live_server, page):
    server = live_server()
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    box = page.locator(".ykbd-reply").first.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24


def test_invalid_attempts_do_not_use_up_the_limit_and_the_refusal_says_when(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0, COMMENT_RATE_LIMIT="2 per minute")
    page.goto(server.url + "/")
    page.click(".ykbd-send")
    expect(page.locator("#ykbd-author-error")).to_have_text("Vui lòng nhập họ tên.")
    expect(page.locator("#ykbd-body-error")).to_have_text("Vui lòng nhập nội dung bình luận.")
    for body in ("Lần thứ nhất", "Lần thứ hai"):
        write(page, body=body)
        expect(page.locator(".ykbd-status")).to_contain_text("đang chờ kiểm duyệt")
        expect(page.locator(".ykbd-held", has_text=body)).to_have_count(1)
    write(page, body="Lần thứ ba")
    expect(page.locator(".ykbd-status")).to_have_text(
        re.compile(r"^Bạn gửi bình luận quá nhanh\. Vui lòng thử lại sau (\d+ giây|1 phút)\.$"))
    expect(page.locator("#ykbd-body")).to_have_value("Lần thứ ba")
