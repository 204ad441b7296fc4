"""Readers' e-mail, end to end through a real SMTP server (aiosmtpd on 127.0.0.1): double opt-in,
the four events, the links and headers, what never mails, pacing and the daily cap."""
import re

import pytest

from moderation.extensions import db
from moderation.models import OutboxMail, Status
from moderation.services import notifications, outbox
from moderation.services.decisions import bulk_transition, edit_and_approve, transition
from tests.mail import body

READER = "ban.doc@example.vn"


@pytest.fixture
def make_comment(smtp_app):
    """The real submission service, on the mail-sending app (not the suite's default one)."""
    from tests.factories import make_comment as factory
    return factory


def send():
    return outbox.run_once()


def confirm_link(message):
    return re.search(r"https://binhluan\.example\.vn/notifications/confirm/(\S+)", body(message)).group(1)


def opt_in(make_comment, smtp_server, address=READER, **fields):
    """A comment by ``address`` with "notify" ticked; the confirmation mail sent and its link followed."""
    comment = make_comment(email=address, notify=True, **fields)
    send()
    notifications.confirm(confirm_link(smtp_server.inbox.to(address)[-1]))
    return comment


def test_the_first_opt_in_mails_one_confirmation_and_nothing_else_until_confirmed(smtp_app, smtp_server, make_comment):
    first = make_comment(email=READER, notify=True)
    make_comment(email=READER, notify=True)
    transition(first.id, "approve")
    assert send() == 1
    [message] = smtp_server.inbox.messages
    assert message["To"] == READER and "Xác nhận" in message["Subject"]
    assert "/notifications/confirm/" in body(message) and "/notifications/confirm/" in body(message, "html")
    # The approval happened before the confirmation: it is never mailed, even afterwards.
    notifications.confirm(confirm_link(message))
    assert send() == 0 and len(smtp_server.inbox.messages) == 1


def test_a_published_comment_mails_its_confirmed_author_with_the_links_and_headers(smtp_app, smtp_server,
                                                                                  make_comment, mail_clock):
    comment = opt_in(make_comment, smtp_server, title="Giá xăng giảm", url="https://news.example.vn/gia-xang")
    mail_clock.advance(minutes=11)
    transition(comment.id, "approve")
    assert send() == 1
    message = smtp_server.inbox.to(READER)[-1]
    assert "Bình luận của bạn đã được đăng" in message["Subject"]
    text, html = body(message), body(message, "html")
    assert "Giá xăng giảm" in text and comment.body_text in text
    assert f"https://news.example.vn/gia-xang#c{comment.id}" in text and f"#c{comment.id}" in html
    unsubscribe = re.search(r"<(https://binhluan\.example\.vn/notifications/unsubscribe/\S+)>",
                            message["List-Unsubscribe"]).group(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in text and unsubscribe.replace("&", "&amp;") in html


def test_an_approved_reply_mails_the_parent_author_but_not_before_approval(smtp_app, smtp_server, make_comment,
                                                                           mail_clock):
    parent = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    reply = make_comment(parent_id=str(parent.id), author="Trần Thị Bình", body="Tôi đồng ý với bạn.")
    mail_clock.advance(minutes=11)
    assert send() == 0
    transition(reply.id, "approve")
    assert send() == 1
    message = smtp_server.inbox.to(READER)[-1]
    assert "Trần Thị Bình đã trả lời" in body(message) and "Tôi đồng ý với bạn." in body(message)
    assert f"#c{reply.id}" in body(message)


def test_a_reply_by_the_same_address_mails_nothing(smtp_app, smtp_server, make_comment, mail_clock):
    parent = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    reply = make_comment(parent_id=str(parent.id), email=READER.upper())
    transition(reply.id, "approve")
    assert send() == 0


@pytest.mark.parametrize("decide", ["reject", "ban", "edit_approved"])
def test_a_rejection_a_ban_or_an_edit_of_a_published_comment_mails_nothing(smtp_app, smtp_server, make_comment,
                                                                          mail_clock, decide):
    from moderation.services.decisions import ban_and_reject
    parent = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    assert send() == 0
    reply = make_comment(parent_id=str(parent.id))
    if decide == "reject":
        transition(parent.id, "reject")
        transition(reply.id, "reject")
    elif decide == "ban":
        ban_and_reject(reply.id, moderator_id=None)
    else:
        edit_and_approve(parent.id, "Nội dung đã sửa.", moderator_id=None)
    mail_clock.advance(minutes=11)
    assert send() == 0


def test_a_rolled_back_approval_sends_nothing(smtp_app, smtp_server, make_comment, mail_clock):
    from moderation.services.decisions import apply_status
    from moderation.models import Action
    comment = opt_in(make_comment, smtp_server)
    mail_clock.advance(minutes=11)
    assert apply_status(comment, Status.APPROVED, action=Action.APPROVE)
    assert db.session.query(OutboxMail).filter_by(comment_id=comment.id).count() == 1
    db.session.rollback()
    assert send() == 0 and db.session.query(OutboxMail).filter_by(comment_id=comment.id).count() == 0


def test_events_inside_ten_minutes_are_one_mail_and_the_first_goes_at_once(smtp_app, smtp_server, make_comment,
                                                                          mail_clock):
    comments = [opt_in(make_comment, smtp_server)] + [make_comment(email=READER, notify=True) for _ in range(3)]
    before = len(smtp_server.inbox.to(READER))  # the confirmation
    mail_clock.advance(minutes=11)
    bulk_transition([comments[0].id], "approve", moderator_id=None)
    assert send() == 1
    for minutes, comment in zip((2, 3, 4), comments[1:]):
        mail_clock.advance(minutes=minutes)
        transition(comment.id, "approve")
        assert send() == 0
    mail_clock.advance(minutes=1)  # ten minutes after the first mail
    assert send() == 1
    combined = smtp_server.inbox.to(READER)[-1]
    assert len(smtp_server.inbox.to(READER)) == before + 2
    assert all(f"#c{c.id}" in body(combined) for c in comments[1:])


def test_at_most_twenty_mails_a_day_then_the_rest_waits_for_the_next_day(smtp_app, smtp_server, make_comment,
                                                                        mail_clock):
    comments = [opt_in(make_comment, smtp_server)] + [make_comment(email=READER, notify=True) for _ in range(21)]
    start = len(smtp_server.inbox.to(READER))
    for comment in comments[:21]:
        mail_clock.advance(minutes=10)
        transition(comment.id, "approve")
        send()
    assert len(smtp_server.inbox.to(READER)) == start + 20
    mail_clock.advance(hours=14)  # past midnight in Hà Nội
    assert send() == 1
    assert f"#c{comments[20].id}" in body(smtp_server.inbox.to(READER)[-1])


def test_after_a_one_click_unsubscribe_nothing_more_is_sent(smtp_app, smtp_server, make_comment, mail_clock):
    first, second = opt_in(make_comment, smtp_server), make_comment(email=READER, notify=True)
    mail_clock.advance(minutes=11)
    transition(first.id, "approve")
    send()
    link = re.search(r"<https://binhluan\.example\.vn(/notifications/unsubscribe/\S+)>",
                     smtp_server.inbox.to(READER)[-1]["List-Unsubscribe"]).group(1)
    transition(second.id, "approve")  # queued, paced to ten minutes later
    client = smtp_app.test_client(use_cookies=False)
    answer = client.post(link, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200 and "Set-Cookie" not in answer.headers
    mail_clock.advance(minutes=30)
    count = len(smtp_server.inbox.messages)
    assert send() == 0 and len(smtp_server.inbox.messages) == count


def test_a_newsroom_reply_mails_the_reader_with_the_badge(smtp_app, smtp_server, make_comment, mail_clock):
    from moderation.services.accounts import create_moderator
    editor = create_moderator("toasoan", "mat-khau-dai", "moderator", actor=None)
    parent = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    reply = make_comment(parent_id=str(parent.id), body="Cảm ơn bạn, tòa soạn đã ghi nhận.")
    reply.staff_id, reply.staff_badge = editor.id, "Tòa soạn"
    db.session.commit()
    transition(reply.id, "approve")  # a staff reply is the newsroom's to tell, never also a reader reply
    assert send() == 0
    notifications.newsroom_reply(reply)
    db.session.commit()
    assert send() == 1
    message = smtp_server.inbox.to(READER)[-1]
    assert "Tòa soạn đã trả lời" in body(message) and "tòa soạn đã ghi nhận" in body(message)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_pick_mails_the_reader_and_a_pick_of_a_hidden_comment_does_not(smtp_app, smtp_server, make_comment,
                                                                         mail_clock):
    picked = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    send()  # "published"
    mail_clock.advance(minutes=11)
    notifications.comment_picked(picked)
    db.session.commit()
    assert send() == 1
    assert "bình luận nổi bật" in smtp_server.inbox.to(READER)[-1]["Subject"]
    pending = make_comment(email=READER, notify=True)
    assert notifications.comment_picked(pending) is None


def test_an_expired_confirmation_link_confirms_nothing_and_a_new_opt_in_mails_a_new_one(smtp_app, smtp_server,
                                                                                        make_comment, mail_clock):
    from moderation.errors import ServiceError
    make_comment(email=READER, notify=True)
    send()
    token = confirm_link(smtp_server.inbox.to(READER)[-1])
    mail_clock.advance(days=7, seconds=1)
    with pytest.raises(ServiceError) as refused:
        notifications.confirm(token)
    assert refused.value.status == 410
    make_comment(email=READER, notify=True)
    assert send() == 1
    notifications.confirm(confirm_link(smtp_server.inbox.to(READER)[-1]))
    with pytest.raises(ServiceError):
        notifications.confirm(token)  # the older link stays void


def test_a_readers_erasure_forgets_their_consent_and_queued_mail(smtp_app, smtp_server, make_comment, mail_clock):
    from moderation.core.emails import hash_email
    from moderation.models import ReaderSubscription
    from moderation.services.readers import erase
    first, second = opt_in(make_comment, smtp_server), make_comment(email=READER, notify=True)
    mail_clock.advance(minutes=11)
    transition(first.id, "approve")
    send()
    transition(second.id, "approve")  # queued behind the ten minutes
    erase(READER, site="default", mode="anonymize", actor=None, email_hash=lambda e: hash_email(e, "k"))
    assert db.session.query(ReaderSubscription).count() == 0
    assert all(row.recipient == "" for row in db.session.query(OutboxMail))
    mail_clock.advance(minutes=30)
    assert send() == 0


def test_a_post_moderated_reply_published_at_once_mails_the_parent_author(smtp_app, smtp_server, make_comment,
                                                                          mail_clock):
    from moderation.services.settings import update_site_defaults
    parent = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    update_site_defaults(actor=None, moderation="post")
    mail_clock.advance(minutes=11)
    reply = make_comment(parent_id=str(parent.id), author="Lê Văn Cường")
    assert reply.status == Status.APPROVED
    assert send() == 1
    assert f"#c{reply.id}" in body(smtp_server.inbox.to(READER)[-1])


def test_picking_through_the_queue_service_mails_the_reader_once(smtp_app, smtp_server, make_comment, mail_clock):
    from moderation.services.accounts import create_moderator
    from moderation.services.picks import feature
    editor = create_moderator("bientap", "mat-khau-dai", "moderator", actor=None)
    picked = opt_in(make_comment, smtp_server, status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    send()  # "published"
    mail_clock.advance(minutes=11)
    feature(picked.id, moderator_id=editor.id)
    feature(picked.id, moderator_id=editor.id)  # already a pick: nothing more
    assert send() == 1
    assert "bình luận nổi bật" in smtp_server.inbox.to(READER)[-1]["Subject"]


def test_a_newsroom_reply_from_the_queue_mails_the_reader_it_answers_even_under_a_reply(smtp_app, smtp_server,
                                                                                        make_comment, mail_clock):
    from moderation.services.accounts import create_moderator
    from moderation.services.newsroom import reply_as_newsroom
    editor = create_moderator("toasoan", "mat-khau-dai", "moderator", actor=None)
    top = make_comment(email="nguoi.khac@example.vn", status=Status.APPROVED)
    answered = opt_in(make_comment, smtp_server, parent_id=str(top.id), status=Status.APPROVED)
    mail_clock.advance(minutes=11)
    send()  # "published"
    mail_clock.advance(minutes=11)
    reply_as_newsroom(answered.id, "Cảm ơn bạn, tòa soạn đã ghi nhận.", moderator_id=editor.id)
    assert send() == 1
    assert "tòa soạn đã ghi nhận" in body(smtp_server.inbox.to(READER)[-1])
