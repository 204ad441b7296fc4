"""Spam friction: signals recorded on a comment as flags, never a reason to drop it.

Traps (honeypot, too fast) store the comment as rejected while the submitter is told
"pending", so bots learn nothing and a moderator can still rescue a false positive.

Only proof traps: a filled honeypot, or a valid form token showing the form came back
sooner than a person can type. A token that is missing, empty, garbled, from another
secret, expired (FORM_TOKEN_MAX_AGE) or from the future proves nothing: a reader whose
comment list failed to load on a flaky connection has none, and neither has a CMS posting
server to server. Such a comment is judged without the timing signal and carries the
``untimed`` flag, so the moderator sees that the timing check could not be made.
"""
import time
from dataclasses import dataclass

from itsdangerous import BadSignature, TimestampSigner

from moderation.core.states import Flag, Status
from moderation.core.text import count_links

HONEYPOT_FIELD = "website"
TRAP_CODES = {Flag.HONEYPOT.value, Flag.TOO_FAST.value}
HOLD_CODES = {Flag.LINKS.value, Flag.DUPLICATE.value, Flag.SUSPECT_WORD.value}
# A page left open longer than a day proves nothing about typing speed; an older token is untimed.
FORM_TOKEN_MAX_AGE = 24 * 3600


def _signer(secret):
    return TimestampSigner(secret, salt="comment-form")


def issue_form_token(secret, now=None):
    """A signed render time that the form sends back, so a bot filling it at once is seen."""
    return _signer(secret).sign(str(int(now or time.time()))).decode()


def seconds_since_render(token, secret, now=None):
    """Seconds between rendering and submitting, or None when the token proves nothing:
    missing, forged, garbled, older than FORM_TOKEN_MAX_AGE, or dated in the future."""
    if not token:
        return None
    try:
        rendered = int(_signer(secret).unsign(token).decode())
    except (BadSignature, ValueError, UnicodeError):
        return None
    elapsed = (now or time.time()) - rendered
    return elapsed if 0 <= elapsed <= FORM_TOKEN_MAX_AGE else None


@dataclass(frozen=True)
class Signals:
    honeypot: str = ""
    form_token: str | None = None


def friction_flags(text, signals, *, secret, max_links, min_seconds, seen_elsewhere, first_time):
    """The flags this submission earns, as the objects the moderation API lists."""
    flags = []
    if signals.honeypot:
        flags.append({"code": Flag.HONEYPOT.value})
    elapsed = seconds_since_render(signals.form_token, secret)
    if elapsed is None:
        flags.append({"code": Flag.UNTIMED.value})
    elif elapsed < min_seconds:
        flags.append({"code": Flag.TOO_FAST.value})
    links = count_links(text)
    if links > max_links:
        flags.append({"code": Flag.LINKS.value, "count": links})
    if seen_elsewhere:
        flags.append({"code": Flag.DUPLICATE.value})
    if first_time:
        flags.append({"code": Flag.FIRST_COMMENT.value})
    return flags


def is_trapped(flags):
    return any(flag["code"] in TRAP_CODES for flag in flags)


def as_told(status, flags):
    """The status a submitter may see: a trapped comment keeps looking pending, as its 202 said."""
    return Status.PENDING if status == Status.REJECTED and is_trapped(flags) else status


def holds(flags):
    return any(flag["code"] in HOLD_CODES for flag in flags)
