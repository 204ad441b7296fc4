"""Ids as the database and the CMS spell them, parsed in one place.

Article ids are the CMS's own key: 1-128 of A-Z a-z 0-9 . _ ~ : - (the URL converter, the
counts batch parser and the admin forms all use ``ARTICLE_ID_PATTERN``).

Every numeric id a client sends (a path segment, a query argument, a form field, a JSON value,
the id inside a cursor) goes through ``parse_id`` or the ``int`` URL converter, so nothing
out of range reaches a query: the ``Integer`` columns are int4 on PostgreSQL, and a bound
value past 2^31 (or past 2^63 on SQLite) raises a driver error, which was a 500.
``str.isdigit()`` is not enough either: it accepts "²" and "①", which ``int()`` refuses.
"""
import re

ARTICLE_ID_PATTERN = r"[A-Za-z0-9._~:\-]{1,128}"
# A site's slug: lower-case ASCII letters, digits and "-", 1-40. Anything else is refused, never
# rewritten, so the slug an operator typed is the one every embed and URL carries.
SITE_SLUG_PATTERN = r"[a-z0-9-]{1,40}"
_SITE_SLUG = re.compile(SITE_SLUG_PATTERN)


def valid_site_slug(value):
    return isinstance(value, str) and _SITE_SLUG.fullmatch(value) is not None
MAX_ID = 2**31 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}")


def ascii_digits(value):
    """True for a str of 1-10 ASCII digits (no signs, spaces, superscripts or other scripts)."""
    return isinstance(value, str) and _ASCII_DIGITS.fullmatch(value) is not None


def parse_id(value):
    """The id in 1..MAX_ID from an int or a string of ASCII digits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not ascii_digits(value):
            return None
        value = int(value)
    if not isinstance(value, int) or not 1 <= value <= MAX_ID:
        return None
    return value
