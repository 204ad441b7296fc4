"""The embeds in headless Chromium: the demo article page, a news site on another origin, and a service that is down."""
import json
import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from flask import current_app
from playwright.sync_api import expect

from moderation.services.accounts import create_moderator, create_token
from moderation.services.demo import HEADLINES, seed_demo

pytestmark = pytest.mark.browser


class StaticSite:
    """A news site on its own origin: one HTML page, served by a second tiny server."""

    def __init__(self):
        self.html = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = site.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def site():
    site = StaticSite()
    yield site
    site.server.shutdown()


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def approve(server, comment_id):
    with server.app.app_context():
        token = create_token(create_moderator("bientap", "mat-khau-dai", "moderator", actor=None), actor=None)
    request = urllib.request.Request(f"{server.url}/api/v1/moderation/comments/{comment_id}/approve", method="POST",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        assert json.load(response)["status"] == "approved"


def test_demo_page_counts_post_held_then_published(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    page.wait_for_function("document.querySelectorAll('[data-comment-count-loaded]').length === 11")
    expect(page.locator('.headlines [data-comment-count="demo-3"]')).to_have_text("7")
    expect(page.locator(".ykbd-total")).to_have_text("Tổng lượt bình luận: 3")

    page.fill("#ykbd-author", "Đỗ Thu Hà")
    page.fill("#ykbd-body", "Tuyến buýt số 5 nên chạy đến 23h.")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-status")).to_contain_text("đang chờ kiểm duyệt")
    expect(page.locator(".ykbd-held")).to_contain_text("Đang chờ duyệt")

    page.reload()
    held = page.locator(".ykbd-held")
    expect(held).to_contain_text("Tuyến buýt số 5 nên chạy đến 23h.")
    expect(held).to_contain_text("Đang chờ duyệt")
    comment_id = int(held.get_attribute("data-held-id"))

    approve(server, comment_id)
    page.reload()
    expect(page.locator(f"#c{comment_id}")).to_contain_text("Tuyến buýt số 5 nên chạy đến 23h.")
    expect(page.locator(".ykbd-total")).to_have_text("Tổng lượt bình luận: 4")
    expect(page.locator(".ykbd-held")).to_have_count(0)


def test_field_errors_are_shown_inline(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    page.goto(server.url + "/")
    page.click(".ykbd-send")
    expect(page.locator("#ykbd-author-error")).to_have_text("Vui lòng nhập họ tên.")
    expect(page.locator("#ykbd-body-error")).to_have_text("Vui lòng nhập nội dung bình luận.")


def test_reader_input_is_shown_as_text(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0)
    page.goto(server.url + "/")
    page.fill("#ykbd-author", "<img src=x onerror=alert(1)>")
    page.fill("#ykbd-body", "<script>alert(1)</script>")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-held .ykbd-body")).to_have_text("<script>alert(1)</script>")
    assert page.locator(".ykbd-embed img, .ykbd-embed script").count() == 0


def page_html(service, api=None, fallback="–"):
    api_attr = f' data-api="{api}"' if api else ""
    return f"""<!doctype html><html lang="vi"><meta charset="utf-8"><title>Báo</title>
<h1>Bài viết</h1><p><span data-comment-count="bai-1">{fallback}</span> bình luận</p>
<ul>{"".join(f'<li>{t} <span data-comment-count="{i}">{fallback}</span></li>' for i, t in HEADLINES)}</ul>
<script src="{service}/embed/comments.js" data-article-id="bai-1" data-title="Bài viết"{api_attr}></script>
<script src="{service}/embed/counts.js"{api_attr}></script></html>"""


def watch(page):
    problems = []
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    # A refused connection is logged by Chromium itself ("Failed to load resource"); anything else is ours.
    page.on("console", lambda m: problems.append(f"console: {m.text}")
            if m.type == "error" and "Failed to load resource" not in m.text else None)
    return problems


def test_a_news_site_on_an_allowed_origin_gets_counts_and_can_post(live_server, site, page):
    server = live_server(COMMENT_MIN_SECONDS=0, ALLOWED_ORIGINS=[site.url])
    site.html = page_html(server.url)
    problems = watch(page)
    page.goto(site.url)
    page.wait_for_function("document.querySelectorAll('[data-comment-count-loaded]').length === 11")
    expect(page.locator('[data-comment-count="bai-1"]')).to_have_text("0")
    page.fill("#ykbd-author", "Minh")
    page.fill("#ykbd-body", "Gửi từ trang báo khác miền.")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-status")).to_contain_text("đang chờ kiểm duyệt")
    expect(page.locator(".ykbd-held")).to_contain_text("Đang chờ duyệt")
    assert problems == []


def test_an_unlisted_origin_cannot_read_counts(live_server, site, page):
    server = live_server(ALLOWED_ORIGINS=["https://news.example.vn"])
    site.html = page_html(server.url)
    page.goto(site.url)
    expect(page.locator(".ykbd-status")).to_have_text("Chưa tải được bình luận. Vui lòng thử lại sau.")
    page.wait_for_load_state("networkidle")
    expect(page.locator('[data-comment-count="bai-1"]')).to_have_text("–")


def test_with_the_service_down_fallbacks_stay_and_scripts_raise_nothing(live_server, site, page):
    server = live_server()
    site.html = page_html(server.url, api=f"http://127.0.0.1:{unused_port()}")
    problems = watch(page)
    page.goto(site.url)
    expect(page.locator(".ykbd-status")).to_have_text("Chưa tải được bình luận. Vui lòng thử lại sau.")
    page.wait_for_load_state("networkidle")
    for element in page.locator("[data-comment-count]").all():
        expect(element).to_have_text("–")
    assert problems == []


def test_with_the_whole_service_stopped_the_page_keeps_its_fallbacks(site, page):
    site.html = page_html(f"http://127.0.0.1:{unused_port()}")
    problems = watch(page)
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    for element in page.locator("[data-comment-count]").all():
        expect(element).to_have_text("–")
    assert problems == []
