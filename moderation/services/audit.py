"""The audit trail: one row for every write a person or the system makes, and its readers.

``record`` is the only writer. It adds the row to the caller's transaction, so an entry
exists exactly when its change was committed: a refused or rolled-back action leaves none.
The actor is a moderator (also when acting through an API token) or, as None, the system;
an automatic action names the rule that acted in ``reason`` and ``details``.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select

from moderation import messages
from moderation.core.ids import parse_id
from moderation.core.states import Action
from moderation.core.times import VIETNAM
from moderation.errors import ServiceError

from moderation.extensions import db
from moderation.core.states import Target
from moderation.core.text import normalize_line
from moderation.models import AuditEntry, Comment, Moderator
from moderation.services.paging import keyset_page


def actor_id(actor):
    """A Moderator, a moderator id or None (the system) as the stored ``moderator_id``."""
    return getattr(actor, "id", actor)


def clean_reason(reason):
    """A reason as stored: one normalized line (no NUL or other control character, which
    PostgreSQL's text columns refuse), at most 500 characters, or None when nothing is left."""
    return normalize_line(reason)[:500] or None if isinstance(reason, str) else None


def record(actor, action, target, target_id=None, *, comment_id=None, from_status=None, to_status=None,
           reason=None, details=None, site_id=None):
    """Add one entry to the current transaction (the caller commits it with its change).

    ``site_id``: the one site an entry not about a comment concerns (None: installation-wide);
    it decides which moderators read the entry."""
    target = Target(target)
    if target == Target.COMMENT and comment_id is None:
        comment_id = target_id
    entry = AuditEntry(moderator_id=actor_id(actor), action=action, target_kind=target,
                       target_id=None if target_id is None else str(target_id), comment_id=comment_id,
                       from_status=from_status, to_status=to_status, reason=clean_reason(reason),
                       details=details or {}, site_id=site_id)
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to list. ``actor`` is a username or ``SYSTEM``; dates are inclusive."""
    actor: str | None = None
    action: Action | None = None
    target: Target | None = None
    target_id: str | None = None
    comment_id: int | None = None
    moderator_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


SYSTEM = "system"


def _bad(name):
    return ServiceError("validation", 400, {name: messages.ERRORS["validation"]})


def _moment(value, name, end_of_day=False):
    """An ISO 8601 date or datetime; a bare date is that day in Vietnam (its end, for ``until``)."""
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime.combine(day, time.min, tzinfo=VIETNAM)
            return start + timedelta(days=1) - timedelta(microseconds=1) if end_of_day else start
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _bad(name) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def _id(value, name):
    parsed = parse_id(value)
    if parsed is None:
        raise _bad(name)
    return parsed


def parse_audit_query(args):
    """An AuditQuery from query-string values (``actor``, ``action``, ``target`` as ``kind`` or
    ``kind:id``, ``comment_id`` or ``comment``, ``moderator``, ``since``, ``until``); 400 naming a bad one."""
    def arg(name):
        return (args.get(name) or "").strip() or None

    values = {"actor": arg("actor")}
    if arg("action"):
        try:
            values["action"] = Action(arg("action"))
        except ValueError:
            raise _bad("action") from None
    if arg("target"):
        kind, _, target_id = arg("target").partition(":")
        try:
            values["target"] = Target(kind)
        except ValueError:
            raise _bad("target") from None
        values["target_id"] = target_id or None
    comment = arg("comment_id") or arg("comment")
    if comment:
        values["comment_id"] = _id(comment, "comment_id")
    if arg("moderator"):
        values["moderator_id"] = _id(arg("moderator"), "moderator")
    if arg("since"):
        values["since"] = _moment(arg("since"), "since")
    if arg("until"):
        values["until"] = _moment(arg("until"), "until", end_of_day=True)
    return AuditQuery(**values)


def _conditions(query):
    conditions = []
    if query.actor == SYSTEM:
        conditions.append(AuditEntry.moderator_id.is_(None))
    elif query.actor:
        conditions.append(AuditEntry.moderator_id == select(Moderator.id).where(
            Moderator.username == query.actor).scalar_subquery())
    if query.moderator_id is not None:
        conditions.append(AuditEntry.moderator_id == query.moderator_id)
    if query.action is not None:
        conditions.append(AuditEntry.action == query.action)
    if query.target is not None:
        conditions.append(AuditEntry.target_kind == query.target)
    if query.target_id is not None:
        conditions.append(AuditEntry.target_id == query.target_id)
    if query.comment_id is not None:
        conditions.append(AuditEntry.comment_id == query.comment_id)
    if query.since is not None:
        conditions.append(AuditEntry.created_at >= query.since)
    if query.until is not None:
        conditions.append(AuditEntry.created_at <= query.until)
    return conditions


def audit_log(query=AuditQuery(), limit=50, cursor=None, sites=None):
    """(entries, next_cursor or None), newest first, keyset-paged like every listing.

    ``sites`` (the reader's granted site ids; None for an admin): entries about other sites
    (their comments, settings, grants, word lists, bans, articles) are left out, as if they did
    not exist; installation-wide entries stay.
    """
    statement = select(AuditEntry).where(*_conditions(query))
    if sites is not None:
        granted = sorted(sites)
        statement = statement.where(or_(
            and_(AuditEntry.comment_id.is_(None), or_(AuditEntry.site_id.is_(None), AuditEntry.site_id.in_(granted))),
            AuditEntry.comment_id.in_(select(Comment.id).where(Comment.site_id.in_(granted)))))
    return keyset_page(db.session, statement, AuditEntry.created_at, AuditEntry.id, limit=limit, cursor=cursor,
                       newest_first=True, order="audit")


def moderator_choices():
    """[(id, username)] of every moderator, for the log's actor filter."""
    return db.session.execute(select(Moderator.id, Moderator.username).order_by(Moderator.username)).all()


def find_comment(comment_id, sites=None):
    """The comment a log is filtered on; None for none, or for another site's (``sites``: see audit_log)."""
    comment = db.session.get(Comment, comment_id) if comment_id is not None else None
    if comment is not None and sites is not None and comment.site_id not in sites:
        return None
    return comment
