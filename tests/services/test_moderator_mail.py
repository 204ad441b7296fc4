"""Moderators' alerts and daily digests: thresholds, the hourly rule, the digest's content."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import AuditEntry, MailKind, OutboxMail, SiteSetting, Status
from moderation.services import moderator_mail
from moderation.services.accounts import create_moderator
from moderation.services.decisions import transition
from tests.factories import make_site


@pytest.fixture
def make_comment(mail_app):
    from tests.factories import make_comment as factory
    return factory


@pytest.fixture
def moderator(mail_app):
    account = create_moderator("bientap", "mat-khau-dai", "moderator", actor=None)
    return moderator_mail.set_mail(account, "BienTap@Example.vn", "alerts", actor=None)


def mails(kind):
    db.session.expire_all()
    return db.session.execute(select(OutboxMail).where(OutboxMail.kind == kind).order_by(OutboxMail.id)).scalars().all()


def backdate(comment, minutes, clock):
    comment.created_at = clock.now - timedelta(minutes=minutes)
    db.session.commit()


def test_the_address_is_stored_normalized_and_an_alert_needs_one(moderator):
    from moderation.errors import ServiceError
    assert moderator.email == "bientap@example.vn"
    with pytest.raises(ServiceError) as refused:
        moderator_mail.set_mail(moderator, "", "digest", actor=None)
    assert "email" in refused.value.fields


def test_no_alert_while_the_queue_is_young_and_short(moderator, make_comment, mail_clock):
    backdate(make_comment(), 59, mail_clock)
    assert moderator_mail.check() == 0


def test_a_comment_pending_longer_than_t_minutes_alerts_once_an_hour_and_only_when_newer_ones_came(
        moderator, make_comment, mail_clock):
    backdate(make_comment(), 61, mail_clock)
    assert moderator_mail.check() == 1
    [alert] = mails(MailKind.ALERT)
    assert alert.recipient == "bientap@example.vn"
    assert "https://binhluan.example.vn/moderation/?site=default" in alert.body_text
    assert "approve" not in alert.body_text and "/approve" not in (alert.body_html or "")
    mail_clock.advance(minutes=30)
    make_comment()
    assert moderator_mail.check() == 0  # within the hour
    mail_clock.advance(minutes=31)
    assert moderator_mail.check() == 1  # an hour later, and a newer comment arrived
    mail_clock.advance(hours=2)
    assert moderator_mail.check() == 0  # still holding, but nothing newer


def test_more_than_n_pending_alerts_with_the_site_setting_of_n(moderator, make_comment, mail_clock):
    db.session.add(SiteSetting(site_id=1, key="alert_pending_count", value="2"))
    db.session.commit()
    make_comment(), make_comment()
    assert moderator_mail.check() == 0
    make_comment()
    assert moderator_mail.check() == 1


def test_an_alert_covers_only_the_sites_the_moderator_acts_on(moderator, make_comment, mail_clock):
    make_site("truong-a")
    from moderation.services.sites import site_id
    backdate(make_comment(site_id=site_id("truong-a")), 120, mail_clock)
    assert moderator_mail.check() == 0


def test_the_daily_digest_lists_pending_oldest_decided_yesterday_and_most_reported(moderator, make_comment,
                                                                                  mail_clock):
    from moderation.services.threads import report_comment
    moderator_mail.set_mail(moderator, moderator.email, "digest", actor=None)
    mail_clock.now = mail_clock.now.replace(hour=0)  # 07:00 in Hà Nội
    approved = make_comment()
    transition(approved.id, "approve", moderator_id=moderator.id)
    db.session.execute(db.update(AuditEntry).values(created_at=mail_clock.now - timedelta(hours=10)))  # 21:00 yesterday
    reported = make_comment(status=Status.APPROVED)
    for n in range(3):
        report_comment(reported.id, "Spam", f"ip-report-{n}")
    backdate(make_comment(), 90, mail_clock)
    assert moderator_mail.check() == 1
    [digest] = mails(MailKind.DIGEST)
    text = digest.body_text
    assert "Chờ duyệt: 1" in text and "cũ nhất gửi lúc" in text
    assert "Đã xử lý hôm qua: 1" in text
    assert f"Bị báo cáo 3 lần: #{reported.id}" in text
    assert "https://binhluan.example.vn/moderation/?site=default" in text
    assert moderator_mail.check() == 0  # once a day
    mail_clock.advance(days=1)
    assert moderator_mail.check() == 1
