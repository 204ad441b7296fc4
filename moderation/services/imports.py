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
  (``counts.recount_replies``), in the same transaction, so a crash leaves committed batches
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

This module reads and checks the file and runs the import; ``importrun`` holds a run's state
between batches, ``importrows`` the statements each batch sends.
"""
import os
from dataclasses import dataclass

from sqlalchemy import text

from moderation import messages
from moderation.core.sources import UNMAPPABLE, ReadCounter, SourceArticle, SourceError, open_source
from moderation.core.sources import disqus, isso, jsonl, wordpress
from moderation.core.states import Action, Target
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.services import audit
from moderation.services.importrun import ImportRun, Summary
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
        run = ImportRun(site, kind, hash_ip, batch, texts)
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
