"""Bringing comments in from Disqus, WordPress, Isso and our own export, in committed batches.

Contract:
- Nothing is written unless the whole file reads: a first pass (``check``) reads it to the end; a
  malformed file raises ``SourceError`` before the first write. For the XML formats that pass is
  the parser alone, building nothing, and the progress is in bytes of the file; for the others it
  is ``survey`` and the progress is in records.
- Idempotent: each imported comment has a ``CommentSource`` row, (site, source, source id)
  unique. A re-run creates nothing; a comment whose status changed in the source changes here,
  its article's count with it, and is counted in the run's audit entry.
- Counts exact after every batch: each batch adds its approved comments and status changes to
  ``articles.approved_count``, and recounts the ``reply_count`` of the parents it touched
  (``recount_replies``), in the same transaction, so a crash leaves committed batches
  consistent and the next run (idempotent) finishes the job.
- Likes: the source's likes (Isso's, our export's) are stored as ``imported_likes`` and counted
  in ``likes``; a re-run with other likes moves both by the difference, so readers' own likes stay.
- Sites: everything is written to and looked up in the one site ``resolve_site`` names.
- Threads: a reply hangs under its top-level ancestor (ours are one level deep), whatever the
  order: a parent in an earlier batch is looked up, a child that arrives before its parent waits
  in memory for it, and one whose parent never comes becomes top-level, flagged ``orphan``.
- No notifications, no word-rule verdicts: the source already moderated these comments.
- One audit entry per run (``Action.IMPORT``): who ran it, the file and the totals.
- Raw IPs become ``hash_ip(ip)``, the caller's keyed hash (http/clientip), and are never stored.
"""
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, text, update

from moderation import messages
from moderation.core.emails import normalize_email
from moderation.core.sources import UNMAPPABLE, ReadCounter, SourceArticle, SourceError, open_source
from moderation.core.sources.prepare import prepare_one
from moderation.core.sources import disqus, isso, jsonl, wordpress
from moderation.core.states import Action, Flag, Status, Target
from moderation.core.text import normalize_line
from moderation.core.times import utcnow
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Article, Comment, CommentSource
from moderation.services import audit
from moderation.services.counts import recount_replies
from moderation.services.sites import find_site
from moderation.services.textpool import TextPool

FORMATS = {module.NAME: module for module in (disqus, wordpress, isso, jsonl)}
DEFAULT_SITE = "default"
BATCH = 2000


@dataclass(frozen=True)
class SiteRef:
    """The site an import, export or reader's request acts on: its id scopes every query (articles
    are keyed (site_id, id), so two sites' article "123" are two threads) and its slug keys the
    imported comments' sources (``CommentSource.site``)."""
    id: int
    slug: str


def resolve_site(slug):
    """The site of ``slug``; a 400 naming it (``site``) when no site has that slug."""
    try:
        site = find_site(slug)
    except ServiceError:
        raise ServiceError("validation", 400, {"site": messages.SITE_UNKNOWN % {"site": slug}}) from None
    return SiteRef(site.id, site.slug)


@dataclass
class Summary:
    articles: int = 0
    created: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    orphans: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_details(self):
        return {"articles": self.articles, "created": dict(self.created), "skipped": dict(self.skipped),
                "orphans": self.orphans, "updated": self.updated, "unchanged": self.unchanged}


def _open(path, counter=None):
    try:
        return open_source(path, counter)
    except OSError:
        raise SourceError(None, "unreadable") from None


def records(kind, path, article_map, keep_deleted=False, counter=None):
    """The file's records, streamed; ``SourceError`` when it cannot be opened or read. ``counter``
    (``ReadCounter``) is handed the file as stored, to count the bytes read."""
    if hasattr(FORMATS[kind], "read_path"):  # a database, not a stream
        yield from FORMATS[kind].read_path(path, article_map, keep_deleted)
        return
    with _open(path, counter) as stream:
        try:
            yield from FORMATS[kind].read(stream, article_map, keep_deleted)
        except (OSError, EOFError):
            raise SourceError(None, "unreadable") from None


def in_bytes(kind):
    """Whether ``check`` and ``import_file``'s progress count bytes of the file (else records)."""
    return hasattr(FORMATS[kind], "check")


def check(kind, path, article_map, keep_deleted=False):
    """The checking pass: ``SourceError`` for a file that would not read to its end, before
    anything is written; else the progress bar's length in ``import_file``'s progress units."""
    if not in_bytes(kind):
        return survey(kind, path, article_map, keep_deleted, orphans=False)[1]
    with _open(path) as stream:
        try:
            FORMATS[kind].check(stream)
        except (OSError, EOFError):
            raise SourceError(None, "unreadable") from None
    return os.path.getsize(path)


def survey(kind, path, article_map, keep_deleted=False, orphans=True):
    """Read the whole file without writing: the summary as if into an empty installation, and the
    number of records (for a progress bar). ``orphans=False`` leaves the orphan count at 0 and
    keeps memory flat (counting them holds every comment's id)."""
    summary, total, articles = Summary(), 0, {}
    seen, replies = set(), []
    track = seen.add if orphans else (lambda _: None)
    for record in records(kind, path, article_map, keep_deleted):
        total += 1
        if isinstance(record, SourceArticle):
            articles[record.key] = record.article_id
            continue
        if record.status is None:
            summary.skipped[record.skip] += 1
        elif articles.get(record.thread_key) is None:
            summary.skipped[UNMAPPABLE] += 1
        else:
            summary.created[record.status.value] += 1
            track(record.source_id)
            if orphans and record.parent_source_id:
                replies.append(record.parent_source_id)
    summary.articles = len({a for a in articles.values() if a})
    summary.orphans = sum(parent not in seen for parent in replies)
    return summary, total


def import_file(kind, path, *, site, actor, hash_ip, article_map, keep_deleted=False, batch=BATCH, progress=None,
                checked=False, workers=0):
    """Import ``path`` (format ``kind``) into ``site``; returns the Summary. ``progress(n)`` is
    called once per record read, ``n`` the units read since (``in_bytes``: bytes of the file, else
    1). Unless ``checked`` (the caller ran ``check``), the file is checked first, so a malformed
    one raises before anything is written. ``workers`` processes render the texts
    (``services.textpool``; 0: this process)."""
    site = resolve_site(site)
    _no_mmap()
    if not checked:
        check(kind, path, article_map, keep_deleted)
    counter = ReadCounter() if in_bytes(kind) else None
    with TextPool(workers) as texts:
        run = _Run(site, kind, hash_ip, batch, texts)
        done = 0
        for record in records(kind, path, article_map, keep_deleted, counter):
            run.add(record)
            if progress:
                now = counter.count if counter else done + 1
                progress(now - done)
                done = now
        run.finish()
    audit.record(actor, Action.IMPORT, Target.IMPORT, str(path)[-128:],
                 details={"format": kind, "site": site.slug, "file": str(path), **run.summary.as_details()},
                 site_id=site.id)
    db.session.commit()
    return run.summary


def _no_mmap():
    """On SQLite, read this connection's pages through the page cache, not the 256 MB memory map the
    app sets up for readers: an import touches the whole growing file, and the mapped pages counted
    in its RSS (211 MB at 100,000 comments, heading for the map's 256 MB plus the heap)."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("PRAGMA mmap_size=0"))


def _ip_hash(hash_ip, ip):
    return hash_ip(ip) if ip else ""


def _email(raw, seen):
    """The stored form of ``raw``, or None; ``seen`` caches it per run, since readers come back
    (e-mail validation was 9 % of an import's time)."""
    if not raw:
        return None
    if raw not in seen:
        if len(seen) > 100_000:
            seen.clear()
        try:
            seen[raw] = normalize_email(raw)
        except ValueError:
            seen[raw] = None
    return seen[raw]


class _Run:
    """One import's state. A full batch goes to the text pool (``_hand_over``) and is written when
    the next one is full, so parsing and writing overlap the workers' rendering; each batch is
    still written and committed whole, in file order."""

    def __init__(self, site, source, hash_ip, size, texts):
        self.site, self.source, self.hash_ip, self.size, self.texts = site, source, hash_ip, size, texts
        self.summary = Summary()
        self.threads, self.new_articles, self.known_articles = {}, [], set()
        self.batch, self.waiting, self.emails = [], defaultdict(list), {}
        self.pending, self.prepared = None, {}

    def add(self, record):
        if isinstance(record, SourceArticle):
            self.threads[record.key] = record.article_id
            if record.article_id and record.article_id not in self.known_articles:
                self.known_articles.add(record.article_id)
                self.summary.articles += 1
                self.new_articles.append(record)
            return
        if record.status is None:
            self.summary.skipped[record.skip] += 1
            return
        article_id = self.threads.get(record.thread_key)
        if article_id is None:
            self.summary.skipped[UNMAPPABLE] += 1
            return
        self.batch.append((article_id, record))
        if len(self.batch) >= self.size:
            self._hand_over()

    def _hand_over(self):
        """Start rendering the current batch's new comments, then write the batch before it."""
        batch, self.batch = self.batch, []
        known = self._lookup(r.source_id for _, r in batch)
        fresh = [r for _, r in batch if r.source_id not in known]
        job = self.texts.submit([(r.markup, r.text, r.author, _email(r.email, self.emails)) for r in fresh])
        previous, self.pending = self.pending, (batch, fresh, job)
        if previous is not None:
            self._write_pending(previous)

    def _write_pending(self, pending):
        batch, fresh, job = pending
        self.prepared.update(zip((r.source_id for r in fresh), job.result()))
        self.flush(batch)

    def flush(self, batch, orphans=()):
        self._articles()
        deltas, parents = Counter(), set()
        fresh = self._existing(batch, deltas, parents)
        self._insert(fresh, deltas, orphans, parents)
        recount_replies(parents)
        for article_id, delta in deltas.items():
            if delta:
                db.session.execute(update(Article).where(Article.site_id == self.site.id, Article.id == article_id)
                                   .values(approved_count=Article.approved_count + delta))
        db.session.commit()

    def finish(self):
        self._hand_over()
        pending, self.pending = self.pending, None
        self._write_pending(pending)
        while self.waiting:
            waiting_ids = {r.source_id for items in self.waiting.values() for _, r in items}
            roots = [item for parent, items in self.waiting.items() if parent not in waiting_ids for item in items]
            if not roots:  # a cycle of parents in the file: break it at one comment
                roots = [next(iter(self.waiting.values()))[0]]
            for parent in {r.parent_source_id for _, r in roots}:
                self.waiting[parent] = [item for item in self.waiting[parent] if item not in roots]
                if not self.waiting[parent]:
                    del self.waiting[parent]
            self.flush(roots, orphans={r.source_id for _, r in roots})

    def _articles(self):
        if not self.new_articles:
            return
        ids = [a.article_id for a in self.new_articles]
        present = {row.id: row for row in db.session.execute(select(Article.id, Article.title, Article.url)
                                                              .where(Article.site_id == self.site.id, Article.id.in_(ids)))}
        rows = []
        for record in self.new_articles:
            title = normalize_line(record.title)[:300] if record.title else None
            url = record.url if record.url and len(record.url) <= 2000 else None
            if record.article_id not in present:
                rows.append({"site_id": self.site.id, "id": record.article_id, "title": title, "url": url, "approved_count": 0,
                             "created_at": utcnow()})
            elif present[record.article_id].title is None and present[record.article_id].url is None:
                db.session.execute(update(Article).where(Article.site_id == self.site.id, Article.id == record.article_id)
                                   .values(title=title, url=url))
        if rows:
            db.session.execute(insert(Article), rows)
        self.new_articles = []

    def _lookup(self, source_ids):
        """{source id: (comment id, parent id, article id, status, imported likes)} for those already imported."""
        found = {}
        ids = list(source_ids)
        for start in range(0, len(ids), 500):
            rows = db.session.execute(
                select(CommentSource.source_id, Comment.id, Comment.parent_id, Comment.article_id, Comment.status,
                       Comment.imported_likes)
                .join(Comment, Comment.id == CommentSource.comment_id)
                .where(CommentSource.site == self.site.slug, CommentSource.source == self.source,
                       CommentSource.source_id.in_(ids[start:start + 500])))
            found.update({row[0]: tuple(row[1:]) for row in rows})
        return found

    def _existing(self, batch, deltas, parents):
        """Apply status and like changes to comments imported before; return the ones not yet
        imported. The parents whose approved replies may have changed are added to ``parents``."""
        known = self._lookup(r.source_id for _, r in batch)
        fresh = []
        for article_id, record in batch:
            if record.source_id not in known:
                fresh.append((article_id, record))
                continue
            comment_id, parent_id, stored_article, status, likes = known[record.source_id]
            # Children that arrived before this (already imported) parent can go in now.
            fresh.extend(self.waiting.pop(record.source_id, []))
            if likes != record.likes:
                db.session.execute(update(Comment).where(Comment.id == comment_id).values(
                    imported_likes=record.likes, likes=Comment.likes + (record.likes - likes)))
            if status == record.status:
                self.summary.unchanged += 1
                continue
            db.session.execute(update(Comment).where(Comment.id == comment_id)
                               .values(status=record.status, moderated_at=utcnow(), updated_at=utcnow()))
            deltas[stored_article] += (record.status == Status.APPROVED) - (status == Status.APPROVED)
            if parent_id is not None:
                parents.add(parent_id)
            self.summary.updated += 1
        return fresh

    def _insert(self, fresh, deltas, orphans, touched):
        """Insert in rounds: whatever has its parent (or none), then their children, and so on;
        what is left waits for a parent from a later batch."""
        parents = self._lookup({r.parent_source_id for _, r in fresh if r.parent_source_id})
        while fresh:
            ready, later = [], []
            for item in fresh:
                parent = item[1].parent_source_id
                (ready if not parent or parent in parents or item[1].source_id in orphans else later).append(item)
            if not ready:
                break
            parents.update(self._write(ready, parents, deltas, orphans, touched))
            fresh = later + [child for _, r in ready for child in self.waiting.pop(r.source_id, [])]
        for item in fresh:
            self.waiting[item[1].parent_source_id].append(item)

    def _row(self, article_id, record, parents, orphan):
        parent_id, flags = None, list(record.flags)
        if record.parent_source_id and not orphan:
            parent = parents[record.parent_source_id]
            if parent[2] == article_id:
                parent_id = parent[1] or parent[0]
            else:
                orphan = True
        if orphan:
            flags.append({"code": Flag.ORPHAN.value})
            self.summary.orphans += 1
        email = _email(record.email, self.emails)
        prepared = self.prepared.pop(record.source_id, None)
        author, body, html, search, fingerprint = prepared or prepare_one(record.markup, record.text, record.author, email)
        when = record.created_at or utcnow()
        return {"site_id": self.site.id, "article_id": article_id, "parent_id": parent_id, "author": author, "email": email,
                "body_text": body, "body_html": html, "search_text": search,
                "status": record.status, "flags": flags, "ip_hash": _ip_hash(self.hash_ip, record.ip),
                "fingerprint": fingerprint, "idempotency_key": None,
                "report_count": 0, "likes": record.likes, "imported_likes": record.likes, "created_at": when, "updated_at": when, "moderated_at": None,
                "moderated_by_id": None}

    def _write(self, ready, parents, deltas, orphans, touched):
        rows = [self._row(article_id, record, parents, record.source_id in orphans) for article_id, record in ready]
        ids = _insert_comments(rows)
        db.session.execute(insert(CommentSource.__table__), [{"site": self.site.slug, "source": self.source, "source_id": r.source_id,
                                                    "comment_id": i} for i, (_, r) in zip(ids, ready)])
        written = {}
        for comment_id, row, (_, record) in zip(ids, rows, ready):
            self.summary.created[record.status.value] += 1
            if record.status == Status.APPROVED:
                deltas[row["article_id"]] += 1
                if row["parent_id"] is not None:
                    touched.add(row["parent_id"])
            written[record.source_id] = (comment_id, row["parent_id"], row["article_id"], record.status, record.likes)
        return written


def _insert_comments(rows):
    """Insert the rows, many to a statement; their ids in the rows' order.

    A Core insert: the ORM's bulk insert cost a fifth of the parent's time in bookkeeping, and
    left out each row's None values, so rows with and without a parent or an e-mail went in as
    separate statements. On PostgreSQL, RETURNING in parameter order is batched as it is. SQLite
    has no such order for a batched RETURNING: SQLAlchemy then sends one row per statement
    (20,383 statements for 20,000 comments, a third of the parent's time), and a batched
    RETURNING without order writes one multi-row statement per batch size, each kept prepared by
    the driver (RSS grew 1.3 MB per 1,000 comments). So on SQLite the rows go through the
    driver's executemany of one statement, and their ids follow from SQLite's rule for an INTEGER
    PRIMARY KEY: a new row gets the largest id plus one, and the import holds the write lock. The
    ids must be exactly the next ``len(rows)``, which is checked.
    """
    table = Comment.__table__
    if db.session.get_bind().dialect.name != "sqlite":
        return db.session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars().all()
    last = select(func.max(table.c.id))
    before = db.session.execute(last).scalar() or 0
    db.session.execute(insert(table), rows)
    after = db.session.execute(last).scalar() or 0
    if after - before != len(rows):
        raise RuntimeError("comment ids of one import batch are not the next ones")
    return list(range(before + 1, after + 1))
