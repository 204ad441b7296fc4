"""Reader actions: submit a comment. Called by the JSON API, the HTML form and the tests.

A submission is validated, normalized, rendered to HTML once, screened for spam
signals, and committed before it is acknowledged. Retries (same Idempotency-Key, or
the same body from the same address on the same article within minutes) get the
first answer back and create nothing.
"""
import functools
import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, bindparam, or_, select, true
from sqlalchemy.exc import IntegrityError

from moderation import messages
from moderation.services.articles import (ARTICLE_COLUMNS, SettingsInEffect, accepts_unregistered, article_for_comment,
                                          article_row, comments_open, effective_moderation, reader_article_fields)
from moderation.services.bans import bans_of
from moderation.services.driver_sql import Prepared, PreparedInsert, core
from moderation.services.indexhints import indexed_by
from moderation.services.wordlists import VERSION_KEY
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Action, Article, AuditEntry, Comment, Moderation, Status, utcnow
from moderation.core.emails import normalize_email
from moderation.core.states import Target
from moderation.services import audit, notifications
from moderation.services.counts import adjust_approved
from moderation.core.spam import HONEYPOT_FIELD, Signals, as_told, friction_flags, holds, is_trapped
from moderation.core.ids import parse_id
from moderation.core.urls import well_formed
from moderation.core.text import fingerprint_of, normalize, normalize_line, render_html


@dataclass(frozen=True)
class Policy:
    """The settings a submission is judged by, taken from the app config by the caller."""
    secret: str
    max_length: int = 3000
    max_links: int = 2
    min_seconds: int = 3
    duplicate_window: int = 600
    allowed_origins: tuple = ()

    @classmethod
    def from_config(cls, config, origins=None):
        """The policy of the site whose accepted article URLs are ``origins`` (the default site's,
        ``ALLOWED_ORIGINS``, when not given)."""
        return cls(secret=config["SECRET_KEY"], max_length=config["COMMENT_MAX_LENGTH"],
                   max_links=config["COMMENT_MAX_LINKS"], min_seconds=config["COMMENT_MIN_SECONDS"],
                   duplicate_window=config["DUPLICATE_WINDOW_SECONDS"],
                   allowed_origins=tuple(config["ALLOWED_ORIGINS"] if origins is None else origins))


@dataclass(frozen=True)
class Receipt:
    """What the submitter is told. ``status`` is what they see, which traps disguise.

    It holds the comment's id, not the row: the API answers with the id alone, so nothing is
    read back after the commit; ``comment`` reads the row for the callers that want more.
    ``retry``: the answer to an Idempotency-Key already stored, which the limits exempt.
    """
    comment_id: int
    status: Status
    created: bool
    retry: bool = False

    @property
    def comment(self):
        return db.session.get(Comment, self.comment_id)

    @property
    def message(self):
        if self.status == Status.APPROVED:
            return messages.PUBLISHED
        if self.status == Status.REJECTED:
            return messages.REFUSED
        return messages.PENDING

    def answer(self):
        """The JSON API's 202 body, written by the view and by http/submission_fast_path.py alike."""
        return {"id": self.comment_id, "status": self.status.value, "message": str(self.message)}


def _text(data, name, fields):
    value = data.get(name)
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        fields[name] = messages.FIELDS["not_text"]
        return ""
    return value


def _parent_id(value, fields):
    if value in (None, ""):
        return None
    parent_id = parse_id(value)
    if parent_id is None:
        fields["parent_id"] = messages.FIELDS["parent"]
    return parent_id


def parse_submission(data, policy):
    """Validated, normalized fields; raises ServiceError(400) naming every bad field."""
    fields = {}
    author = normalize_line(_text(data, "author", fields))
    body = normalize(_text(data, "body", fields))
    email = normalize_line(_text(data, "email", fields))
    raw_url = _text(data, "url", fields)
    # A URL no parser understands is a mistake to name; a well-formed one elsewhere is just dropped.
    if raw_url and not well_formed(raw_url):
        fields["url"] = messages.FIELDS["bad_url"]
    title, url = reader_article_fields(_text(data, "title", fields), raw_url, policy.allowed_origins)
    for name, value, limit in (("author", author, 80), ("body", body, policy.max_length)):
        if not value:
            fields.setdefault(name, messages.FIELDS[f"{name}_required"])
        elif len(value) > limit:
            fields[name] = messages.too_long(name, limit, len(value))
    if email:
        try:
            email = normalize_email(email)
        except ValueError:
            fields["email"] = messages.FIELDS["email"]
    notify = notifications.parse_notify(data.get("notify"), email and "email" not in fields, fields)
    parent_id = _parent_id(data.get("parent_id"), fields)
    if fields:
        raise ServiceError("validation", 400, fields)
    return {
        "author": author, "body": body, "email": email or None, "parent_id": parent_id,
        "title": title, "url": url, "notify": notify,
        "signals": Signals(honeypot=str(data.get(HONEYPOT_FIELD) or ""),
                           form_token=data.get("form_token") if isinstance(data.get("form_token"), str) else None),
    }


def idempotency_digest(article_id, key, site_id=DEFAULT_SITE_ID):
    # The default site's digests are those stored before sites existed; the others name their site.
    scope = article_id if site_id == DEFAULT_SITE_ID else f"{site_id}\n{article_id}"
    return hashlib.sha256(f"{scope}\n{key}".encode()).hexdigest()


def _first_status(comment):
    """The status the submitter was first told: a SUBMIT audit row records any non-pending start."""
    started = db.session.execute(
        select(AuditEntry.to_status).where(AuditEntry.comment_id == comment.id, AuditEntry.action == Action.SUBMIT)
        .limit(1)).scalar_one_or_none()
    return as_told(started or Status.PENDING, comment.flags)


# The id by its Idempotency-Key, and nothing else: the unique index covers it, so SQLite reads the
# index whatever its statistics say. They say the index is useless (idempotency_key is NULL on
# imported and older comments, and ANALYZE counts NULLs as one value): asked for the comment with
# its article joined, SQLite scanned the table, 36 ms a submission at 100,000 comments
# (tests/services/test_submission_plans.py).
_BY_KEY = select(Comment.id).where(Comment.idempotency_key == bindparam("key")).limit(1)


def _stored_under(key):
    """The id of the comment stored under this digest of an Idempotency-Key, or None."""
    return core(_BY_KEY, {"key": key}).scalar()


def stored_under(article_id, idempotency_key, site_id=DEFAULT_SITE_ID):
    """The id of the comment already stored under this Idempotency-Key, or None (a retry stores
    nothing). The JSON API asks it once per request, for the limits' exemption, and hands the
    answer to ``submit_comment``."""
    return _stored_under(idempotency_digest(article_id, idempotency_key, site_id))


def _receipt_for_existing(comment, retry=False):
    """A retry is answered as the first submission was, whatever a moderator did since."""
    return Receipt(comment.id, _first_status(comment), created=False, retry=retry)


def _resolve_parent(article_id, parent_id, site_id):
    """Replies are one level deep: a reply to a reply hangs under the top-level comment."""
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id)
    if (parent is None or parent.site_id != site_id or parent.article_id != article_id
            or parent.status != Status.APPROVED):
        raise ServiceError("validation", 400, {"parent_id": messages.FIELDS["parent"]})
    return parent.parent_id or parent.id


def _earlier_twin(site_id, article_id, fingerprint, ip_hash, since):
    """The first comment this address sent with the same text on the article since ``since``."""
    return (select(Comment.id).where(Comment.site_id == site_id, Comment.article_id == article_id,
                                     Comment.ip_hash == ip_hash, Comment.fingerprint == fingerprint,
                                     Comment.created_at >= since)
            .order_by(Comment.id).limit(1))


def _seen_elsewhere(fingerprint, since):
    return select(Comment.id).where(Comment.fingerprint == fingerprint, Comment.created_at >= since)


def _sent_before(ip_hash, email):
    """Has this address, or this email, sent a comment before? One EXISTS per index: asked as
    ``ip_hash = ? OR email = ?``, SQLite scanned the table whenever its statistics had seen the
    emails (NULL on most comments, so the index looks useless; tests/services/test_submission_plans.py)."""
    by_address = indexed_by(select(Comment.id), Comment, "ix_comments_ip_hash").where(Comment.ip_hash == ip_hash)
    if email is None:
        return by_address.exists()
    by_email = indexed_by(select(Comment.id), Comment, "ix_comments_email").where(Comment.email == email)
    return or_(by_address.exists(), by_email.exists())


@functools.cache
def _reads_statement(with_email, with_key):
    """The questions of ``_reads`` as one statement, built and compiled once per shape: building
    the expression each time cost about as much CPU as the database answering it.

    One row per setting that may apply on the site (at least one: the settings join is a LEFT
    JOIN), each with the sender's history (uncorrelated subqueries, answered once) and the
    article's columns (NULLs when it is new)."""
    email = bindparam("email") if with_email else None
    ip_hash, fingerprint, now = bindparam("ip_hash"), bindparam("fingerprint"), bindparam("now")
    history = select(
        bans_of(email, ip_hash, now, bindparam("site_id")).exists().label("banned"),
        _earlier_twin(bindparam("site_id"), bindparam("article_id"), fingerprint, ip_hash,
                      bindparam("twin_since")).scalar_subquery().label("twin_id"),
        _seen_elsewhere(fingerprint, bindparam("day_ago")).exists().label("seen_elsewhere"),
        _sent_before(ip_hash, email).label("sent_before"),
        *([_BY_KEY.scalar_subquery().label("stored_id")] if with_key else [])).subquery("history")
    articles, settings = Article.__table__, SettingsInEffect.OF_SITE.subquery("settings")
    the_article = and_(articles.c.site_id == bindparam("site_id"), articles.c.id == bindparam("article_id"))
    return Prepared(select(*history.c, *ARTICLE_COLUMNS, *settings.c)
                    .select_from(history.outerjoin(articles, the_article).outerjoin(settings, true())))


def _reads(site_id, article_id, fields, ip_hash, fingerprint, policy, now, key=None):
    """Everything a submission reads before it is judged, in one statement (one round trip
    instead of six or seven):

    - what the database knows of this sender and this text: banned, the earlier twin's id or
      None, seen elsewhere, first time, and with ``key`` (an Idempotency-Key's digest) the id
      already stored under it or None;
    - the article's row, or None when it is new (``articles.article_row``);
    - the settings in effect on the site (``SettingsInEffect``).

    Under gunicorn each statement costs more than its work (SQLite reads its pages again after
    another worker's commit, PostgreSQL is a round trip), so the key is asked here rather than
    on its own. Returns (history, article row, settings)."""
    email = fields["email"]
    rows = _reads_statement(bool(email), key is not None).rows({
        "email": email, "ip_hash": ip_hash, "fingerprint": fingerprint, "now": now, "site_id": site_id,
        "article_id": article_id, "twin_since": now - timedelta(seconds=policy.duplicate_window),
        "day_ago": now - timedelta(days=1), "key": key})
    first, article_at = rows[0], 5 if key is not None else 4
    settings_at = article_at + len(ARTICLE_COLUMNS)
    history = {"banned": bool(first[0]), "twin_id": first[1], "seen_elsewhere": bool(first[2]),
               "first_time": not first[3], "stored_id": first[4] if key is not None else None}
    return (history, article_row(first[article_at:settings_at]),
            SettingsInEffect(site_id, rows=(row[settings_at:] for row in rows)))


def _decide(flags, rule_verdict, moderation):
    if is_trapped(flags) or rule_verdict == Status.REJECTED:
        return Status.REJECTED
    if holds(flags) or rule_verdict == Status.PENDING or moderation == Moderation.PRE:
        return Status.PENDING
    return Status.APPROVED


# ``submit_comment``'s default: the caller did not look the Idempotency-Key up, so it does.
LOOK_UP = object()


def _replay(key, fingerprint, earlier_id=LOOK_UP):
    """The first answer for a retried Idempotency-Key, or None when the key is new.

    ``earlier_id``: what the caller found under the key moments ago, in this request. Trusting a
    "none" is safe: a retry committed since then makes the INSERT fail on the key's unique index,
    and ``submit_comment`` asks again."""
    if key is None:
        return None
    if earlier_id is LOOK_UP:
        earlier_id = _stored_under(key)
    if earlier_id is None:
        return None
    earlier = db.session.get(Comment, earlier_id)
    if earlier.fingerprint != fingerprint:
        raise ServiceError("idempotency_mismatch", 409)
    return _receipt_for_existing(earlier, retry=True)


def _admit(site_id, article_id, fields, settings, history, now, known):
    """The article, once the submitter may post on it (known when required, open, not banned).

    ``known``: the article's row as ``_reads`` found it, None when it is new."""
    if not accepts_unregistered(settings) and (known is None or known.registered_at is None):
        raise ServiceError("unknown_article", 404)
    article = article_for_comment(article_id, fields["title"], fields["url"], site_id=site_id, row=known)
    if not comments_open(article, now, settings=settings):
        db.session.commit()  # keeps the article metadata seen for the first time
        raise ServiceError("comments_closed", 403)
    if history["banned"]:
        db.session.rollback()
        raise ServiceError("banned", 403)
    return article


def _judge(article, fields, policy, screen, settings, history):
    """(status, flags): spam signals and word rules, then the article's moderation mode."""
    flags = friction_flags(fields["body"], fields["signals"], secret=policy.secret,
                           max_links=policy.max_links, min_seconds=policy.min_seconds,
                           seen_elsewhere=history["seen_elsewhere"], first_time=history["first_time"])
    rule_flags, verdict = _screen_words(screen, fields["author"], fields["body"], article.site_id,
                                        settings.get(VERSION_KEY) or "0")
    flags.extend(rule_flags)
    return _decide(flags, verdict, effective_moderation(article, settings=settings)), flags


def _screen_words(screen, author, body, site_id, version):
    """(flags, verdict) of the word rules over the body and the name, with the same strict/loose logic.

    A name is where a reader is seen first, so "Thằng Chó" is judged like the same words in
    the body; its flags say ``"field": "author"`` so the moderator knows where the words are.
    Both are screened by the rules of ``version``, the one the submission read.
    """
    if screen is None:
        return [], None
    body_flags, body_verdict = screen(body, site_id, version=version)
    name_flags, name_verdict = screen(author, site_id, version=version)
    verdicts = {body_verdict, name_verdict}
    verdict = next((v for v in (Status.REJECTED, Status.PENDING) if v in verdicts), None)
    return body_flags + [{**flag, "field": "author"} for flag in name_flags], verdict


# One prepared statement, not the ORM's unit of work for one new object: 1,200 against 2,300 µs
# of CPU for the INSERT and its commit through Core (in-process, SQLite, load ~6), ~100 µs less
# prepared. Column defaults, types and search_text are applied alike: they belong to the table,
# not to the session.
_INSERT = PreparedInsert(Comment.__table__)


def _store(values, notify=False):
    """Insert and commit, with the count and the audit row when the comment does not start pending.

    Returns the new comment's id, or None when a concurrent retry with the same Idempotency-Key
    committed first.
    """
    status = values["status"]
    try:
        comment_id = _INSERT.execute(values)
        if status == Status.APPROVED:
            adjust_approved(values["site_id"], values["article_id"], values["parent_id"], 1)
        if status != Status.PENDING:
            # The system acted: the rules that fired are the reason, their flags the details.
            audit.record(None, Action.SUBMIT, Target.COMMENT, comment_id, to_status=status,
                         reason=",".join(f["code"] for f in values["flags"]) or None,
                         details={"flags": values["flags"]})
        # The two cases comment_submitted acts on; a held comment nobody watches is not read back.
        if notify or status == Status.APPROVED:
            notifications.comment_submitted(db.session.get(Comment, comment_id), notify)
        db.session.commit()
        return comment_id
    except IntegrityError:
        db.session.rollback()
        if values["idempotency_key"] is None:
            raise
        return None


def submit_comment(article_id, data, *, ip_hash, policy, screen, idempotency_key=None, site_id=DEFAULT_SITE_ID,
                   stored_id=LOOK_UP):
    """Store a reader's comment on the site's article and return the Receipt to acknowledge, after the commit.

    ``policy.allowed_origins`` are the site's: a reader's article URL elsewhere is ignored.

    ``screen(text, site_id, version=) -> (flags, verdict)`` applies the word rules of the site (the
    installation's terms and the site's own) at that ``rules_version`` to the body and the name;
    verdict is a Status or None.

    ``stored_id``: ``stored_under``'s answer for this key when the caller already asked it;
    otherwise the key is asked with the history.

    The settings, the article and what the database knows of the sender are read once, in one
    statement (``_reads``): a submission is one statement before its INSERT no matter how many
    rules consult them (two when the caller asked for the key on its own).
    """
    fields = parse_submission(data, policy)
    now = utcnow()
    fingerprint = fingerprint_of(fields["body"])
    key = idempotency_digest(article_id, idempotency_key, site_id) if idempotency_key else None
    if stored_id is not LOOK_UP:
        replayed = _replay(key, fingerprint, stored_id)
        if replayed is not None:
            return replayed
    # The key, when not asked yet, is asked with the history; nothing read there acts before the replay.
    history, known, settings = _reads(site_id, article_id, fields, ip_hash, fingerprint, policy, now,
                                      key=key if stored_id is LOOK_UP else None)
    if stored_id is LOOK_UP:
        replayed = _replay(key, fingerprint, history["stored_id"])
        if replayed is not None:
            return replayed
    article = _admit(site_id, article_id, fields, settings, history, now, known)
    if history["twin_id"] is not None:
        twin = db.session.get(Comment, history["twin_id"])
        db.session.commit()
        return _receipt_for_existing(twin)
    parent_id = _resolve_parent(article_id, fields["parent_id"], site_id)
    status, flags = _judge(article, fields, policy, screen, settings, history)
    comment_id = _store({"site_id": site_id, "article_id": article_id, "parent_id": parent_id,
                         "author": fields["author"], "email": fields["email"], "body_text": fields["body"],
                         "body_html": render_html(fields["body"]), "status": status, "flags": flags,
                         "ip_hash": ip_hash, "fingerprint": fingerprint, "idempotency_key": key,
                         "created_at": now, "updated_at": now}, fields["notify"])
    if comment_id is None:
        replayed = _replay(key, fingerprint)
        if replayed is None:
            raise RuntimeError("integrity error that no concurrent retry explains")
        return replayed
    return Receipt(comment_id, as_told(status, flags), created=True)
