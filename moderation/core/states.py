"""The enums everything names: statuses, moderation modes, roles, audit actions and targets,
ban kinds, word-list tiers and the flag codes a comment can carry.

Stored as their lower-case values (``models._enum``); shown to people only through the labels
in ``web/present.py``, never as the raw code.
"""
import enum


class Status(str, enum.Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Moderation(str, enum.Enum):
    PRE = "pre"
    POST = "post"


class Role(str, enum.Enum):
    ADMIN = "admin"
    MODERATOR = "moderator"


class Action(str, enum.Enum):
    """What an audit entry records; the first six are decisions on a comment."""
    APPROVE = "approve"
    REJECT = "reject"
    UNAPPROVE = "unapprove"
    EDIT = "edit"
    UNDO = "undo"
    SUBMIT = "submit"
    # Keep a reported comment: its open reports are dismissed (kept as history), the tab empties.
    KEEP = "keep"
    BAN = "ban"
    BAN_RENEW = "ban_renew"
    BAN_LIFT = "ban_lift"
    WORDS_SAVE = "words_save"
    WORDS_IMPORT = "words_import"
    SITE_SETTINGS = "site_settings"
    ARTICLE_SETTINGS = "article_settings"
    ACCOUNT_CREATE = "account_create"
    ACCOUNT_ROLE = "account_role"
    ACCOUNT_PASSWORD = "account_password"
    ACCOUNT_LOCK = "account_lock"
    ACCOUNT_UNLOCK = "account_unlock"
    TOKEN_CREATE = "token_create"
    TOKEN_REVOKE = "token_revoke"
    # One entry per import run (the file, the totals), never one per imported comment.
    IMPORT = "import"
    # A reader's data request (Decree 13/2023/NĐ-CP): the e-mail is kept only as a keyed hash.
    READER_EXPORT = "reader_export"
    READER_ERASE = "reader_erase"
    SITE_CREATE = "site_create"
    SITE_UPDATE = "site_update"
    SITE_GRANT = "site_grant"
    SITE_REVOKE = "site_revoke"
    # An editor's pick ("Bình luận nổi bật"): featuring a pending comment approves it in the same row.
    FEATURE = "feature"
    UNFEATURE = "unfeature"
    # An approved reply written by a moderator as the newsroom ("Tòa soạn").
    NEWSROOM_REPLY = "newsroom_reply"
    # The name that signs a moderator's newsroom replies.
    ACCOUNT_DISPLAY_NAME = "account_display_name"
    # A reader's e-mail notifications (the address only as a keyed hash in ``target_id``).
    NOTIFY_CONFIRM = "notify_confirm"
    NOTIFY_UNSUBSCRIBE = "notify_unsubscribe"
    ACCOUNT_MAIL = "account_mail"


class Target(str, enum.Enum):
    """What kind of thing an audit entry is about; ``target_id`` names which one."""
    COMMENT = "comment"
    BAN = "ban"
    WORD_LIST = "word_list"
    SITE_SETTINGS = "site_settings"
    ARTICLE = "article"
    ACCOUNT = "account"
    TOKEN = "token"
    # An import run; ``target_id`` is the file's name.
    IMPORT = "import"
    # A reader by e-mail; ``target_id`` is the e-mail's keyed hash, never the address.
    READER = "reader"
    SITE = "site"


class MailKind(str, enum.Enum):
    """What an outbox row carries: the reader's opt-in confirmation, a reader event (coalesced
    per recipient at send time), or a moderator's alert or digest."""
    CONFIRM = "confirm"
    READER = "reader"
    ALERT = "alert"
    DIGEST = "digest"


class ReaderEvent(str, enum.Enum):
    """Why a reader hears from us: only things every reader can see."""
    PUBLISHED = "published"
    REPLY = "reply"
    NEWSROOM_REPLY = "newsroom_reply"
    PICKED = "picked"


class MailState(str, enum.Enum):
    QUEUED = "queued"
    SENT = "sent"
    # Retried with backoff until the last attempt; the SMTP answer is kept in ``last_error``.
    FAILED = "failed"
    # A reader event that was no longer to send (unsubscribed, comment no longer visible).
    SKIPPED = "skipped"


class MailPreference(str, enum.Enum):
    """What a moderator asked to receive by e-mail."""
    NONE = "none"
    ALERTS = "alerts"
    DIGEST = "digest"


class BanKind(str, enum.Enum):
    EMAIL = "email"
    IP = "ip"


class Tier(str, enum.Enum):
    BANNED = "banned"
    SUSPECT = "suspect"


class Flag(str, enum.Enum):
    """Why a comment was held or trapped, as stored in ``Comment.flags`` (``{"code": ...}``)."""
    BANNED_WORD = "banned_word"
    SUSPECT_WORD = "suspect_word"
    LINKS = "links"
    DUPLICATE = "duplicate"
    TOO_FAST = "too_fast"
    HONEYPOT = "honeypot"
    FIRST_COMMENT = "first_comment"
    # No valid form token (the list failed to load, a CMS posting server to server): judged
    # without the timing signal, never trapped for it.
    UNTIMED = "untimed"
    REPORTED = "reported"
    # Set by an import: the source marked it spam, or its parent was not in the file.
    SOURCE_SPAM = "source_spam"
    ORPHAN = "orphan"
    # The reader asked for the comment's erasure; the row stays only as a placeholder.
    ERASED = "erased"
