"""The outbox against a real SMTP server: nothing lost, nothing twice."""
import threading

import pytest
from sqlalchemy import select

from moderation.extensions import db
from moderation.models import MailKind, MailState, OutboxMail
from moderation.services import mail_content, outbox


def queue(count, recipient="doc.gia{}@example.vn"):
    for n in range(count):
        outbox.add(MailKind.ALERT, recipient.format(n), mail_content.Mail(f"Thư số {n}", f"Nội dung {n}", ""))
    db.session.commit()


def rows():
    db.session.expire_all()
    return db.session.execute(select(OutboxMail).order_by(OutboxMail.id)).scalars().all()


def test_mail_queued_while_the_smtp_server_is_down_arrives_exactly_once_when_it_is_back(smtp_app, smtp_server,
                                                                                     mail_clock):
    smtp_server.stop()
    queue(3)
    assert outbox.run_once() == 0
    assert all(row.state == MailState.QUEUED and row.attempts == 1 and row.last_error for row in rows())
    queue(2, "ban.doc{}@example.vn")
    mail_clock.advance(seconds=30)
    assert outbox.run_once() == 0  # the first three wait a minute; the new two fail once too
    smtp_server.start()
    mail_clock.advance(minutes=1)
    assert outbox.run_once() == 5
    mail_clock.advance(hours=13)
    assert outbox.run_once() == 0
    subjects = sorted(m["Subject"] for m in smtp_server.inbox.messages)
    assert subjects == sorted(["Thư số 0", "Thư số 1", "Thư số 2", "Thư số 0", "Thư số 1"])
    assert len({m["Message-ID"] for m in smtp_server.inbox.messages}) == 5


def test_a_refused_mail_is_retried_after_1_5_30_minutes_2_and_12_hours_then_failed_with_the_answer(
        smtp_app, smtp_server, mail_clock):
    smtp_server.inbox.refuse = "550 5.1.1 Hộp thư không tồn tại"
    queue(1)
    start = mail_clock.now
    waits = []
    for _ in range(6):
        outbox.run_once()
        [row] = rows()
        if row.state == MailState.FAILED:
            break
        waits.append(round((row.due_at - mail_clock.now).total_seconds() / 60))
        mail_clock.now = row.due_at
    assert waits == [1, 5, 30, 120, 720]
    [row] = rows()
    assert row.state == MailState.FAILED and row.attempts == 6 and row.last_error.startswith("550")
    assert mail_clock.now - start > outbox.BACKOFF[-1]


def test_a_worker_killed_mid_send_leaves_the_row_to_be_sent_once_after_its_lease(smtp_app, smtp_server, mail_clock):
    queue(1)
    claimed = outbox.claim_next(mail_clock.now)  # ...and the worker dies before sending
    assert claimed and outbox.claim_next(mail_clock.now) is None
    mail_clock.advance(minutes=4)
    assert outbox.run_once() == 0
    mail_clock.advance(minutes=2)
    assert outbox.run_once() == 1 and outbox.run_once() == 0
    assert len(smtp_server.inbox.messages) == 1


@pytest.mark.postgresql
def test_two_workers_on_postgresql_never_send_the_same_row_twice(smtp_app, smtp_server, mail_clock):
    queue(40)
    sent, errors = [], []

    def worker():
        with smtp_app.app_context():
            try:
                sent.append(outbox.run_once(mail_clock.now))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and sum(sent) == 40
    assert sorted(m["To"] for m in smtp_server.inbox.messages) == sorted(f"doc.gia{n}@example.vn" for n in range(40))
    assert all(row.state == MailState.SENT for row in rows())
