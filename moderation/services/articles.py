"""Articles as the CMS knows them, and the site-wide defaults they fall back on.

The article URL rule lives here once: a title is one normalized line of at most 300
characters, a URL is http(s), on one of the site's origins, at most 2,000 characters.
The CMS (``PUT /api/v1/articles``), the admin page and ``flask articles set`` are refused
with a 400 naming the field; a reader's title and URL that break it are ignored.
"""
from collections import namedtuple
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, bindparam, func, literal_column, or_, select, update

from moderation import messages
from moderation.core.states import Action, Target
from moderation.core.text import normalize_line
from moderation.core.urls import http_origin, on_origins
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import DEFAULT_SITE_ID, Article, Comment, Moderation, Setting, SiteSetting, Status, utcnow
from moderation.services import audit
from moderation.services.driver_sql import Prepared, core
from moderation.services.paging import decode_cursor
from moderation.core import cursor as codec

TITLE_MAX = 300
URL_MAX = 2000

# registered_only = "1": comments only on articles the CMS registered (PUT /api/v1/articles/<id>).
# close_after_days: comments close this many days after an article is first seen, 0 = never.
# lockdown: "1" closes every article at once (breaking news); "0" reopens them as they were,
# since it is consulted, never written into the articles.
# staff_badge: the label newsroom replies carry (services/newsroom.py), per site.
SITE_DEFAULTS = {"moderation": Moderation.PRE.value, "comments_open": "1", "registered_only": "0",
                 "close_after_days": "0", "lockdown": "0", "staff_badge": "Tòa soạn", "default_sort": "oldest"}
STAFF_BADGE_MAX = 40


def clean_staff_badge(value):
    """A badge label as stored: one normalized line of 1 to STAFF_BADGE_MAX characters; else a 400."""
    label = normalize_line(value if isinstance(value, str) else "")
    if not label or len(label) > STAFF_BADGE_MAX:
        raise ServiceError("validation", 400, {"staff_badge": messages.FIELDS["staff_badge"]})
    return label


class _SiteDefault:
    """Marker for ``update_article``: forget the article's own setting and follow the site's again."""

    def __repr__(self):
        return "SITE_DEFAULT"


SITE_DEFAULT = _SiteDefault()


class SettingsInEffect:
    """The installation's settings and one site's own, read in one query, for work that consults
    several (a submission asks for six: ten primary-key lookups through the ORM were half its CPU).

    Read inside the caller's transaction, so it is as fresh as the lookups it replaces; asked
    about another site, it answers with ``get_setting``'s own lookup.

    ``rows``: the (own, key, value) rows of ``OF_SITE`` for ``site_id``, when the caller read them
    with its own statement (a submission reads them with the sender's history and the article);
    a row whose key is None (a LEFT JOIN that found no setting) counts for nothing.
    """

    _INSTALLATION = select(literal_column("0").label("own"), Setting.key, Setting.value)
    # Every setting that may apply on the site whose id is the ``site_id`` parameter: own is 1 for its own.
    OF_SITE = _INSTALLATION.union_all(select(literal_column("1"), SiteSetting.key, SiteSetting.value)
                                      .where(SiteSetting.site_id == bindparam("site_id")))
    # Plain strings: sent as prepared statements (``driver_sql.Prepared``).
    _QUERIES = {False: Prepared(_INSTALLATION), True: Prepared(OF_SITE)}

    def __init__(self, site_id=None, rows=None):
        self.site_id = site_id
        self.installation, self.own = {}, {}
        if rows is None:
            rows = self._QUERIES[site_id is not None].execute({"site_id": site_id})
        for own, key, value in rows:
            if key is not None:
                (self.own if own else self.installation)[key] = value

    def get(self, key, site_id=None):
        if site_id is not None and site_id != self.site_id:
            return get_setting(key, site_id)
        if site_id is not None and key in self.own:
            return self.own[key]
        return self.installation.get(key, SITE_DEFAULTS.get(key))


def get_setting(key, site_id=None, settings=None):
    """The value in effect: the site's own (when ``site_id`` is given and it has one), else the installation's.

    ``settings``: a ``SettingsInEffect`` already read, answering without a query.
    """
    if settings is not None:
        return settings.get(key, site_id)
    if site_id is not None:
        own = db.session.get(SiteSetting, (site_id, key))
        if own is not None:
            return own.value
    row = db.session.get(Setting, key)
    return row.value if row else SITE_DEFAULTS.get(key)


def set_setting(key, value):
    row = db.session.get(Setting, key)
    if row:
        row.value = value
    else:
        db.session.add(Setting(key=key, value=value))


def _site_of(article, site_id=None):
    return article.site_id if article is not None else site_id


def effective_moderation(article, site_id=None, settings=None):
    """Article ▸ site ▸ installation."""
    if article is not None and article.moderation is not None:
        return article.moderation
    return Moderation(get_setting("moderation", _site_of(article, site_id), settings))


def close_after_days(article, settings=None):
    """The auto-close delay in effect for the article: its own, else the site's; 0 = never."""
    if article is not None and article.close_after_days is not None:
        return article.close_after_days
    return int(get_setting("close_after_days", _site_of(article), settings) or 0)


def closes_at(article, settings=None):
    """When auto-close shuts the article (None: never): N days after it was first seen."""
    days = close_after_days(article, settings)
    return article.created_at + timedelta(days=days) if article is not None and days else None


def comments_open(article, now=None, site_id=None, settings=None):
    """May readers comment now? Not during a lockdown (the site's, else the installation's), not
    once auto-close has passed, else the article's own setting, else the site's, else the installation's."""
    site_id = _site_of(article, site_id)
    if get_setting("lockdown", site_id, settings) == "1":
        return False
    deadline = closes_at(article, settings)
    if deadline is not None and (now or utcnow()) >= deadline:
        return False
    if article is not None and article.comments_open is not None:
        return article.comments_open
    return get_setting("comments_open", site_id, settings) == "1"


def _insert_ignoring_conflict(values):
    """INSERT ... ON CONFLICT DO NOTHING on both SQLite and PostgreSQL.

    Two first comments on a new article may race; neither may fail for it.
    """
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - only the two supported databases reach here
        raise RuntimeError(f"unsupported database {dialect}")
    db.session.execute(insert(Article).values(**values).on_conflict_do_nothing(index_elements=["site_id", "id"]))


def article_fields(title, url, origins):
    """(title, url) cleaned by the article URL rule (None stays None); ServiceError(400) naming each bad one."""
    fields = {}
    if title is not None:
        title = normalize_line(title)
        if len(title) > TITLE_MAX:
            fields["title"] = messages.FIELDS["too_long"] % {"max": TITLE_MAX}
    if url is not None:
        url = normalize_line(url)
        if len(url) > URL_MAX:
            fields["url"] = messages.FIELDS["too_long"] % {"max": URL_MAX}
        elif http_origin(url) is None:
            fields["url"] = messages.FIELDS["http_url"]
        elif not on_origins(url, origins):
            fields["url"] = messages.FIELDS["url_origin"]
    if fields:
        raise ServiceError("validation", 400, fields)
    return title, url


def reader_article_fields(title, url, origins):
    """What a reader's form may contribute: the title cut to length, the URL only if it passes the rule."""
    title = normalize_line(title or "")[:TITLE_MAX] or None
    try:
        url = article_fields(None, url, origins)[1] if url else None
    except ServiceError:
        url = None
    return title, url


def accepts_unregistered(settings=None):
    """False when the site takes comments only on articles the CMS registered."""
    return get_setting("registered_only", settings=settings) != "1"


def _filled_in(article, title, url):
    """What a reader's title and url fill in: only where still empty, and only on an article the
    CMS has not registered (what the CMS set, or left empty, a reader never replaces)."""
    if article.registered_at is not None:
        return {}
    return {name: value for name, value, now in (("title", title, article.title), ("url", url, article.url))
            if value and not now}


def ensure_article(article_id, title=None, url=None, site_id=DEFAULT_SITE_ID):
    """The article row, created on first sight; title and url fill in only where still empty."""
    article = db.session.get(Article, (site_id, article_id))
    if article is None:
        _insert_ignoring_conflict({"site_id": site_id, "id": article_id, "title": title, "url": url,
                                   "approved_count": 0, "created_at": utcnow()})
        article = db.session.get(Article, (site_id, article_id))
    for name, value in _filled_in(article, title, url).items():
        setattr(article, name, value)
    return article


_ARTICLES = Article.__table__
_ARTICLE_ROW = select(_ARTICLES).where(_ARTICLES.c.site_id == bindparam("site_id"), _ARTICLES.c.id == bindparam("id"))
# The article's columns, for a caller that reads them with its own statement (``article_row``).
ARTICLE_COLUMNS = tuple(_ARTICLES.c)
ArticleRow = namedtuple("ArticleRow", [column.name for column in ARTICLE_COLUMNS])
# ``article_for_comment``'s default: the caller did not read the article, so it does.
READ_IT = object()


def article_row(values):
    """The article as ``article_for_comment`` takes it, from the values of ``ARTICLE_COLUMNS`` in
    order (with their result types); None when they are a LEFT JOIN's NULLs (no such article)."""
    row = ArticleRow(*values)
    return None if row.id is None else row


def article_for_comment(article_id, title=None, url=None, site_id=DEFAULT_SITE_ID, row=READ_IT):
    """``ensure_article`` for a submission, as a read-only row (the same columns by the same names):
    a Core SELECT, not an ORM object in the identity map, 35 against 180-250 µs of CPU. The fill-in
    of title and url is the same rule, written at once by its own UPDATE.

    ``row``: the article as the caller read it moments ago in this transaction (``article_row``),
    None when there was none."""
    key = {"site_id": site_id, "id": article_id}
    if row is READ_IT:
        row = core(_ARTICLE_ROW, key).first()
    if row is None:
        _insert_ignoring_conflict({**key, "title": title, "url": url, "approved_count": 0, "created_at": utcnow()})
        row = db.session.execute(_ARTICLE_ROW, key).first()
    filled = _filled_in(row, title, url)
    if filled:
        db.session.execute(update(_ARTICLES).where(_ARTICLES.c.site_id == site_id, _ARTICLES.c.id == article_id)
                           .values(**filled))
        row = db.session.execute(_ARTICLE_ROW, key).first()
    return row


def find_article(article_id, site_id=DEFAULT_SITE_ID):
    return db.session.get(Article, (site_id, article_id))


def _article_state(article):
    return {"title": article.title, "url": article.url,
            "moderation": article.moderation.value if article.moderation else None,
            "comments_open": article.comments_open, "close_after_days": article.close_after_days,
            "registered": article.registered_at is not None}


def update_article(article_id, *, actor, origins=(), title=None, url=None, moderation=None, comments_open=None,
                   close_after_days=None, registered=False, site_id=DEFAULT_SITE_ID):
    """Partial update, creating the article if new; ``None`` leaves a setting as it is. Audited
    with the settings before and after; title and URL follow the article URL rule.

    ``registered`` marks the article as the CMS's (see ``accepts_unregistered``), once.

    ``SITE_DEFAULT`` for ``moderation`` or ``comments_open`` clears the article's own value,
    so it follows the site default again (None could not mean that: it already means "unchanged").
    """
    title, url = article_fields(title, url, origins)
    article = ensure_article(article_id, site_id=site_id)
    before = _article_state(article)
    if registered and article.registered_at is None:
        article.registered_at = utcnow()
    if title is not None:
        article.title = title
    if url is not None:
        article.url = url
    if moderation is not None:
        article.moderation = None if moderation is SITE_DEFAULT else Moderation(moderation)
    if comments_open is not None:
        article.comments_open = None if comments_open is SITE_DEFAULT else comments_open
    if close_after_days is not None:
        article.close_after_days = None if close_after_days is SITE_DEFAULT else int(close_after_days)
    after = _article_state(article)
    if after != before:
        audit.record(actor, Action.ARTICLE_SETTINGS, Target.ARTICLE, article.id,
                     details={"before": before, "after": after}, site_id=article.site_id)
    db.session.commit()
    return article


ARTICLES_PAGE = 50


def list_articles(search=None, limit=ARTICLES_PAGE, cursor=None, site_id=None):
    """Articles for the admins' list, newest first, keyset-paged: (rows, next_cursor or None).

    ``search`` matches a title fragment (case-insensitive) or an exact id; ``site_id`` keeps to one
    site (None: every site). Each row is (article, pending count, last comment time); the approved
    count is the article's column. The two counts take one grouped query for the page, never one
    per article, and count each article on its own site (two sites may share an article id).
    """
    query = select(Article)
    if site_id is not None:
        query = query.where(Article.site_id == site_id)
    if search:
        query = query.where(or_(Article.id == search, Article.title.icontains(search, autoescape=True)))
    if cursor:
        created_at, _ = decode_cursor(cursor.split(".", 1)[0], "articles")
        site_part, _, article_id = (cursor.split(".", 1)[1] if "." in cursor else "").partition(".")
        if not site_part.isdigit():
            raise ServiceError("validation", 400, {"cursor": messages.FIELDS["cursor"]})
        after_site = int(site_part)
        query = query.where(or_(Article.created_at < created_at,
                                and_(Article.created_at == created_at,
                                     or_(Article.site_id < after_site,
                                         and_(Article.site_id == after_site, Article.id < article_id)))))
    articles = list(db.session.execute(query.order_by(Article.created_at.desc(), Article.site_id.desc(),
                                                      Article.id.desc()).limit(limit + 1)).scalars())
    next_cursor = None
    if len(articles) > limit:
        articles = articles[:limit]
        last = articles[-1]
        next_cursor = f"{codec.encode(last.created_at, 1, 'articles')}.{last.site_id}.{last.id}"
    keys = {(a.site_id, a.id) for a in articles}
    pending, latest = {}, {}
    if keys:
        for site, article_id, status, count, newest in db.session.execute(
                select(Comment.site_id, Comment.article_id, Comment.status, func.count(), func.max(Comment.created_at))
                .where(Comment.article_id.in_({article_id for _, article_id in keys}),
                       Comment.site_id.in_({site for site, _ in keys}))
                .group_by(Comment.site_id, Comment.article_id, Comment.status)):
            key = (site, article_id)
            if key not in keys:
                continue
            if status == Status.PENDING:
                pending[key] = count
            newest = _aware(newest)
            if latest.get(key) is None or newest > latest[key]:
                latest[key] = newest
    return [(a, pending.get((a.site_id, a.id), 0), latest.get((a.site_id, a.id))) for a in articles], next_cursor


def _aware(moment):
    """max() over a UTC column comes back naive from SQLite (the column type is bypassed)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment
