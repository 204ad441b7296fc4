"""Tables only (the enums that name their states live in ``core.states``). Tiny methods only;
rules live in services."""
from datetime import datetime, timezone

from flask_login import UserMixin
from sqlalchemy import (JSON, Boolean, DateTime, Enum, ForeignKey, ForeignKeyConstraint, Index, Integer, String,
                        Text, TypeDecorator, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderation.core.states import (Action, BanKind, MailKind, MailPreference, MailState, Moderation,  # noqa: F401
                                    ReaderEvent, Role, Status, Target, Tier)  # (re-exported)
from moderation.core.times import utcnow  # noqa: F401  (re-exported)
from moderation.core.text import search_text
from moderation.extensions import db


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC on every backend (SQLite hands back naive datetimes)."""
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
            value = value.astimezone(timezone.utc)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def _enum(cls, length=16):
    # Stored as the lower-case value strings, with no CHECK constraint: a new member needs no
    # migration, and the application only ever writes members (validate_strings refuses others).
    return Enum(cls, values_callable=lambda e: [m.value for m in e], native_enum=False,
                validate_strings=True, length=length, name=cls.__name__.lower())


# The site the migration creates to own everything that existed before sites: always id 1.
DEFAULT_SITE_ID = 1
DEFAULT_SITE_SLUG = "default"


class Site(db.Model):
    """One news site served by this installation: its own origins, settings and moderators."""
    __tablename__ = "sites"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class SiteOrigin(db.Model):
    """An origin allowed to embed a site; the primary key keeps each origin on at most one site.

    The default site's origins are ``ALLOWED_ORIGINS`` (configuration), never rows here.
    """
    __tablename__ = "site_origins"
    origin: Mapped[str] = mapped_column(String(300), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), nullable=False, index=True)


class SiteSetting(db.Model):
    """A site's own value of an installation setting (``settings``); absent means "follow it"."""
    __tablename__ = "site_settings"
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(500), nullable=False)


class ModeratorSite(db.Model):
    """A moderator's grant on a site; admins act on every site without one."""
    __tablename__ = "moderator_sites"
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderators.id"), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)


class Article(db.Model):
    __tablename__ = "articles"
    # Article ids are the CMS's, unique per site: two sites may both have an article "123".
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True, default=DEFAULT_SITE_ID)
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(2000))
    # None means "follow the site default" (see settings).
    comments_open: Mapped[bool | None] = mapped_column(Boolean)
    moderation: Mapped[Moderation | None] = mapped_column(_enum(Moderation))
    # Close comments this many days after the article was first seen (created_at); 0 = never;
    # None follows the site setting.
    close_after_days: Mapped[int | None] = mapped_column(Integer)
    approved_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # When the CMS first configured it (PUT /api/v1/articles/<id>); None for articles only readers named.
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def _search_text(context):
    row = context.get_current_parameters()
    return search_text(row["body_text"], row["author"], row.get("email"))


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_thread", "site_id", "article_id", "status", "created_at", "id"),
        ForeignKeyConstraint(["site_id", "article_id"], ["articles.site_id", "articles.id"],
                             name="fk_comments_site_id_articles"),
        Index("ix_comments_queue", "status", "created_at", "id"),
        Index("ix_comments_ip_hash", "ip_hash", "created_at"),
        Index("ix_comments_email", "email"),
        Index("ix_comments_fingerprint", "fingerprint", "created_at"),
        Index("ix_comments_parent", "parent_id"),
        # The reported tab and its total read only comments with open reports: a partial index
        # keeps that a few entries instead of a scan (17 ms at 110,000 comments, 0.02 ms with it).
        Index("ix_comments_reported", "report_count", "created_at", "id",
              sqlite_where=text("report_count > 0"), postgresql_where=text("report_count > 0")),
        UniqueConstraint("idempotency_key", name="uq_comments_idempotency_key"),
        # "Quan tâm nhất": a thread's top-level comments by likes, newest first among equals.
        Index("ix_comments_thread_top", "site_id", "article_id", "status", "likes", "created_at", "id"),
        # The homepage block "Bình luận nổi bật": a site's most recent picks.
        Index("ix_comments_featured", "site_id", "featured_at", sqlite_where=text("featured_at IS NOT NULL"),
              postgresql_where=text("featured_at IS NOT NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(Integer, nullable=False, default=DEFAULT_SITE_ID)
    article_id: Mapped[str] = mapped_column(String(128), nullable=False)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    author: Mapped[str] = mapped_column(String(80), nullable=False)
    email: Mapped[str | None] = mapped_column(String(254))
    body_text: Mapped[str] = mapped_column(Text, nullable=False)
    body_html: Mapped[str] = mapped_column(Text, nullable=False)
    # Body, author and email folded for toneless search (core.text.fold): lower case, no
    # diacritics, đ → d. Written with the text, so a search is one native LIKE on one column.
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default=_search_text, server_default="")
    status: Mapped[Status] = mapped_column(_enum(Status), nullable=False, default=Status.PENDING)
    flags: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    ip_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    # sha256 of the normalized body: finds double submissions and copy-paste spam.
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    # sha256 of (article, Idempotency-Key, body); unique so a retry can never insert twice.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # Open reports: those not dismissed by a moderator's "keep" (the Report rows stay as history).
    report_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False)
    moderated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    moderated_by_id: Mapped[int | None] = mapped_column(ForeignKey("moderators.id"))
    # Readers' likes: a column kept in each like's own transaction, never a COUNT at read time.
    # It equals imported_likes (carried over from an import, with no reader keys) plus the
    # CommentLike rows.
    likes: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    imported_likes: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    # Approved replies under this (top-level) comment, kept with the article's approved_count.
    reply_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    # An editor's pick ("Bình luận nổi bật"): when, and by whom; None when not picked.
    featured_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    featured_by_id: Mapped[int | None] = mapped_column(ForeignKey("moderators.id"))
    # A newsroom reply: the moderator who wrote it and the badge shown ("Tòa soạn"); None for readers.
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("moderators.id"))
    staff_badge: Mapped[str | None] = mapped_column(String(80))

    article = relationship("Article", lazy="joined", viewonly=True)
    # Sites are few: after the first, each comes from the session's identity map.
    site = relationship("Site", primaryjoin="foreign(Comment.site_id) == Site.id", viewonly=True)
    parent = relationship("Comment", remote_side=[id])


class Report(db.Model):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("comment_id", "ip_hash", name="uq_reports_comment_ip"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), nullable=False, index=True)
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    ip_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # Set when a moderator kept the comment: the report no longer counts, but stays on record.
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CommentLike(db.Model):
    """One reader's "Thích" on a comment: one per reader key per comment.

    The reader key is the random key comments.js keeps in localStorage, stored as a keyed hash;
    ``ip_hash`` caps how many keys one address may like a comment with.
    """
    __tablename__ = "comment_likes"
    __table_args__ = (UniqueConstraint("comment_id", "reader_hash", name="uq_comment_likes_reader"),
                      Index("ix_comment_likes_ip", "comment_id", "ip_hash"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), nullable=False)
    reader_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    ip_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class Moderator(UserMixin, db.Model):
    __tablename__ = "moderators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    # The name that signs newsroom replies; None shows the username.
    display_name: Mapped[str | None] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[Role] = mapped_column(_enum(Role), nullable=False, default=Role.MODERATOR)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    # Changing it (password change, deactivation) invalidates every existing session.
    session_token: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # Where alerts and digests go, and which of them the moderator wants (services/moderator_mail.py).
    email: Mapped[str | None] = mapped_column(String(254))
    mail_preference: Mapped[MailPreference] = mapped_column(_enum(MailPreference), nullable=False,
                                                            default=MailPreference.NONE, server_default="none")
    # The last alert: when, and the newest pending comment it covered (the hourly rule needs both).
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    alerted_comment_id: Mapped[int | None] = mapped_column(Integer)
    # The local date (YYYY-MM-DD, Asia/Ho_Chi_Minh) of the last digest.
    digest_date: Mapped[str | None] = mapped_column(String(10))

    @property
    def is_active(self):
        return self.active

    @property
    def is_admin(self):
        return self.role == Role.ADMIN

    # The key of the login this object was loaded for (see services/sessions.py); not a column.
    login_key = None

    def get_id(self):
        return f"{self.id}:{self.session_token}:{self.login_key or ''}"


class ApiToken(db.Model):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderators.id"), nullable=False, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    moderator = relationship("Moderator", lazy="joined")


class ModeratorSession(db.Model):
    """One login: logout or SESSION_IDLE_MINUTES without use ends it, whatever the cookie says."""
    __tablename__ = "moderator_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("moderators.id"), nullable=False, index=True)
    # SHA-256 of the random key carried in the signed session cookie.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(db.Model):
    """One row per write: who (a moderator, or the system when ``moderator_id`` is null) did what
    (``action``) to which target (``target_kind`` + ``target_id``), and the before/after that matters.

    Comment entries also fill ``comment_id`` (and the statuses), so a comment's history is one
    indexed lookup. Passwords, tokens and raw addresses never go into ``details``.
    """
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_moderator", "moderator_id", "created_at"),
                      Index("ix_audit_log_comment", "comment_id", "created_at"),
                      Index("ix_audit_log_created", "created_at", "id"),
                      Index("ix_audit_log_target", "target_kind", "target_id", "created_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("moderators.id"))
    action: Mapped[Action] = mapped_column(_enum(Action, length=32), nullable=False)
    target_kind: Mapped[Target] = mapped_column(_enum(Target, length=32), nullable=False, default=Target.COMMENT,
                                                server_default=Target.COMMENT.value)
    target_id: Mapped[str | None] = mapped_column(String(128))
    from_status: Mapped[Status | None] = mapped_column(_enum(Status))
    to_status: Mapped[Status | None] = mapped_column(_enum(Status))
    reason: Mapped[str | None] = mapped_column(String(500))
    # The one site an entry not about a comment concerns (a site's settings or grants, its word
    # list, a ban on it, one of its articles); NULL: installation-wide. A comment's entry is
    # scoped through its comment. Moderators read only the entries of their sites.
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    # Extra facts for the record, e.g. the text before an edit.
    details: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)

    moderator = relationship("Moderator", lazy="joined")
    comment = relationship("Comment", lazy="joined")


class Ban(db.Model):
    __tablename__ = "bans"
    __table_args__ = (Index("ix_bans_lookup", "kind", "value"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[BanKind] = mapped_column(_enum(BanKind), nullable=False)
    # A lower-cased email, or an ip_hash: never a raw address.
    value: Mapped[str] = mapped_column(String(254), nullable=False)
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("moderators.id"))
    # The comment that caused it, when banned from the queue: the list shows its author and text.
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    # The one site the ban applies to; None bans installation-wide (only an admin bans so).
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))

    created_by = relationship("Moderator", lazy="joined")
    comment = relationship("Comment", lazy="joined")


class WordRule(db.Model):
    """A banned or suspect term: the installation's (``site_id`` NULL, screened on every site) or
    one site's own addition.

    A term is unique per list and owner. NULLs are distinct in a UNIQUE constraint, so the
    installation's rows get their own partial unique index; the site rows' constraint also
    serves loading one site's terms.
    """
    __tablename__ = "word_rules"
    __table_args__ = (UniqueConstraint("site_id", "tier", "term", name="uq_word_rules_site_tier_term"),
                      Index("uq_word_rules_installation_tier_term", "tier", "term", unique=True,
                            sqlite_where=text("site_id IS NULL"), postgresql_where=text("site_id IS NULL")))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    tier: Mapped[Tier] = mapped_column(_enum(Tier), nullable=False)
    term: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)


class Setting(db.Model):
    """Site-wide settings as key/value, e.g. ``moderation`` = ``pre``, ``rules_version`` = ``7``."""
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(500), nullable=False)


class CommentSource(db.Model):
    """Where an imported comment came from, so a re-run of the same file finds it again.

    ``(site, source, source_id)`` is unique: ``source`` names the importer (disqus, wordpress,
    isso, jsonl) and ``source_id`` is the comment's id there. ``site`` is the site's slug
    (services/imports.resolve_site): the same file imported into two sites is two sets of rows.
    """
    __tablename__ = "comment_sources"
    __table_args__ = (UniqueConstraint("site", "source", "source_id", name="uq_comment_sources_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(64), nullable=False, default="default", server_default="default")
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    source_id: Mapped[str] = mapped_column(String(128), nullable=False)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), nullable=False, unique=True)


class ReaderSubscription(db.Model):
    """A reader's consent to e-mail from one site: asked (``created_at``), confirmed, or withdrawn.

    The e-mail is stored normalized (``core.emails``). Only a confirmed, not unsubscribed row
    receives anything beyond the one confirmation mail.
    """
    __tablename__ = "reader_subscriptions"
    __table_args__ = (UniqueConstraint("site_id", "email", name="uq_reader_subscriptions_site_email"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), nullable=False)
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    # The last confirmation mail asked for; its token names this moment, so an older one is void.
    confirm_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CommentWatch(db.Model):
    """A comment whose author ticked "Báo cho tôi qua email": events on it go to the subscription."""
    __tablename__ = "comment_watches"
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id"), primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("reader_subscriptions.id"), nullable=False, index=True)


class OutboxMail(db.Model):
    """One mail to send, or (reader events) one event that the worker combines with the
    recipient's others into one mail. Written in the transaction of the event that causes it.

    Claimed by setting ``claim`` and ``lease_until``; a lease that expires (a worker killed
    mid-send) makes the row claimable again. ``message_id`` groups the rows one mail carried.
    """
    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "state", "due_at", "id"),
                      Index("ix_outbox_subscription", "subscription_id", "state"),
                      Index("ix_outbox_sent", "sent_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[MailKind] = mapped_column(_enum(MailKind), nullable=False)
    recipient: Mapped[str] = mapped_column(String(254), nullable=False)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("reader_subscriptions.id"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    event: Mapped[ReaderEvent | None] = mapped_column(_enum(ReaderEvent))
    # Pre-rendered for confirmations, alerts and digests; reader events are rendered when sent.
    subject: Mapped[str | None] = mapped_column(String(300))
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    state: Mapped[MailState] = mapped_column(_enum(MailState), nullable=False, default=MailState.QUEUED)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0", nullable=False)
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))
    message_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    comment = relationship("Comment", viewonly=True)
