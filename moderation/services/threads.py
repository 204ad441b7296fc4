"""The public side of a thread: approved comments with their replies, in the reader's sort, and reader reports."""
import hashlib
import json
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import lazyload
from sqlalchemy.exc import IntegrityError

from moderation import messages
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Article, Comment, Report, Status
from moderation.services.paging import keyset_page, parse_limit, ranked_page
from moderation.core.text import normalize_line
from moderation.core.times import local_iso
from moderation.services.articles import comments_open, find_article, get_setting
from moderation.services.indexhints import indexed_by
from moderation.services.sites import SORTS


def approved_count(article_id, site_id=DEFAULT_SITE_ID):
    value = db.session.execute(select(Article.approved_count)
                               .where(Article.site_id == site_id, Article.id == article_id)).scalar()
    return value or 0


TABS = ("all", "featured")
# The order each (tab, sort) is read in, as tagged inside its cursors; the default listing keeps
# the tag it had before sorts existed, so cursors handed out then stay valid.
_ORDER_TAGS = {(tab, sort): ("thread" if (tab, sort) == ("all", "oldest") else f"thread-{tab}-{sort}")
               for tab in TABS for sort in SORTS}


class Thread(NamedTuple):
    count: int
    items: list  # [(comment, [replies])]
    next_cursor: str | None
    open: bool  # whether readers may comment, so the page shows the form or says it is closed
    sort: str = "oldest"
    tab: str = "all"
    has_featured: bool = False  # whether the article has picks, so the embed shows the "Nổi bật" tab


def default_sort(site_id=DEFAULT_SITE_ID):
    """The site's ``default_sort`` setting (``oldest`` unless an admin chose otherwise)."""
    value = get_setting("default_sort", site_id)
    return value if value in SORTS else "oldest"


def parse_view(sort, tab, site_id=DEFAULT_SITE_ID):
    """``(sort, tab)`` from query-string values: absent means the site's default sort and every
    comment; anything else unknown is ServiceError(400) naming the field."""
    fields = {}
    if sort in (None, ""):
        sort = default_sort(site_id)
    elif sort not in SORTS:
        fields["sort"] = messages.FIELDS["sort"]
    tab = tab or "all"
    if tab not in TABS:
        fields["tab"] = messages.FIELDS["tab"]
    if fields:
        raise ServiceError("validation", 400, fields)
    return sort, tab


# Each statement of a page reads only its article's rows, through the index named here (see
# services/indexhints.py): so a page costs the same at 10k and at 1M comments in the database.
THREAD_INDEX = "ix_comments_thread"  # (site_id, article_id, status, created_at, id): oldest, newest
TOP_INDEX = "ix_comments_thread_top"  # (site_id, article_id, status, likes, created_at, id): top
REPLIES_INDEX = "ix_comments_parent"


def _top_level(article_id, site_id, tab, sort):
    query = (indexed_by(select(Comment), Comment, TOP_INDEX if sort == "top" else THREAD_INDEX)
             .options(lazyload(Comment.article))
             .where(Comment.site_id == site_id, Comment.article_id == article_id, Comment.status == Status.APPROVED,
                    Comment.parent_id.is_(None)))
    return query.where(Comment.featured_at.is_not(None)) if tab == "featured" else query


def _replies(parent_ids):
    """The approved replies under ``parent_ids``, oldest first."""
    return db.session.execute(
        indexed_by(select(Comment), Comment, REPLIES_INDEX).options(lazyload(Comment.article))
        .where(Comment.parent_id.in_(parent_ids), Comment.status == Status.APPROVED)
        .order_by(Comment.created_at, Comment.id)).scalars()


def _has_featured(article_id, site_id):
    # The article's own approved comments, not ix_comments_featured: the site's picks grow with
    # the site, and that partial index has no statistics while it is still empty at ANALYZE time.
    return db.session.execute(indexed_by(select(Comment.id), Comment, THREAD_INDEX).where(
        Comment.site_id == site_id, Comment.article_id == article_id, Comment.status == Status.APPROVED,
        Comment.parent_id.is_(None), Comment.featured_at.is_not(None)).limit(1)).first() is not None


def public_thread(article_id, limit=50, cursor=None, site_id=DEFAULT_SITE_ID, sort=None, tab=None):
    """A page of approved top-level comments of the site's article in ``sort`` order (the site's
    default when None; ``top`` = most liked, then newest), each with its approved replies oldest
    first. ``tab="featured"``: only the picks. A cursor read under another sort or tab is a 400."""
    sort, tab = parse_view(sort, tab, site_id)
    order = _ORDER_TAGS[tab, sort]
    query = _top_level(article_id, site_id, tab, sort)
    if sort == "top":
        top, next_cursor = ranked_page(db.session, query, Comment.likes, Comment.created_at, Comment.id,
                                       limit=limit, cursor=cursor, order=order)
    else:
        top, next_cursor = keyset_page(db.session, query, Comment.created_at, Comment.id, limit=limit, cursor=cursor,
                                       newest_first=sort == "newest", order=order)
    replies = {c.id: [] for c in top}
    if top:
        for reply in _replies(list(replies)):
            replies[reply.parent_id].append(reply)
    has_featured = any(c.featured_at for c in top) or _has_featured(article_id, site_id)
    return Thread(approved_count(article_id, site_id), [(c, replies[c.id]) for c in top], next_cursor,
                  comments_open(find_article(article_id, site_id), site_id=site_id), sort, tab, has_featured)


def public_comment(comment, replies=()):
    """What any reader may see: never email, address hash or flags. ``staff`` is the newsroom's
    badge on a reply the newsroom wrote ("Tòa soạn"), null on readers' comments."""
    return {
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "body_html": comment.body_html,
        "created_at": local_iso(comment.created_at),
        "likes": comment.likes,
        "featured": comment.featured_at is not None,
        "reply_count": comment.reply_count,
        "staff": {"badge": comment.staff_badge or ""} if comment.staff_id is not None else None,
        "replies": [public_comment(reply) for reply in replies],
    }


def thread_json(article_id, page):
    """The JSON object of ``GET .../articles/<id>/comments`` for a page of ``public_thread``."""
    return {"article_id": article_id, "count": page.count, "next": page.next_cursor, "open": page.open,
            "sort": page.sort, "tab": page.tab, "has_featured": page.has_featured,
            "comments": [public_comment(c, replies) for c, replies in page.items]}


def thread_answer(article_id, args, site_id=DEFAULT_SITE_ID):
    """``(body bytes, strong ETag)`` of the thread for query arguments ``args`` (a mapping of
    limit, cursor, sort, tab); ServiceError(400) for a bad one.

    The body is the whole answer and the ETag a hash of it, so the ETag changes exactly when
    anything a reader sees changes (a comment approved, a like, a pick, the article closing) and
    never otherwise: no token, clock or reader-specific value is in it.
    """
    page = public_thread(article_id, parse_limit(args.get("limit")), args.get("cursor") or None, site_id=site_id,
                         sort=args.get("sort"), tab=args.get("tab"))
    body = json.dumps(thread_json(article_id, page), ensure_ascii=False, separators=(",", ":")).encode()
    return body, '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def report_comment(comment_id, reason, ip_hash):
    """Record a reader's flag on an approved comment; one per reader per comment."""
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.status != Status.APPROVED:
        raise ServiceError("not_found", 404)
    if reason is not None and not isinstance(reason, str):
        raise ServiceError("validation", 400, {"reason": messages.FIELDS["not_text"]})
    reason = normalize_line(reason or "")
    if len(reason) > 500:
        raise ServiceError("validation", 400, {"reason": messages.FIELDS["too_long"] % {"max": 500}})
    try:
        db.session.add(Report(comment_id=comment_id, reason=reason, ip_hash=ip_hash))
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        return False
    db.session.execute(db.update(Comment).where(Comment.id == comment_id)
                       .values(report_count=Comment.report_count + 1))
    db.session.commit()
    return True
