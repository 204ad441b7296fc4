"""Readers' e-mail: opt-in with confirmation, then mail only about what every reader can see.

Contract
- ``comment_submitted(comment, notify)`` runs inside the submission's transaction. A ticked
  "notify" watches the comment; the first opt-in of an address on a site queues the one
  confirmation mail (again only once the last one's link expired, or after an unsubscribe, which
  a new opt-in undoes only through a new confirmation). A comment published at once
  (post-moderation) is an event there and then.
- ``comment_published``, ``reply_published``, ``newsroom_reply`` and ``comment_picked`` add outbox
  rows to the CALLER's transaction and never commit: a rolled-back decision mails nothing, a
  committed one always will. Nothing is queued for an unconfirmed or unsubscribed address, so
  nothing that happened before a confirmation is mailed after it. A reply by the same address
  as the comment it answers, and a pending reply, mail nothing.
- Tokens are itsdangerous signatures, one salt per purpose. A confirmation token names the
  subscription and the moment its mail was asked for, and lasts 7 days. An unsubscribe token
  names the subscription and does not expire: a mail read months later must still stop the next
  one (Gmail and Yahoo test the RFC 8058 link long after sending), and it can do nothing else.
- Pacing (one mail per recipient per 10 minutes, 20 a day) is applied by the worker at send time
  (services/outbox.py), so these rows stay insert-only and nothing a caller writes races a send.
- With notifications off (production without MAIL_SERVER) nothing is queued at all.
"""
from datetime import timedelta

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from moderation import messages
from moderation.core.emails import hash_email
from moderation.core.states import Action, MailKind, MailState, ReaderEvent, Target
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Comment, CommentWatch, OutboxMail, ReaderSubscription, Site, Status
from moderation.services import audit, mail_content, outbox

CONFIRM_MAX_AGE = timedelta(days=7)
CONFIRM, UNSUBSCRIBE = "notifications-confirm", "notifications-unsubscribe"
TRUE, FALSE = {"1", "true", "on", "y", "yes"}, {"", "0", "false", "off", "n", "no"}


def enabled():
    return current_app.config.get("MAIL_BACKEND") is not None


def parse_notify(value, email, fields):
    """The submission's ``notify`` as a bool; a wish to be told needs an address (400 on ``email``)."""
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        value = value.strip().lower() in TRUE
    if value is None:
        value = False
    if not isinstance(value, bool):
        fields["notify"] = messages.FIELDS["boolean"]
        return False
    if value and not email:
        fields.setdefault("email", messages.FIELDS["notify_email"])
    return value


class _Signer(TimestampSigner):
    """Signs with the outbox's clock, so a test moves a link's age the way it moves the mail's."""

    def get_timestamp(self):
        return int(outbox.now().timestamp())


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose, signer=_Signer)


def confirm_token(subscription):
    return _serializer(CONFIRM).dumps([subscription.id, int(subscription.confirm_sent_at.timestamp())])


def unsubscribe_token(subscription):
    return _serializer(UNSUBSCRIBE).dumps(subscription.id)


def unsubscribe_link(subscription):
    return mail_content.public_url(f"/notifications/unsubscribe/{unsubscribe_token(subscription)}")


def _load(token, purpose):
    """The subscription a token names, or ServiceError: 410 when expired or superseded, 404 when forged."""
    try:
        if purpose == CONFIRM:
            value = _serializer(CONFIRM).loads(token, max_age=int(CONFIRM_MAX_AGE.total_seconds()))
            subscription_id, asked = value
        else:
            subscription_id, asked = _serializer(UNSUBSCRIBE).loads(token), None
    except SignatureExpired:
        raise ServiceError("link_expired", 410) from None
    except (BadSignature, TypeError, ValueError):
        raise ServiceError("not_found", 404) from None
    subscription = db.session.get(ReaderSubscription, subscription_id) if isinstance(subscription_id, int) else None
    if subscription is None:
        raise ServiceError("not_found", 404)
    # A confirmation link dies with a newer one, and with an unsubscribe (a new opt-in mails a new one).
    if asked is not None and (subscription.confirm_sent_at is None or subscription.unsubscribed_at is not None
                              or int(subscription.confirm_sent_at.timestamp()) != asked):
        raise ServiceError("link_expired", 410)
    return subscription


def check_confirm(token):
    """The subscription a confirmation link is for (the GET page shows it before the POST acts)."""
    return _load(token, CONFIRM)


def site_name(subscription):
    return db.session.get(Site, subscription.site_id).name


def check_unsubscribe(token):
    return _load(token, UNSUBSCRIBE)


def _record(action, subscription):
    audit.record(None, action, Target.READER, hash_email(subscription.email, current_app.config["SECRET_KEY"]),
                 details={"site_id": subscription.site_id})


def confirm(token):
    """Confirm the address (idempotent: a second click changes nothing); audited with a keyed hash."""
    subscription = _load(token, CONFIRM)
    if subscription.confirmed_at is None and subscription.unsubscribed_at is None:
        subscription.confirmed_at = outbox.now()
        _record(Action.NOTIFY_CONFIRM, subscription)
    db.session.commit()
    return subscription


def unsubscribe(token):
    """Stop every notification of that site to that address, queued ones included (the worker
    skips them); audited with a keyed hash. Idempotent."""
    subscription = _load(token, UNSUBSCRIBE)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = outbox.now()
        _record(Action.NOTIFY_UNSUBSCRIBE, subscription)
    db.session.commit()
    return subscription


def _subscription(site_id, email):
    subscription = db.session.execute(select(ReaderSubscription).where(
        ReaderSubscription.site_id == site_id, ReaderSubscription.email == email)).scalar_one_or_none()
    if subscription is None:
        outbox.insert_ignoring_conflict(ReaderSubscription, ["site_id", "email"],
                                        {"site_id": site_id, "email": email, "created_at": outbox.now()})
        subscription = db.session.execute(select(ReaderSubscription).where(
            ReaderSubscription.site_id == site_id, ReaderSubscription.email == email)).scalar_one()
    return subscription


def _ask_confirmation(subscription, now):
    if subscription.unsubscribed_at is not None:
        # A new opt-in after an unsubscribe is a new consent: confirmed again before anything is sent.
        subscription.unsubscribed_at = subscription.confirmed_at = subscription.confirm_sent_at = None
    if subscription.confirmed_at is not None:
        return
    if subscription.confirm_sent_at is not None and now - subscription.confirm_sent_at < CONFIRM_MAX_AGE:
        return
    subscription.confirm_sent_at = now.replace(microsecond=0)
    site = db.session.get(Site, subscription.site_id)
    link = mail_content.public_url(f"/notifications/confirm/{confirm_token(subscription)}")
    mail = mail_content.render("confirm", site_name=site.name, confirm_link=link)
    outbox.add(MailKind.CONFIRM, subscription.email, mail, site_id=subscription.site_id,
               subscription_id=subscription.id, due_at=now)


def comment_submitted(comment, notify):
    """In the submission's transaction, before its commit: watch, ask for confirmation, and tell
    of a comment published at once."""
    if notify and comment.email and enabled():
        db.session.flush()
        subscription = _subscription(comment.site_id, comment.email)
        db.session.add(CommentWatch(comment_id=comment.id, subscription_id=subscription.id))
        _ask_confirmation(subscription, outbox.now())
        db.session.flush()
    if comment.status == Status.APPROVED:
        db.session.flush()
        comment_published(comment)
        reply_published(comment)


def _watcher(comment_id):
    """The confirmed, still subscribed subscription watching the comment, or None."""
    return db.session.execute(
        select(ReaderSubscription).join(CommentWatch, CommentWatch.subscription_id == ReaderSubscription.id)
        .where(CommentWatch.comment_id == comment_id, ReaderSubscription.confirmed_at.is_not(None),
               ReaderSubscription.unsubscribed_at.is_(None))).scalar_one_or_none()


def _visible(comment):
    # Read in the transaction: a caller's conditional UPDATE leaves the loaded object's status stale.
    return db.session.execute(select(Comment.status).where(Comment.id == comment.id)).scalar() == Status.APPROVED


def _told(subscription, event, about):
    """Whether this event was already queued (an approval undone and made again tells once)."""
    return db.session.execute(select(OutboxMail.id).where(
        OutboxMail.subscription_id == subscription.id, OutboxMail.event == event, OutboxMail.comment_id == about.id,
        OutboxMail.state != MailState.SKIPPED).limit(1)).first() is not None


def _event(watched_id, event, about):
    # The watcher first: most comments have none, and then this costs one indexed lookup.
    if not enabled():
        return None
    subscription = _watcher(watched_id)
    if subscription is None or not _visible(about) or _told(subscription, event, about):
        return None
    row = OutboxMail(kind=MailKind.READER, event=event, recipient=subscription.email, site_id=subscription.site_id,
                     subscription_id=subscription.id, comment_id=about.id, due_at=outbox.now())
    db.session.add(row)
    return row


def comment_published(comment):
    """The author's own comment was approved (or published at once): tell them, if they asked."""
    return _event(comment.id, ReaderEvent.PUBLISHED, comment)


def _parent(reply):
    return db.session.get(Comment, reply.parent_id) if reply.parent_id else None


def reply_published(reply):
    """An approved reader reply: tell the author of the comment it answers, unless it is theirs.
    A newsroom reply is ``newsroom_reply``'s to tell."""
    parent = _parent(reply)
    if parent is None or reply.staff_id is not None or (reply.email and reply.email == parent.email):
        return None
    return _event(parent.id, ReaderEvent.REPLY, reply)


def newsroom_reply(reply, answered=None):
    """A newsroom reply ("Tòa soạn") to a reader's comment, once visible. ``answered`` is the comment
    the newsroom answered when it is itself a reply (the newsroom's reply hangs under its top-level
    comment, as every reply does, but its author is the one to tell)."""
    watched = answered or _parent(reply)
    if watched is None:
        return None
    return _event(watched.id, ReaderEvent.NEWSROOM_REPLY, reply)


def comment_picked(comment):
    """The reader's comment became a pick ("bình luận nổi bật")."""
    return _event(comment.id, ReaderEvent.PICKED, comment)


def forget(email, site_id):
    """A reader's erasure (services/readers.erase): their consent, watches and queued mail go, and
    the mail already sent keeps no address. In the caller's transaction."""
    ids = select(ReaderSubscription.id).where(ReaderSubscription.site_id == site_id, ReaderSubscription.email == email)
    mine = OutboxMail.subscription_id.in_(ids)
    db.session.execute(db.update(OutboxMail).where(mine, OutboxMail.state == MailState.QUEUED)
                       .values(state=MailState.SKIPPED).execution_options(synchronize_session=False))
    db.session.execute(db.update(OutboxMail).where(mine).values(recipient="", subscription_id=None, body_text=None,
                                                                 body_html=None)
                       .execution_options(synchronize_session=False))
    db.session.execute(db.delete(CommentWatch).where(CommentWatch.subscription_id.in_(ids))
                       .execution_options(synchronize_session=False))
    db.session.execute(db.delete(ReaderSubscription).where(ReaderSubscription.site_id == site_id,
                                                           ReaderSubscription.email == email)
                       .execution_options(synchronize_session=False))


def reader_mail(subscription, rows):
    """The one mail a recipient's due events make, or None when none is still to tell
    (unsubscribed since, or every comment left the page)."""
    if subscription is None or subscription.unsubscribed_at is not None or subscription.confirmed_at is None:
        return None
    rows = [row for row in rows if row.comment is not None and row.comment.status == Status.APPROVED]
    if not rows:
        return None
    site = db.session.get(Site, subscription.site_id)
    link = unsubscribe_link(subscription)
    mail = mail_content.render("reader", items=mail_content.reader_items(rows), site_name=site.name,
                               unsubscribe_link=link)
    return mail_content.with_unsubscribe(mail, link), rows
