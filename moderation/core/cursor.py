"""Opaque keyset cursors: ``(created_at, id)`` of the last row a page showed, tagged with the
order it was read in, so a cursor of one listing or sort cannot be replayed against another.

``decode`` raises ``ValueError`` for anything it did not write (or a different ``order``), and
for ids the id columns cannot hold (``core.ids.parse_id``), so a garbled cursor is a 400 at the
caller, never a database error.
"""
import base64
from datetime import datetime

from moderation.core.ids import parse_id


def encode(created_at, row_id, order=""):
    raw = f"{order}|{created_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor, order=""):
    """(created_at, id); ValueError when the cursor is not ours or was made for another order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeError, TypeError):
        raise ValueError("not a cursor") from None
    parts = raw.split("|")
    if len(parts) != 3 or parts[0] != order:
        raise ValueError("not a cursor of this listing")
    created_at = datetime.fromisoformat(parts[1])
    row_id = parse_id(parts[2])
    if created_at.tzinfo is None or row_id is None:
        raise ValueError("not a cursor of this listing")
    return created_at, row_id


def encode_ranked(rank, created_at, row_id, order):
    """A cursor of a listing ordered on ``(rank, created_at, id)``, e.g. "Quan tâm nhất" by likes."""
    raw = f"{order}|{int(rank)}|{created_at.isoformat()}|{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_ranked(cursor, order):
    """(rank, created_at, id); ValueError as ``decode`` does, also for a cursor of an unranked order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeError, TypeError):
        raise ValueError("not a cursor") from None
    parts = raw.split("|")
    if len(parts) != 4 or parts[0] != order:
        raise ValueError("not a cursor of this listing")
    rank = parse_id(parts[1]) if parts[1] != "0" else 0
    created_at = datetime.fromisoformat(parts[2])
    row_id = parse_id(parts[3])
    if rank is None or created_at.tzinfo is None or row_id is None:
        raise ValueError("not a cursor of this listing")
    return rank, created_at, row_id
