"""Disqus's XML export (``<disqus>``: ``<category>``, then ``<thread>``s, then ``<post>``s).

Statuses: ``isDeleted`` → skipped (or rejected with ``keep_deleted``); ``isSpam`` → rejected,
flagged ``source_spam``; ``isApproved`` false (absent from the documented export, present in
some) → pending; else approved. Bodies are HTML (``<message>``, usually CDATA). A thread's
article id is its ``<id>`` (the disqus_identifier) when it fits our ids, else derived from
``<link>``; an empty ``<id/>`` counts as absent.
"""
from moderation.core.htmltext import html_to_text
from moderation.core.sources import (DELETED, SourceArticle, SourceComment, article_id_for, parse_time)
from moderation.core.sources.xmlstream import attribute, child, child_text, elements, local
from moderation.core.states import Flag, Status

NAME = "disqus"


def _true(value):
    return value.lower() == "true"


def _status(post, keep_deleted):
    if _true(child_text(post, "isDeleted")):
        return (Status.REJECTED, None) if keep_deleted else (None, DELETED)
    if _true(child_text(post, "isSpam")):
        return Status.REJECTED, None
    approved = child_text(post, "isApproved")
    if approved and not _true(approved):
        return Status.PENDING, None
    return Status.APPROVED, None


def _post(post, keep_deleted):
    status, skip = _status(post, keep_deleted)
    author = child(post, "author")
    flags = [{"code": Flag.SOURCE_SPAM.value}] if _true(child_text(post, "isSpam")) else []
    return SourceComment(
        source_id=attribute(post, "id"), thread_key=attribute(child(post, "thread"), "id"),
        parent_source_id=attribute(child(post, "parent"), "id") or None,
        author=child_text(author, "name") if author is not None else "",
        email=child_text(author, "email") if author is not None else None,
        ip=child_text(post, "ipAddress") or None, created_at=parse_time(child_text(post, "createdAt")),
        status=status, skip=skip, text=html_to_text(child_text(post, "message")), flags=flags)


def read(stream, article_map, keep_deleted=False):
    for element in elements(stream, 1, "disqus"):
        kind = local(element.tag)
        if kind == "thread":
            url = child_text(element, "link") or None
            yield SourceArticle(key=attribute(element, "id"), title=child_text(element, "title") or None, url=url,
                                article_id=article_id_for(child_text(element, "id"), url, article_map))
        elif kind == "post":
            yield _post(element, keep_deleted)
