"""The moderators' view of comments: tabs with totals, filters, search, keyset pages, and
for each row the facts a moderator decides by (submitter history, report reasons).

Called by the queue page, the JSON listing of the moderation API and the tests. Pages are
keyset-paginated on (created_at, id), never OFFSET, so page 500 costs what page 1 costs.
"""
from dataclasses import dataclass, field

import nh3
from sqlalchemy import Text, and_, cast, func, or_, select

from moderation import messages
from moderation.core import text as textwork
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Comment, Report, Status
from moderation.services.threads import after, decode_cursor, encode_cursor

TABS = ("pending", "reported", "approved", "rejected", "all")
FLAG_CODES = ("banned_word", "suspect_word", "links", "duplicate", "too_fast", "honeypot", "first_comment",
              "reported",
              "untimed")
MAX_LIMIT = 100


@dataclass(frozen=True)
class QueueQuery:
    """What the moderator asked to see. Pending reads oldest first (work in arrival order);
    every other tab newest first."""
    tab: str = "pending"
    article_id: str | None = None
    flag: str | None = None
    search: str | None = None

    @classmethod
    def parse(cls, tab=None, article_id=None, flag=None, search=None):
        """A validated query; ServiceError(400) names the bad parameter."""
        tab = tab or "pending"
        if tab not in TABS:
            raise ServiceError("validation", 400, {"status": messages.ERRORS["validation"]})
        if flag and flag not in FLAG_CODES:
            raise ServiceError("validation", 400, {"flag": messages.ERRORS["validation"]})
        search = (search or "").strip()[:200] or None
        return cls(tab, (article_id or "").strip()[:128] or None, flag or None, search)

    @property
    def oldest_first(self):
        return self.tab == "pending"


@dataclass
class Row:
    comment: Comment
    approved: int = 0
    rejected: int = 0
    report_reasons: list = field(default_factory=list)
    # The reader's HTML with the words a rule fired on in <mark>; body_html when none fired.
    body_html: str = ""


@dataclass
class QueuePage:
    rows: list
    next_cursor: str | None
    # True when this first page holds every comment the query matches.
    complete: bool = False


def _has_flag(code):
    # Flags are a JSON list of objects; matching the serialized text works the same on
    # SQLite and PostgreSQL (both keep the JSON text as written). Codes come from FLAG_CODES only.
    return cast(Comment.flags, Text).like(f'%"code": "{code}"%')


def _filters(query):
    """Every condition but the tab's, so the tab totals share them."""
    conditions = []
    if query.article_id:
        conditions.append(Comment.article_id == query.article_id)
    if query.flag == "reported":
        conditions.append(Comment.report_count > 0)
    elif query.flag:
        conditions.append(_has_flag(query.flag))
    if query.search:
        columns = (Comment.body_text, Comment.author, Comment.email)
        if db.session.get_bind().dialect.name == "sqlite":
            conditions.append(or_(*(_sqlite_prefilter(column, query.search) for column in columns)))
        conditions.append(or_(*(column.icontains(query.search, autoescape=True) for column in columns)))
    return conditions


# The only characters whose lower() is ASCII or more than one character (İ → i̇, Kelvin K → k).
_FOLD_EXCEPTIONS = ("\u0130", "\u212a")


def _sqlite_prefilter(column, search):
    """A native LIKE that every row the search matches also matches, checked before it.

    On SQLite, ``lower()`` is our Python function (SQLite's own folds ASCII only), and calling
    it on three columns of every row is nearly all the cost of a search (~250 ms per scan
    at 100,000 comments; native LIKE is ~25 ms). This pattern keeps the needle's ASCII
    characters (SQLite's LIKE folds their case itself) and lets ``_`` stand for each other
    character, so only the few rows that pass it reach the Python fold. A row holding one of
    the two characters that fold into ASCII is passed on when the needle has that ASCII letter.
    """
    needle = search.lower()
    pattern = "".join(("/" + ch if ch in "%_/" else ch) if ch.isascii() else "_" for ch in needle)
    exceptions = [ch for ch in _FOLD_EXCEPTIONS if ch.lower()[0] in needle]
    return or_(column.like(f"%{pattern}%", escape="/"), *(func.instr(column, ch) > 0 for ch in exceptions))


def _tab_condition(tab):
    if tab == "reported":
        return Comment.report_count > 0
    if tab == "all":
        return None
    return Comment.status == Status(tab)


def _before(cursor_pair):
    created_at, comment_id = cursor_pair
    return or_(Comment.created_at < created_at, and_(Comment.created_at == created_at, Comment.id < comment_id))


def list_comments(query, limit=50, cursor=None):
    """One page of comments for ``query``: (comments, next_cursor or None)."""
    statement = select(Comment).where(*_filters(query))
    tab = _tab_condition(query.tab)
    if tab is not None:
        statement = statement.where(tab)
    if cursor:
        pair = decode_cursor(cursor)
        statement = statement.where(after(pair) if query.oldest_first else _before(pair))
    order = (Comment.created_at, Comment.id) if query.oldest_first else (Comment.created_at.desc(), Comment.id.desc())
    comments = list(db.session.execute(statement.order_by(*order).limit(limit + 1)).scalars())
    if len(comments) <= limit:
        return comments, None
    comments = comments[:limit]
    return comments, encode_cursor(comments[-1].created_at, comments[-1].id)


# Tabs are counted only this far: past it the page says "10.000+" ("1.000+" for a search), so
# a million comments (or a common search word) never cost a scan of the whole table.
SEARCH_TOTAL_CAP = 1000
TOTAL_CAP = 10000


class AtLeast(int):
    """A lower bound, not an exact total (a capped count): the page shows it with a "+"."""
    capped = True


def _capped_count(statement, cap):
    found = db.session.execute(select(func.count()).select_from(statement.limit(cap + 1).subquery())).scalar()
    return AtLeast(cap) if found > cap else found


def _capped_totals(conditions, known, cap):
    """Tab totals, each capped; ``known`` holds totals the page already counted."""
    totals = {}
    for status in Status:
        totals[status.value] = known.get(status.value)
        if totals[status.value] is None:
            totals[status.value] = _capped_count(select(Comment.id).where(Comment.status == status, *conditions), cap)
    totals["reported"] = known.get("reported")
    if totals["reported"] is None:
        totals["reported"] = _capped_count(select(Report.comment_id).distinct()
                                           .join(Comment, Comment.id == Report.comment_id).where(*conditions), cap)
    counted = [totals[status.value] for status in Status]
    capped = any(isinstance(n, AtLeast) for n in counted)
    totals["all"] = AtLeast(sum(counted)) if capped else sum(counted)
    return totals


def tab_totals(query, page=None, cap=None):
    """Live totals of every tab under the same article/flag/search filters, each a capped count.

    Counting stops at TOTAL_CAP (SEARCH_TOTAL_CAP while searching) and reports ``AtLeast``
    past it, so a million approved comments cost ten thousand index entries, not a scan;
    the pending tab, the one moderators watch, is normally well under the cap and exact.
    Given the ``page`` just listed for ``query``, a first page that holds every match gives
    its tab's total without counting again.
    """
    known = {}
    if page is not None and page.complete and query.tab != "all":
        known[query.tab] = len(page.rows)
    cap = cap or (SEARCH_TOTAL_CAP if query.search else TOTAL_CAP)
    return _capped_totals(_filters(query), known, cap)


def submitter_history(comments):
    """{comment id: (approved, rejected)} over every comment sharing the submitter's ip_hash or email.

    One grouped query for the whole page; each row then sums the groups that match it.
    """
    ips = {c.ip_hash for c in comments}
    emails = {c.email for c in comments if c.email}
    if not comments:
        return {}
    match = Comment.ip_hash.in_(ips) if not emails else or_(Comment.ip_hash.in_(ips), Comment.email.in_(emails))
    groups = db.session.execute(
        select(Comment.ip_hash, Comment.email, Comment.status, func.count())
        .where(match, Comment.status.in_((Status.APPROVED, Status.REJECTED)))
        .group_by(Comment.ip_hash, Comment.email, Comment.status)).all()
    history = {}
    for comment in comments:
        counts = {Status.APPROVED: 0, Status.REJECTED: 0}
        for ip_hash, email, status, count in groups:
            if ip_hash == comment.ip_hash or (comment.email and email == comment.email):
                counts[status] += count
        history[comment.id] = (counts[Status.APPROVED], counts[Status.REJECTED])
    return history


def report_reasons(comments, per_comment=5):
    """{comment id: [reason, ...]}: the latest non-empty reasons readers gave, for reported rows only."""
    reported = [c.id for c in comments if c.report_count]
    reasons = {comment_id: [] for comment_id in reported}
    if reported:
        rows = db.session.execute(select(Report.comment_id, Report.reason)
                                  .where(Report.comment_id.in_(reported), Report.reason != "")
                                  .order_by(Report.id.desc())).all()
        for comment_id, reason in rows:
            if len(reasons[comment_id]) < per_comment:
                reasons[comment_id].append(reason)
    return reasons


def queue_page(query, limit=50, cursor=None, highlighter=None):
    """The queue as the page shows it: comments with their submitter history, report reasons
    and, given ``highlighter(text) -> [Span]`` (the word rules' ``highlight``), marked words."""
    comments, next_cursor = list_comments(query, limit, cursor)
    history = submitter_history(comments)
    reasons = report_reasons(comments)
    rows = []
    for c in comments:
        spans = highlighter(c.body_text) if highlighter else []
        rows.append(Row(c, *history.get(c.id, (0, 0)), report_reasons=reasons.get(c.id, []),
                        body_html=marked_html(c.body_text, spans) if spans else c.body_html))
    return QueuePage(rows, next_cursor, complete=cursor is None and next_cursor is None)


# Private-use sentinels carry the marks through the reader's renderer, then become tags.
_MARKS = {"banned_word": "\ue000", "suspect_word": "\ue001"}
_END = "\ue002"


def _merged(spans):
    """Overlapping spans joined into one; banned wins over suspect for the joined span."""
    merged = []
    for span in sorted(spans):
        if merged and span.start < merged[-1][1]:
            start, end, code = merged[-1]
            merged[-1] = (start, max(end, span.end), "banned_word" if "banned_word" in (code, span.code) else code)
        else:
            merged.append((span.start, span.end, span.code))
    return merged


def marked_html(text, spans):
    """The comment rendered exactly as readers see it (``text.render_html``), with the words
    each rule fired on wrapped in <mark class="banned_word|suspect_word">.

    Sentinels a reader typed are replaced first (same length, so offsets hold); the result
    passes nh3 again, which also closes a mark that a paragraph break would have split.
    """
    for sentinel in (*_MARKS.values(), _END):
        text = text.replace(sentinel, "\ufffd")
    pieces, position = [], 0
    for start, end, code in _merged(spans):
        pieces += [text[position:start], _MARKS.get(code, _MARKS["suspect_word"]), text[start:end], _END]
        position = end
    markup = textwork.render_html("".join(pieces) + text[position:])
    for code, sentinel in _MARKS.items():
        markup = markup.replace(sentinel, f'<mark class="{code}">')
    markup = markup.replace(_END, "</mark>")
    return nh3.clean(markup, tags=textwork.ALLOWED_TAGS | {"mark"},
                     attributes={**textwork.ALLOWED_ATTRIBUTES, "mark": {"class"}},
                     url_schemes=textwork.ALLOWED_SCHEMES, link_rel=None)
