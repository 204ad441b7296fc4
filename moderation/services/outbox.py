"""The outbox: every mail is a row written in its event's transaction, and a worker sends it.

Contract
- ``add`` puts a row in the caller's transaction; nothing here commits for a caller.
- ``run_once(now)`` sends every row due at ``now`` and returns how many mails went out. A row
  is claimed before it is sent: candidates are read with ``FOR UPDATE SKIP LOCKED`` on
  PostgreSQL (SQLite runs one writer at a time), then taken by a conditional UPDATE that sets a
  random ``claim`` and a lease, so two workers can never both take a row. A worker killed
  mid-send leaves the lease to expire (LEASE) and the row is sent again: at worst once more,
  never lost.
- A refusal or an unreachable server retries the row after 1, 5, 30 minutes, 2 and 12 hours,
  then marks it failed with the server's answer (the admin outbox page shows it).
- Reader events are paced per recipient (their subscription) at send time: when a mail went to
  them (or is going) less than PACE ago, their due rows wait until PACE after it and then go as
  one mail; after DAILY_CAP mails in a local day (Asia/Ho_Chi_Minh) the rest wait for the next
  day. Before a recipient's rows are claimed, their subscription row is locked (an UPDATE), so
  two workers cannot pace the same recipient at once.
- ``now()`` is the one clock of this module and of notifications: tests replace it.
"""
import smtplib
import uuid
from datetime import datetime, time, timedelta

from flask import current_app
from flask_mailman import EmailMultiAlternatives
from flask_mailman.message import make_msgid
from sqlalchemy import func, or_, select

from moderation.core.states import MailKind, MailState
from moderation.core.times import VIETNAM, utcnow
from moderation.extensions import db, mail as mailer
from moderation.models import OutboxMail, ReaderSubscription
from moderation.services.driver_sql import on_postgresql

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2),
           timedelta(hours=12))
LEASE = timedelta(minutes=5)
PACE = timedelta(minutes=10)
DAILY_CAP = 20


def now():
    return utcnow()


def add(kind, recipient, mail, *, site_id=None, subscription_id=None, due_at=None):
    """Queue a pre-rendered mail (``mail_content.Mail``) in the caller's transaction."""
    row = OutboxMail(kind=kind, recipient=recipient, site_id=site_id, subscription_id=subscription_id,
                     subject=mail.subject, body_text=mail.text, body_html=mail.html,
                     due_at=due_at or now())
    db.session.add(row)
    return row


def insert_ignoring_conflict(model, index_elements, values):
    """INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: two first opt-ins may race."""
    if on_postgresql():
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing(index_elements=index_elements))


def _claimable(at):
    return (OutboxMail.state == MailState.QUEUED, OutboxMail.due_at <= at,
            or_(OutboxMail.lease_until.is_(None), OutboxMail.lease_until < at))


def _candidate(at):
    query = select(OutboxMail.id, OutboxMail.kind, OutboxMail.subscription_id).where(*_claimable(at)) \
        .order_by(OutboxMail.due_at, OutboxMail.id).limit(1)
    if on_postgresql():
        query = query.with_for_update(skip_locked=True, of=OutboxMail)
    return db.session.execute(query).first()


def _take(ids, at):
    """The rows among ``ids`` this worker now holds, by a conditional UPDATE: a rival's claim wins or loses whole."""
    token = uuid.uuid4().hex
    db.session.execute(db.update(OutboxMail).where(OutboxMail.id.in_(ids), *_claimable(at))
                       .values(claim=token, claimed_at=at, lease_until=at + LEASE)
                       .execution_options(synchronize_session=False))
    db.session.commit()
    return list(db.session.execute(select(OutboxMail).where(OutboxMail.claim == token)
                                   .order_by(OutboxMail.id)).scalars())


def _local_midnight_after(at):
    day = at.astimezone(VIETNAM).date() + timedelta(days=1)
    return datetime.combine(day, time(), VIETNAM)


def _paced_until(subscription_id, at):
    """When this recipient may next get a mail, or None for at once."""
    rows = OutboxMail.subscription_id == subscription_id, OutboxMail.kind == MailKind.READER
    last = db.session.execute(select(func.max(OutboxMail.claimed_at)).where(
        *rows, or_(OutboxMail.state == MailState.SENT,
                   (OutboxMail.state == MailState.QUEUED) & (OutboxMail.lease_until >= at)))).scalar()
    if last is not None and last + PACE > at:
        return last + PACE
    midnight = datetime.combine(at.astimezone(VIETNAM).date(), time(), VIETNAM)
    sent_today = db.session.execute(select(func.count(func.distinct(OutboxMail.message_id))).where(
        *rows, OutboxMail.state == MailState.SENT, OutboxMail.sent_at >= midnight)).scalar()
    if sent_today >= DAILY_CAP:
        return _local_midnight_after(at)
    return None


def _claim_reader(subscription_id, at):
    # Locks the recipient (PostgreSQL: the row; SQLite: the database's one writer) until the commit in _take.
    db.session.execute(db.update(ReaderSubscription).where(ReaderSubscription.id == subscription_id)
                       .values(email=ReaderSubscription.email))
    due = [OutboxMail.subscription_id == subscription_id, OutboxMail.kind == MailKind.READER, *_claimable(at)]
    until = _paced_until(subscription_id, at)
    if until is not None:
        db.session.execute(db.update(OutboxMail).where(*due).values(due_at=until)
                           .execution_options(synchronize_session=False))
        db.session.commit()
        return []
    ids = list(db.session.execute(select(OutboxMail.id).where(*due)).scalars())
    return _take(ids, at)


def claim_next(at):
    """The rows of the next mail to send (one, or a recipient's events), claimed; None when nothing is due."""
    while True:
        candidate = _candidate(at)
        if candidate is None:
            db.session.commit()
            return None
        if candidate.kind == MailKind.READER and candidate.subscription_id is not None:
            db.session.commit()
            rows = _claim_reader(candidate.subscription_id, at)
        else:
            rows = _take([candidate.id], at)
        if rows:
            return rows


def _message(rows):
    """(EmailMultiAlternatives, rows it covers) or (None, rows to skip)."""
    from moderation.services import notifications

    first = rows[0]
    if first.kind == MailKind.READER:
        made = notifications.reader_mail(db.session.get(ReaderSubscription, first.subscription_id), rows)
        if made is None:
            return None, rows
        content, rows = made
        subject, text, html, headers = content.subject, content.text, content.html, content.headers
    else:
        subject, text, html, headers = first.subject, first.body_text, first.body_html, {}
    message = EmailMultiAlternatives(subject, text, to=[first.recipient],
                                     headers={**headers, "Message-ID": make_msgid(domain=_domain())})
    if html:
        message.attach_alternative(html, "text/html")
    return message, rows


def _domain():
    sender = current_app.config.get("MAIL_DEFAULT_SENDER") or ""
    return sender.rsplit("@", 1)[-1].strip("> ") if "@" in sender else "localhost"


def _answer(error):
    """The server's answer as an admin reads it: code and text, or what stopped the connection."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {text}"[:500]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(error.recipients.values()))
        return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


def _finish(rows, values):
    db.session.execute(db.update(OutboxMail).where(OutboxMail.id.in_([row.id for row in rows]))
                       .values(**values).execution_options(synchronize_session=False))


def _reset(connection):
    """Drop a connection that failed, so the next mail opens a fresh one."""
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        if hasattr(connection, "connection"):
            connection.connection = None


def deliver(rows, at, connection):
    """Send one claimed mail and record the outcome; True when it went out."""
    message, covered = _message(rows)
    skipped = [row for row in rows if row not in covered] if message is not None else rows
    if skipped:
        _finish(skipped, {"state": MailState.SKIPPED, "claim": None, "lease_until": None})
    if message is None:
        db.session.commit()
        return False
    message.connection = connection
    try:
        if getattr(connection, "connection", False) is None:  # SMTP only; the other backends hold none
            # One connection for the whole round: 24 mails/s against 18 with one per mail (bench/outbox.py).
            connection.open()
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        _reset(connection)
        attempts = rows[0].attempts + 1
        values = {"attempts": attempts, "claim": None, "lease_until": None, "last_error": _answer(error)}
        if attempts > len(BACKOFF):
            values["state"] = MailState.FAILED
        else:
            values["due_at"] = at + BACKOFF[attempts - 1]
        _finish(covered, values)
        db.session.commit()
        return False
    _finish(covered, {"state": MailState.SENT, "sent_at": at, "message_id": message.extra_headers["Message-ID"],
                      "lease_until": None})
    db.session.commit()
    return True


def overview(at=None, limit=50):
    """The admin page: how many are due now and later, what went out today (local day), what failed."""
    at = at or now()
    midnight = datetime.combine(at.astimezone(VIETNAM).date(), time(), VIETNAM)
    queued = OutboxMail.state == MailState.QUEUED
    count = lambda *where: db.session.execute(select(func.count()).select_from(OutboxMail).where(*where)).scalar()  # noqa: E731
    rows = lambda *where, order: db.session.execute(  # noqa: E731
        select(OutboxMail).where(*where).order_by(order).limit(limit)).scalars().all()
    return {
        "due": count(queued, OutboxMail.due_at <= at), "later": count(queued, OutboxMail.due_at > at),
        "sent_today": count(OutboxMail.state == MailState.SENT, OutboxMail.sent_at >= midnight),
        "queued": rows(queued, order=OutboxMail.due_at),
        "sent": rows(OutboxMail.state == MailState.SENT, OutboxMail.sent_at >= midnight, order=OutboxMail.sent_at.desc()),
        "failed": rows(OutboxMail.state == MailState.FAILED, order=OutboxMail.id.desc()),
    }


def abandon():
    """After a failed round: the session must not stay broken for the next one."""
    db.session.rollback()
    db.session.remove()


def run_once(at=None):
    """Send what is due at ``at`` (default: now); the number of mails sent."""
    at = at or now()
    sent = 0
    connection = mailer.get_connection()
    try:
        while (rows := claim_next(at)) is not None:
            sent += deliver(rows, at, connection)
    finally:
        _reset(connection)
    return sent
