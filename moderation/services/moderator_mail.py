"""Moderators' mail: alerts when a queue waits too long or grows too big, and a daily digest.

Contract
- ``set_mail(moderator, email, preference, actor=)``: the account's address and what it wants
  (none, alerts, daily digest); audited without the address itself.
- ``check(at)`` is the worker's periodic step. Per moderator with alerts on: a site they act on
  "holds" when its oldest pending comment waited more than T minutes (site setting
  ``alert_pending_minutes``, default 60) or more than N comments are pending
  (``alert_pending_count``, default 50). The first time it holds they get an alert at once;
  then at most one an hour while it holds, and only if a newer comment arrived since the last
  alert (``alerted_comment_id``). With the digest on: one mail a local day, from DIGEST_HOUR,
  listing per site the pending total, the oldest pending, the decisions of yesterday and the
  most reported comments.
- The state moves by a conditional UPDATE on the moderator's row, so two workers checking at
  once mail once. Mails link to the queue filtered to the site; they never carry an action.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from flask import current_app
from sqlalchemy import func, select

from moderation import messages
from moderation.core.emails import normalize_email
from moderation.core.states import Action, MailKind, MailPreference, Status, Target
from moderation.core.times import VIETNAM
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import AuditEntry, Comment, Moderator, Site
from moderation.services import audit, mail_content, outbox
from moderation.services.sites import granted_site_ids, site_setting

ALERT_EVERY = timedelta(hours=1)
DEFAULT_MINUTES, DEFAULT_COUNT = 60, 50
# The largest thresholds a site may set (the CLI's and the sites page's ranges): a week, and 100,000 comments.
MAX_MINUTES, MAX_COUNT = 7 * 24 * 60, 100_000
DIGEST_HOUR = 7
DECISIONS = (Action.APPROVE, Action.REJECT, Action.UNAPPROVE, Action.EDIT)


def set_mail(moderator, email, preference, *, actor):
    fields = {}
    try:
        preference = MailPreference(preference)
    except ValueError:
        fields["mail_preference"] = messages.FIELDS["mail_preference"]
    email = (email or "").strip()
    if email:
        try:
            email = normalize_email(email)
        except ValueError:
            fields["email"] = messages.FIELDS["email"]
    elif preference in (MailPreference.ALERTS, MailPreference.DIGEST):
        fields["email"] = messages.FIELDS["notify_email"]
    if fields:
        raise ServiceError("validation", 400, fields)
    if (moderator.email, moderator.mail_preference) != (email or None, preference):
        audit.record(actor, Action.ACCOUNT_MAIL, Target.ACCOUNT, moderator.id,
                     details={"moderator": moderator.username, "preference": preference.value,
                              "email_set": bool(email)})
        moderator.email, moderator.mail_preference = email or None, preference
    db.session.commit()
    return moderator


@dataclass(frozen=True)
class SiteQueue:
    site: Site
    pending: int
    oldest_at: datetime | None
    newest_id: int | None

    @property
    def link(self):
        return mail_content.public_url(f"/moderation/?site={self.site.slug}")


def _queues(site_ids):
    query = select(Comment.site_id, func.count(), func.min(Comment.created_at), func.max(Comment.id)) \
        .where(Comment.status == Status.PENDING).group_by(Comment.site_id)
    if site_ids is not None:
        query = query.where(Comment.site_id.in_(site_ids))
    rows = db.session.execute(query).all()
    return [SiteQueue(db.session.get(Site, site_id), count, _aware(oldest), newest)
            for site_id, count, oldest, newest in rows]


def _aware(moment):
    # An aggregate of a UTC column comes back naive on SQLite.
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def _threshold(site_id, key, default):
    value = site_setting(site_id, key)
    return int(value) if value and value.isdigit() else default


def holds(queue, at):
    minutes = _threshold(queue.site.id, "alert_pending_minutes", DEFAULT_MINUTES)
    count = _threshold(queue.site.id, "alert_pending_count", DEFAULT_COUNT)
    return queue.pending > count or (queue.oldest_at is not None and at - queue.oldest_at > timedelta(minutes=minutes))


def _moderators(preference):
    return db.session.execute(select(Moderator).where(Moderator.mail_preference == preference,
                                                      Moderator.active.is_(True),
                                                      Moderator.email.is_not(None))).scalars().all()


def _moved(moderator, column, old, new):
    """Move one piece of the moderator's mail state from ``old`` to ``new``; False when a rival did first."""
    values = {column: new} if not isinstance(new, dict) else new
    result = db.session.execute(db.update(Moderator).where(Moderator.id == moderator.id,
                                                           getattr(Moderator, column).is_(None) if old is None
                                                           else getattr(Moderator, column) == old)
                                .values(**values).execution_options(synchronize_session=False))
    return result.rowcount == 1


def _alert(moderator, at):
    holding = [queue for queue in _queues(granted_site_ids(moderator)) if holds(queue, at)]
    if not holding:
        return False
    newest = max(queue.newest_id for queue in holding)
    if moderator.alerted_at is not None and (at - moderator.alerted_at < ALERT_EVERY
                                             or newest <= (moderator.alerted_comment_id or 0)):
        return False
    if not _moved(moderator, "alerted_at", moderator.alerted_at, {"alerted_at": at, "alerted_comment_id": newest}):
        return False
    mail = mail_content.render("alert", queues=holding, at=at)
    outbox.add(MailKind.ALERT, moderator.email, mail, due_at=at)
    return True


def _digest_sites(moderator, at):
    today = at.astimezone(VIETNAM).date()
    start = datetime.combine(today - timedelta(days=1), time(), VIETNAM)
    scope = granted_site_ids(moderator)
    sites = db.session.execute(select(Site).order_by(Site.id)).scalars().all()
    queues = {queue.site.id: queue for queue in _queues(scope)}
    result = []
    for site in sites:
        if scope is not None and site.id not in scope:
            continue
        decided = db.session.execute(select(func.count()).select_from(AuditEntry).join(
            Comment, Comment.id == AuditEntry.comment_id).where(
            Comment.site_id == site.id, AuditEntry.action.in_(DECISIONS), AuditEntry.moderator_id.is_not(None),
            AuditEntry.created_at >= start, AuditEntry.created_at < start + timedelta(days=1))).scalar()
        reported = db.session.execute(select(Comment).where(Comment.site_id == site.id, Comment.report_count > 0)
                                      .order_by(Comment.report_count.desc(), Comment.id).limit(3)).scalars().all()
        queue = queues.get(site.id) or SiteQueue(site, 0, None, None)
        result.append({"queue": queue, "decided": decided,
                       "reported": [{"count": c.report_count, "quote": mail_content.quote(c), "id": c.id}
                                    for c in reported]})
    return result


def _digest(moderator, at):
    local = at.astimezone(VIETNAM)
    today = local.date().isoformat()
    if local.hour < DIGEST_HOUR or moderator.digest_date == today:
        return False
    if not _moved(moderator, "digest_date", moderator.digest_date, today):
        return False
    mail = mail_content.render("digest", sites=_digest_sites(moderator, at), day=local.date() - timedelta(days=1))
    outbox.add(MailKind.DIGEST, moderator.email, mail, due_at=at)
    return True


def check(at=None):
    """The periodic step: queue the alerts and digests due at ``at``; the number queued."""
    if current_app.config.get("MAIL_BACKEND") is None:
        return 0
    at = at or outbox.now()
    queued = sum(_alert(moderator, at) for moderator in _moderators(MailPreference.ALERTS))
    queued += sum(_digest(moderator, at) for moderator in _moderators(MailPreference.DIGEST))
    db.session.commit()
    return queued
