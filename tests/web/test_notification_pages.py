"""A reader's mail links (confirm, unsubscribe), the opt-in on the forms and the JSON API, and the
admin's views of mail: no login, no cookie, Vietnamese pages, nothing done by a GET."""
import re
import time

import pytest
from sqlalchemy import select

from moderation.core.emails import hash_email
from moderation.core.spam import issue_form_token
from moderation.extensions import db
from moderation.models import Action, AuditEntry, MailKind, OutboxMail, ReaderSubscription
from moderation.services import notifications, outbox
from tests.moderators import admin  # noqa: F401 (admin fixture)

READER = "ban.doc@example.vn"


@pytest.fixture
def reader(mail_app):
    from tests.openapi_check import ValidatingClient
    mail_app.test_client_class = ValidatingClient
    return mail_app.test_client(use_cookies=False)


def submit(reader, **fields):
    return reader.post("/api/v1/articles/bai-1/comments",
                       json={"author": "Phạm Minh", "body": "Cảm ơn bài viết.", **fields})


def subscription():
    db.session.expire_all()
    return db.session.execute(select(ReaderSubscription)).scalar_one()


def test_notify_without_an_email_is_a_400_on_email(reader):
    answer = submit(reader, notify=True)
    assert answer.status_code == 400
    assert answer.json["error"]["fields"] == {"email": "Vui lòng nhập email để nhận thông báo."}


def test_notify_that_is_not_a_boolean_is_a_400_on_notify(reader):
    assert submit(reader, notify=[1], email=READER).json["error"]["fields"].keys() == {"notify"}


def test_notify_with_an_email_queues_one_confirmation(reader):
    assert submit(reader, notify=True, email="Ban.Doc@Example.VN").status_code == 202
    assert submit(reader, notify=True, email=READER, body="Lần thứ hai.").status_code == 202
    assert subscription().email == READER
    confirmations = db.session.execute(select(OutboxMail).where(OutboxMail.kind == MailKind.CONFIRM)).scalars().all()
    assert len(confirmations) == 1 and "/notifications/confirm/" in confirmations[0].body_text


def test_the_no_js_form_has_the_checkbox_and_opting_in_without_email_names_the_email_field(mail_app):
    browser = mail_app.test_client()
    html = browser.get("/articles/bai-1/comments").get_data(as_text=True)
    assert "Báo cho tôi qua email khi bình luận được đăng hoặc có người trả lời" in html
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    data = {"csrf_token": token, "form_token": issue_form_token(mail_app.config["SECRET_KEY"], now=time.time() - 30),
            "author": "Phạm Minh", "body": "Cảm ơn bài viết.", "notify": "y"}
    answer = browser.post("/articles/bai-1/comments", data=data)
    assert answer.status_code == 400 and "Vui lòng nhập email để nhận thông báo." in answer.get_data(as_text=True)
    answer = browser.post("/articles/bai-1/comments", data={**data, "email": READER})
    assert answer.status_code == 303 and subscription().email == READER


def _token(purpose):
    sub = subscription()
    return notifications.confirm_token(sub) if purpose == "confirm" else notifications.unsubscribe_token(sub)


def test_the_confirm_link_shows_a_button_and_only_the_post_confirms_with_no_cookie(reader, mail_app):
    submit(reader, notify=True, email=READER)
    path = f"/notifications/confirm/{_token('confirm')}"
    page = reader.get(path)
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    assert "<button" in page.get_data(as_text=True) and "Xác nhận" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert subscription().confirmed_at is None
    done = reader.post(path)
    assert done.status_code == 200 and "Set-Cookie" not in done.headers
    assert "Đã xác nhận" in done.get_data(as_text=True) and subscription().confirmed_at is not None
    [entry] = db.session.execute(select(AuditEntry).where(AuditEntry.action == Action.NOTIFY_CONFIRM)).scalars()
    assert entry.target_id == hash_email(READER, mail_app.config["SECRET_KEY"])
    assert READER not in str(entry.details) and READER not in entry.target_id


def test_an_expired_or_forged_link_is_a_vietnamese_page(reader, mail_clock):
    submit(reader, notify=True, email=READER)
    token = _token("confirm")
    assert reader.get(f"/notifications/confirm/{token[:-2]}xx").status_code == 404
    mail_clock.advance(days=8)
    answer = reader.post(f"/notifications/confirm/{token}")
    assert answer.status_code == 410 and "Liên kết này đã hết hạn" in answer.get_data(as_text=True)
    assert subscription().confirmed_at is None


def test_unsubscribe_shows_a_page_and_the_one_click_post_unsubscribes_without_csrf_or_cookie(reader, mail_app):
    submit(reader, notify=True, email=READER)
    path = f"/notifications/unsubscribe/{_token('unsubscribe')}"
    assert "Ngừng nhận" in reader.get(path).get_data(as_text=True) and subscription().unsubscribed_at is None
    answer = reader.post(path, data="List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200 and "Set-Cookie" not in answer.headers
    assert subscription().unsubscribed_at is not None
    [entry] = db.session.execute(select(AuditEntry).where(AuditEntry.action == Action.NOTIFY_UNSUBSCRIBE)).scalars()
    assert entry.target_id == hash_email(READER, mail_app.config["SECRET_KEY"])


def test_the_admin_outbox_page_shows_due_sent_today_and_failed_with_the_answer(admin):
    from moderation.models import MailState
    from moderation.services import mail_content
    for n, (state, error) in enumerate([(MailState.QUEUED, None), (MailState.SENT, None),
                                        (MailState.FAILED, "550 5.1.1 Hộp thư không tồn tại")]):
        row = outbox.add(MailKind.ALERT, f"nguoi{n}@example.vn", mail_content.Mail("Thư", "Nội dung", ""))
        row.state, row.last_error = state, error
        if state == MailState.SENT:
            row.sent_at = outbox.now()
    db.session.commit()
    html = admin.get("/moderation/admin/outbox").get_data(as_text=True)
    assert "Đến hạn gửi: 1" in html and "đã gửi hôm nay: 1" in html
    assert "550 5.1.1 Hộp thư không tồn tại" in html and "nguoi2@example.vn" in html
    assert 'href="/moderation/admin/outbox"' in html


def test_the_admin_sets_a_moderators_email_and_preference(admin):
    from moderation.models import MailPreference
    from moderation.services.accounts import find_moderator
    moderator_id = admin.moderator.id
    page = admin.get(f"/moderation/admin/moderators/{moderator_id}").get_data(as_text=True)
    assert "Bản tóm tắt hằng ngày" in page
    assert admin.post(f"/moderation/admin/moderators/{moderator_id}/mail",
                      {"email": "", "preference": "alerts"}).status_code == 400
    assert admin.post(f"/moderation/admin/moderators/{moderator_id}/mail",
                      {"email": "QuanTri@Example.vn", "preference": "digest"}).status_code == 303
    account = find_moderator(admin.moderator.username)
    assert (account.email, account.mail_preference) == ("quantri@example.vn", MailPreference.DIGEST)
