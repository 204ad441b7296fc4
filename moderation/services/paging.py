"""The one keyset pager: the public thread, the queue and the audit log page through it.

Pages are ordered on ``(created_at, id)``, oldest or newest first (or on ``(rank, created_at, id)``,
highest first, by ``ranked_page``); a page asks for one row
more than it shows to know whether another page follows. ``limit`` is parsed here too, so
every listing answers the same 400 for the same mistake.
"""
from sqlalchemy import and_, or_

from moderation import messages
from moderation.core import cursor as codec
from moderation.core.ids import ascii_digits
from moderation.errors import ServiceError

MAX_LIMIT = 100


def parse_limit(value, default=50):
    """1..MAX_LIMIT from a query-string value; ServiceError(400) otherwise (ASCII digits only:
    ``str.isdigit`` accepts "²", which ``int`` refuses)."""
    if value in (None, ""):
        return default
    text = str(value)
    if not ascii_digits(text) or not 1 <= int(text) <= MAX_LIMIT:
        raise ServiceError("validation", 400, {"limit": messages.FIELDS["limit"]})
    return int(text)


def decode_cursor(cursor, order=""):
    try:
        return codec.decode(cursor, order)
    except ValueError:
        raise ServiceError("validation", 400, {"cursor": messages.FIELDS["cursor"]}) from None


def keyset_page(session, statement, created_col, id_col, *, limit, cursor=None, newest_first=False, order=""):
    """(rows, next_cursor or None) for ``statement`` ordered on (created_col, id_col).

    ``order`` names the listing's order inside the cursor, so a cursor from another order is
    a 400 rather than a page that silently skips or repeats rows.
    """
    if cursor:
        created_at, row_id = decode_cursor(cursor, order)
        if newest_first:
            statement = statement.where(or_(created_col < created_at, and_(created_col == created_at, id_col < row_id)))
        else:
            statement = statement.where(or_(created_col > created_at, and_(created_col == created_at, id_col > row_id)))
    ordering = (created_col.desc(), id_col.desc()) if newest_first else (created_col, id_col)
    rows = list(session.execute(statement.order_by(*ordering).limit(limit + 1)).scalars())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, codec.encode(getattr(last, created_col.key), getattr(last, id_col.key), order)


def decode_ranked_cursor(cursor, order):
    try:
        return codec.decode_ranked(cursor, order)
    except ValueError:
        raise ServiceError("validation", 400, {"cursor": messages.FIELDS["cursor"]}) from None


def ranked_page(session, statement, rank_col, created_col, id_col, *, limit, cursor=None, order):
    """(rows, next_cursor or None) for ``statement`` ordered highest ``rank_col`` first, then newest,
    then highest id: "Quan tâm nhất", most liked first and the newest among equals. The cursor
    carries the rank, so a like arriving between two pages moves a row, never skips a position."""
    if cursor:
        rank, created_at, row_id = decode_ranked_cursor(cursor, order)
        statement = statement.where(or_(
            rank_col < rank,
            and_(rank_col == rank, or_(created_col < created_at, and_(created_col == created_at, id_col < row_id)))))
    rows = list(session.execute(statement.order_by(rank_col.desc(), created_col.desc(), id_col.desc())
                                .limit(limit + 1)).scalars())
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    last = rows[-1]
    return rows, codec.encode_ranked(getattr(last, rank_col.key), getattr(last, created_col.key),
                                     getattr(last, id_col.key), order)
