"""The opt-in in comments.js, in headless Chromium: the checkbox needs an e-mail, then the
confirmation link's page confirms with its button."""
import re

import pytest
from flask import current_app
from playwright.sync_api import expect
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import MailKind, OutboxMail
from moderation.services.demo import seed_demo

pytestmark = pytest.mark.browser


def test_opting_in_asks_for_an_email_then_the_confirmation_page_confirms(live_server, page):
    server = live_server(COMMENT_MIN_SECONDS=0, MAIL_BACKEND="locmem")
    with server.app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
    page.goto(server.url + "/")
    page.fill("#ykbd-author", "Đỗ Thu Hà")
    page.fill("#ykbd-body", "Xin báo cho tôi khi có người trả lời.")
    page.check("#ykbd-notify")
    page.click(".ykbd-send")
    expect(page.locator("#ykbd-email-error")).to_have_text("Vui lòng nhập email để nhận thông báo.")
    page.fill("#ykbd-email", "thu.ha@example.vn")
    page.click(".ykbd-send")
    expect(page.locator(".ykbd-held")).to_contain_text("Đang chờ duyệt")
    with server.app.app_context():
        mail = db.session.execute(select(OutboxMail).where(OutboxMail.kind == MailKind.CONFIRM)).scalar_one()
        path = re.search(r"(/notifications/confirm/\S+)", mail.body_text).group(1)
    page.goto(server.url + path)
    page.click("button[type=submit]")
    expect(page.locator("[role=status]")).to_contain_text("Đã xác nhận")
