"""WordPress's WXR export (RSS 2.0 with ``wp:`` elements; 1.0 to 1.2 read alike).

Each ``<item>`` under ``<channel>`` is a post with its ``<wp:comment>``s inside. Statuses from
``wp:comment_approved``: ``1`` → approved, ``0`` → pending, ``spam`` → rejected flagged
``source_spam``, ``trash`` / ``post-trashed`` → skipped (or rejected with ``keep_deleted``).
Pingbacks and trackbacks (``wp:comment_type``) are skipped. The article id is ``wp:post_id``.
Times: ``wp:comment_date_gmt`` (UTC); WordPress writes ``0000-00-00 00:00:00`` when unknown.
"""
from moderation.core.sources import (DELETED, PINGBACK, SourceArticle, SourceComment, article_id_for, parse_time)
from moderation.core.sources import xmlstream
from moderation.core.sources.xmlstream import child_text, children, elements, local, text_of
from moderation.core.states import Flag, Status

NAME = "wordpress"
_STATUSES = {"1": Status.APPROVED, "0": Status.PENDING, "spam": Status.REJECTED}
_TRASH = {"trash", "post-trashed"}


def _comment(element, thread_key, keep_deleted):
    fields = children(element)
    approved = text_of(fields, "comment_approved")
    status, skip = _STATUSES.get(approved), None
    if approved in _TRASH:
        status, skip = (Status.REJECTED, None) if keep_deleted else (None, DELETED)
    if text_of(fields, "comment_type") in ("pingback", "trackback"):
        status, skip = None, PINGBACK
    if status is None and skip is None:
        status = Status.PENDING
    parent = text_of(fields, "comment_parent")
    return SourceComment(
        source_id=text_of(fields, "comment_id"), thread_key=thread_key,
        parent_source_id=parent if parent not in ("", "0") else None,
        author=text_of(fields, "comment_author"), email=text_of(fields, "comment_author_email") or None,
        ip=text_of(fields, "comment_author_IP") or None,
        created_at=parse_time(text_of(fields, "comment_date_gmt").replace("0000-00-00 00:00:00", "")),
        status=status, skip=skip, text=text_of(fields, "comment_content"), markup="html",
        flags=[{"code": Flag.SOURCE_SPAM.value}] if approved == "spam" else [])


def read(stream, article_map, keep_deleted=False):
    for item in elements(stream, 2, "rss"):
        if local(item.tag) != "item":
            continue
        comments = [c for c in item if local(c.tag) == "comment"]
        key = child_text(item, "post_id")
        url = child_text(item, "link") or None
        yield SourceArticle(key=key, title=child_text(item, "title") or None, url=url,
                            article_id=article_id_for(key, url, article_map))
        for element in comments:
            yield _comment(element, key, keep_deleted)


def check(stream):
    """The checking pass: raises ``SourceError`` exactly where ``read`` would, building nothing."""
    xmlstream.check(stream, "rss")
