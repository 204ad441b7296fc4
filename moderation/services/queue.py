"""The moderators' view of comments: tabs with totals, filters, search, keyset pages, and
for each row the facts a moderator decides by (submitter history, report reasons).

Called by the queue page, the JSON listing of the moderation API and the tests. Pages are
keyset-paginated on (created_at, id), never OFFSET, so page 500 costs what page 1 costs.
"""
from dataclasses import dataclass, field

from sqlalchemy import Text, and_, cast, func, or_, select, tuple_

from moderation import messages
from moderation.core import text as textwork
from moderation.core.ids import ascii_digits
from moderation.core.marks import marked_html
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core import cursor as codec
from moderation.core.states import Flag
from moderation.models import Article, Comment, Report, Status
from moderation.services.paging import decode_cursor, keyset_page

TABS = ("pending", "reported", "approved", "rejected", "all")
FLAG_CODES = tuple(flag.value for flag in Flag)
MAX_LIMIT = 100


@dataclass(frozen=True)
class QueueQuery:
    """What the moderator asked to see. Pending reads oldest first (work in arrival order);
    every other tab newest first."""
    tab: str = "pending"
    article_id: str | None = None
    flag: str | None = None
    search: str | None = None
    # One submitter's comments, by the key the page's history line names.
    email: str | None = None
    ip_hash: str | None = None
    # The site ids the moderator may see and asked for; None: every site (an admin, no filter).
    # Rows and totals of other sites never appear: a moderator's scope is applied here, once.
    sites: frozenset | None = None
    # Only editor's picks ("Bình luận nổi bật").
    featured: bool = False

    @classmethod
    def parse(cls, tab=None, article_id=None, flag=None, search=None, email=None, ip_hash=None, sites=None,
              featured=False):
        """A validated query; ServiceError(400) names the bad parameter. ``sites``: see ``scoped_sites``."""
        tab = tab or "pending"
        if tab not in TABS:
            raise ServiceError("validation", 400, {"status": messages.ERRORS["validation"]})
        if flag and flag not in FLAG_CODES:
            raise ServiceError("validation", 400, {"flag": messages.ERRORS["validation"]})
        search = (search or "").strip()[:200] or None
        return cls(tab, (article_id or "").strip()[:300] or None, flag or None, search,
                   (email or "").strip().lower()[:254] or None, (ip_hash or "").strip()[:64] or None,
                   None if sites is None else frozenset(sites), bool(featured))

    @property
    def oldest_first(self):
        return self.tab == "pending"


def scoped_sites(granted, asked=None):
    """The site ids a queue shows: those ``asked`` for (None: all) within those ``granted`` (None: all)."""
    if asked is None:
        return granted
    asked = set(asked)
    return asked if granted is None else asked & set(granted)


@dataclass
class Row:
    comment: Comment
    # (approved, rejected) of the comments with the same email (None without one) and the same IP hash.
    by_email: tuple | None = None
    by_ip: tuple = (0, 0)
    report_reasons: list = field(default_factory=list)
    # The reader's HTML with the words a rule fired on in <mark>; body_html when none fired.
    body_html: str = ""
    # (author, one-line quote) of the comment this one replies to.
    parent: tuple | None = None


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
    if query.sites is not None:
        conditions.append(Comment.site_id.in_(sorted(query.sites)))
    if query.article_id:
        # An article's title names it on its own site only: the same id elsewhere is another article.
        titled = select(Article.site_id, Article.id).where(Article.title.icontains(query.article_id, autoescape=True))
        conditions.append(or_(Comment.article_id == query.article_id,
                              tuple_(Comment.site_id, Comment.article_id).in_(titled)))
    if query.email:
        conditions.append(Comment.email == query.email)
    if query.ip_hash:
        conditions.append(Comment.ip_hash == query.ip_hash)
    if query.flag == "reported":
        conditions.append(Comment.report_count > 0)
    elif query.flag:
        conditions.append(_has_flag(query.flag))
    if query.search:
        conditions.append(_search(query.search))
    if query.featured:
        conditions.append(Comment.featured_at.is_not(None))
    return conditions


def _search(needle):
    """A toneless needle ("xe buyt") matches accented text through the folded column, with one
    native LIKE (~3x faster than the exact search on SQLite); a needle with diacritics ("xe buýt")
    still matches exactly as typed, ignoring case."""
    folded = textwork.fold(needle)
    if folded == needle.lower():
        return Comment.search_text.contains(folded, autoescape=True)
    columns = (Comment.body_text, Comment.author, Comment.email)
    exact = or_(*(column.icontains(needle, autoescape=True) for column in columns))
    if db.session.get_bind().dialect.name == "sqlite":
        return and_(or_(*(_sqlite_prefilter(column, needle) for column in columns)), exact)
    return exact


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
    """The one predicate of each tab, shared by its listing and its total. "Bị báo cáo" holds the
    comments with open reports that still show (a rejected one has been dealt with)."""
    if tab == "reported":
        return and_(Comment.report_count > 0, Comment.status != Status.REJECTED)
    if tab == "all":
        return None
    return Comment.status == Status(tab)


def list_comments(query, limit=50, cursor=None):
    """One page of comments for ``query``: (comments, next_cursor or None). The reported tab reads
    most reported first, then newest; its cursor carries the report count too."""
    if query.tab == "reported":
        return _list_reported(query, limit, cursor)
    statement = select(Comment).where(*_filters(query))
    tab = _tab_condition(query.tab)
    if tab is not None:
        statement = statement.where(tab)
    return keyset_page(db.session, statement, Comment.created_at, Comment.id, limit=limit, cursor=cursor,
                       newest_first=not query.oldest_first, order=f"queue:{query.tab}")


def _list_reported(query, limit, cursor):
    statement = select(Comment).where(*_filters(query), _tab_condition("reported"))
    if cursor:
        count, _, rest = cursor.partition(".")
        if not ascii_digits(count) or not rest:
            raise ServiceError("validation", 400, {"cursor": messages.FIELDS["cursor"]})
        count = int(count)
        created_at, comment_id = decode_cursor(rest, "queue:reported")
        before = or_(Comment.created_at < created_at, and_(Comment.created_at == created_at, Comment.id < comment_id))
        statement = statement.where(or_(Comment.report_count < count, and_(Comment.report_count == count, before)))
    order = (Comment.report_count.desc(), Comment.created_at.desc(), Comment.id.desc())
    comments = list(db.session.execute(statement.order_by(*order).limit(limit + 1)).scalars())
    if len(comments) <= limit:
        return comments, None
    comments = comments[:limit]
    last = comments[-1]
    return comments, f"{last.report_count}.{codec.encode(last.created_at, last.id, 'queue:reported')}"


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
        totals["reported"] = _capped_count(select(Comment.id).where(_tab_condition("reported"), *conditions), cap)
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


def _decided_counts(column, values, sites=None):
    """{value: (approved, rejected)} over the comments whose ``column`` is one of ``values``, on
    the ``sites`` given (None: every site)."""
    counts = {value: [0, 0] for value in values}
    scope = [] if sites is None else [Comment.site_id.in_(sorted(sites))]
    if values:
        for value, status, count in db.session.execute(
                select(column, Comment.status, func.count())
                .where(column.in_(values), Comment.status.in_((Status.APPROVED, Status.REJECTED)), *scope)
                .group_by(column, Comment.status)):
            counts[value][status == Status.REJECTED] += count
    return {value: tuple(pair) for value, pair in counts.items()}


def submitter_history(comments, sites=None):
    """{comment id: (by_email, by_ip)}, each (approved, rejected), by_email None without an email,
    counted on the ``sites`` the moderator sees (None: every site): another site's decisions are
    not theirs to read, not even as a total.

    The two are kept apart and named on the page: behind carrier NAT, common on Vietnamese
    mobile networks, one IP hash is many strangers, so merging them would paint a reader with
    strangers' records. One grouped query per key for the whole page.
    """
    by_email = _decided_counts(Comment.email, {c.email for c in comments if c.email}, sites)
    by_ip = _decided_counts(Comment.ip_hash, {c.ip_hash for c in comments}, sites)
    return {c.id: (by_email[c.email] if c.email else None, by_ip[c.ip_hash]) for c in comments}


def report_reasons(comments, per_comment=5):
    """{comment id: [reason, ...]}: the latest non-empty reasons of the open reports, at most
    ``per_comment`` each, cut in SQL (a window function), not by reading every report."""
    reported = [c.id for c in comments if c.report_count]
    reasons = {comment_id: [] for comment_id in reported}
    if reported:
        ranked = (select(Report.comment_id, Report.reason,
                         func.row_number().over(partition_by=Report.comment_id, order_by=Report.id.desc()).label("n"))
                  .where(Report.comment_id.in_(reported), Report.reason != "", Report.dismissed_at.is_(None))
                  .subquery())
        rows = db.session.execute(select(ranked.c.comment_id, ranked.c.reason)
                                  .where(ranked.c.n <= per_comment).order_by(ranked.c.comment_id, ranked.c.n)).all()
        for comment_id, reason in rows:
            reasons[comment_id].append(reason)
    return reasons


QUOTE_LENGTH = 60


def quote(text, length=QUOTE_LENGTH):
    """The first line of a comment, cut at a word near ``length`` characters with "…"."""
    line = text.strip().split("\n", 1)[0].strip()
    if len(line) <= length and "\n" not in text.strip():
        return line
    cut = line[:length].rsplit(" ", 1)[0] if len(line) > length else line
    return cut.rstrip(" ,.;:") + "…"


def parent_quotes(comments):
    """{parent id: (author, quote)} for the replies on the page, in one query."""
    ids = {c.parent_id for c in comments if c.parent_id}
    if not ids:
        return {}
    rows = db.session.execute(select(Comment.id, Comment.author, Comment.body_text).where(Comment.id.in_(ids)))
    return {comment_id: (author, quote(body)) for comment_id, author, body in rows}


def queue_page(query, limit=50, cursor=None, highlighter=None):
    """The queue as the page shows it: comments with their submitter history, report reasons
    and, given ``highlighter(text, site_id) -> [Span]`` (the word rules' ``highlight`` with the
    rules of the comment's site), marked words."""
    comments, next_cursor = list_comments(query, limit, cursor)
    history = submitter_history(comments, query.sites)
    reasons = report_reasons(comments)
    parents = parent_quotes(comments)
    rows = []
    for c in comments:
        on_site = None if highlighter is None else (lambda text, site_id=c.site_id: highlighter(text, site_id))
        marked = on_site is not None and on_site(c.body_text)
        rows.append(Row(c, *history[c.id], report_reasons=reasons.get(c.id, []),
                        body_html=marked_html(c.body_html, on_site) if marked else c.body_html,
                        parent=parents.get(c.parent_id)))
    return QueuePage(rows, next_cursor, complete=cursor is None and next_cursor is None)
