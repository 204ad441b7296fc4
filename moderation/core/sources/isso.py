"""Isso's SQLite database (``threads`` and ``comments``), read-only, streamed by a cursor.

Statuses from ``mode``: 1 → approved, 2 → pending, 4 → skipped as deleted (or rejected with
``keep_deleted``; Isso keeps such a row only when it has replies, with its text emptied).
The article id is derived from the thread URI's path (``derive_article_id``: its last segment),
unless ``--map`` names one; the URI is kept as the URL only when it is absolute. Bodies are
Markdown: links become "text (URL)", inline HTML goes through ``html_to_text``, emphasis marks
are dropped. Isso has already masked its addresses (the last IPv4 octet zeroed); they are hashed
like any other. Its likes become imported likes (``comments.imported_likes``, counted in
``likes``; Isso's dislikes have no counterpart and are dropped). Parents: Isso itself hangs replies under their top-level ancestor, and a parent always has
the smaller id, so comments are read in id order.
"""
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from moderation.core.sources import DELETED, SourceArticle, SourceComment, SourceError, article_id_for
from moderation.core.states import Status

NAME = "isso"
_STATUSES = {1: Status.APPROVED, 2: Status.PENDING}
def _connect(path):
    if not Path(path).is_file():
        raise SourceError(None, "unreadable")
    try:
        connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        connection.execute("SELECT id, uri, title FROM threads LIMIT 1").fetchall()
        connection.execute("SELECT tid, id, parent, created, mode, remote_addr, text, author, email, likes "
                           "FROM comments LIMIT 1").fetchall()
    except sqlite3.Error:
        raise SourceError(None, "isso") from None
    return connection


def _comment(row, keep_deleted):
    tid, cid, parent, created, mode, remote_addr, text, author, email, likes = row
    status, skip = _STATUSES.get(mode), None
    if status is None:
        status, skip = (Status.REJECTED, None) if keep_deleted else (None, DELETED)
    return SourceComment(
        source_id=str(cid), thread_key=str(tid), parent_source_id=None if parent is None else str(parent),
        author=author or "", email=email or None, ip=remote_addr or None,
        created_at=datetime.fromtimestamp(created, timezone.utc) if created else None,
        status=status, skip=skip, text=text or "", markup="markdown", likes=likes or 0)


def read_path(path, article_map, keep_deleted=False):
    connection = _connect(path)
    try:
        for tid, uri, title in connection.execute("SELECT id, uri, title FROM threads ORDER BY id"):
            url = uri if (uri or "").startswith(("http://", "https://")) else None
            yield SourceArticle(key=str(tid), title=title, url=url,
                                article_id=article_map.lookup(uri) or article_id_for(None, uri, article_map))
        query = ("SELECT tid, id, parent, created, mode, remote_addr, text, author, email, likes "
                 "FROM comments ORDER BY id")
        for row in connection.execute(query):
            yield _comment(row, keep_deleted)
    except sqlite3.Error:
        raise SourceError(None, "isso") from None
    finally:
        connection.close()
