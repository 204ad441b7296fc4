"""A reader's key: the random string comments.js keeps in localStorage and sends as ``X-Reader-Key``.

It names a browser for likes, nothing more: no cookie, no account. It is never stored as
given, only as a keyed hash (``reader_hash``), the way addresses are (``http.clientip``):
the database alone cannot tell which browser liked what.
"""
import hashlib
import hmac
import re

READER_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")


def valid_reader_key(value):
    """16-64 characters of ``A-Za-z0-9_-``; anything else (missing included) is not a key."""
    return isinstance(value, str) and READER_KEY.fullmatch(value) is not None


def reader_hash(secret, key):
    """The stored form of a reader key: an HMAC under the app's secret, separate from the IP hash's domain."""
    return hmac.new(secret.encode(), b"reader:" + key.encode(), hashlib.sha256).hexdigest()[:40]
