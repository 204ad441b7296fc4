"""Taking comments out: our own JSON Lines export, which ``import jsonl`` reads back.

Gzipped, one JSON object a line: the header (``core.sources.jsonl.header``), then every article
and then every comment in id order, streamed from the database (``yield_per``) so the file can
be larger than memory. Times are ISO 8601 with their offset. E-mails only when asked; IP hashes
never, since they are keyed to this installation's secret and mean nothing elsewhere.
"""
import gzip
import json

from sqlalchemy import select

from moderation.core.sources import jsonl
from moderation.core.times import utcnow
from moderation.extensions import db
from moderation.models import Article, Comment
from moderation.services.imports import resolve_site

_CHUNK = 2000


def _article(article):
    return {"type": "article", "id": article.id, "title": article.title, "url": article.url,
            "created_at": article.created_at.isoformat(), "approved_count": article.approved_count}


def _comment(comment, with_emails):
    row = {"type": "comment", "id": comment.id, "article": comment.article_id, "parent": comment.parent_id,
           "status": comment.status.value, "created_at": comment.created_at.isoformat(),
           "author": comment.author, "text": comment.body_text, "likes": comment.likes, "flags": comment.flags}
    if with_emails:
        row["email"] = comment.email
    return row


def export_jsonl(site, out, *, with_emails=False):
    """Write the site's articles and comments to the binary stream ``out``; returns (articles, comments)."""
    site = resolve_site(site)
    counts = [0, 0]
    with gzip.GzipFile(fileobj=out, mode="wb") as packed:
        def write(row):
            packed.write(json.dumps(row, ensure_ascii=False).encode() + b"\n")
        write(jsonl.header(site.slug, utcnow()))
        for article in db.session.execute(select(Article).where(Article.site_id == site.id).order_by(Article.id)
                                          .execution_options(yield_per=_CHUNK)).scalars():
            write(_article(article))
            counts[0] += 1
        # Columns, not entities: no joined article per row, and rows stream in chunks.
        query = (select(Comment.id, Comment.article_id, Comment.parent_id, Comment.status, Comment.created_at,
                        Comment.author, Comment.email, Comment.body_text, Comment.flags, Comment.likes)
                 .where(Comment.site_id == site.id).order_by(Comment.id).execution_options(yield_per=_CHUNK))
        for comment in db.session.execute(query):
            write(_comment(comment, with_emails))
            counts[1] += 1
    db.session.rollback()
    return tuple(counts)
