"""Our own export (``export jsonl``): gzipped JSON Lines, a header first, then articles and comments.

The header is ``{"format": "ykbd-export", "version": 1, "site": ..., "exported_at": ...}``; each
later line has ``"type"``: ``article`` (id, title, url) or ``comment`` (id, article, parent,
status, created_at, author, email when exported ``--with-emails``, text, likes, flags). Text is
already plain, so it is not converted; statuses and flags are kept as exported.
"""
import json

from moderation.core.sources import SourceArticle, SourceComment, SourceError, parse_time, text_stream
from moderation.core.states import Status

NAME = "jsonl"
FORMAT = "ykbd-export"
VERSION = 1


def header(site, exported_at):
    return {"format": FORMAT, "version": VERSION, "site": site, "exported_at": exported_at.isoformat()}


def _record(row, number, article_map):
    kind = row.get("type")
    if kind == "article":
        url = row.get("url")
        return SourceArticle(key=str(row["id"]), title=row.get("title"), url=url,
                             article_id=article_map.lookup(url) or str(row["id"]))
    if kind == "comment":
        return SourceComment(
            source_id=str(row["id"]), thread_key=str(row["article"]),
            parent_source_id=None if row.get("parent") is None else str(row["parent"]),
            author=row.get("author") or "", email=row.get("email"), ip=None,
            created_at=parse_time(row.get("created_at")), status=Status(row["status"]), text=row.get("text") or "",
            flags=list(row.get("flags") or []), likes=max(0, int(row.get("likes") or 0)))
    raise SourceError(number, "type")


def read(stream, article_map, keep_deleted=False):
    number = 1
    try:
        for number, line in enumerate(text_stream(stream), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if number == 1:
                if not isinstance(row, dict) or row.get("format") != FORMAT or row.get("version") != VERSION:
                    raise SourceError(1, "header")
                continue
            if not isinstance(row, dict):
                raise SourceError(number, "type")
            yield _record(row, number, article_map)
    except UnicodeDecodeError:
        raise SourceError(number + 1, "encoding") from None
    except (ValueError, KeyError, TypeError):
        raise SourceError(number, "json") from None
