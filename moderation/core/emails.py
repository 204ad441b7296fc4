"""The one e-mail rule: syntax checked (no DNS), normalized, lower-cased once at write time.

Submissions, bans and (later) readers' data requests all store and compare this form, so no
reader re-lowers an address at read time.
"""
import hashlib
import hmac

from email_validator import EmailNotValidError, validate_email


def normalize_email(raw):
    """The stored form of ``raw``; ValueError when it is not an e-mail address."""
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise ValueError("not an e-mail address") from None


def hash_email(email, secret):
    """The keyed hash an audit entry keeps instead of a reader's address (a data request's record)."""
    return hmac.new(secret.encode(), b"email:" + email.encode(), hashlib.sha256).hexdigest()[:40]
