"""Disqus's XML export (``<disqus>``: ``<category>``, then ``<thread>``s, then ``<post>``s).

Statuses: ``isDeleted`` → skipped (or rejected with ``keep_deleted``); ``isSpam`` → rejected,
flagged ``source_spam``; ``isApproved`` false (absent from the documented export, present in
some) → pending; else approved. Bodies are HTML (``<message>``, usually CDATA). A thread's
article id is its ``<id>`` (the disqus_identifier) when it fits our ids, else derived from
``<link>``; an empty ``<id/>`` counts as absent.
"""
from moderation.core.sources import (DELETED, SourceArticle, SourceComment, article_id_for, parse_time)
from moderation.core.sources import xmlstream
from moderation.core.sources.xmlstream import attribute, child_text, children, elements, local, text_of
from moderation.core.states import Flag, Status

NAME = "disqus"


def _true(value):
    return value.lower() == "true"


def _status(fields, keep_deleted):
    if _true(text_of(fields, "isDeleted")):
        return (Status.REJECTED, None) if keep_deleted else (None, DELETED)
    if _true(text_of(fields, "isSpam")):
        return Status.REJECTED, None
    approved = text_of(fields, "isApproved")
    if approved and not _true(approved):
        return Status.PENDING, None
    return Status.APPROVED, None


def _post(post, keep_deleted):
    fields = children(post)
    status, skip = _status(fields, keep_deleted)
    author = children(fields["author"]) if "author" in fields else {}
    flags = [{"code": Flag.SOURCE_SPAM.value}] if _true(text_of(fields, "isSpam")) else []
    return SourceComment(
        source_id=attribute(post, "id"), thread_key=attribute(fields.get("thread"), "id"),
        parent_source_id=attribute(fields.get("parent"), "id") or None,
        author=text_of(author, "name"), email=text_of(author, "email") or None,
        ip=text_of(fields, "ipAddress") or None, created_at=parse_time(text_of(fields, "createdAt")),
        status=status, skip=skip, text=text_of(fields, "message"), markup="html", flags=flags)


def read(stream, article_map, keep_deleted=False):
    for element in elements(stream, 1, "disqus"):
        kind = local(element.tag)
        if kind == "thread":
            url = child_text(element, "link") or None
            yield SourceArticle(key=attribute(element, "id"), title=child_text(element, "title") or None, url=url,
                                article_id=article_id_for(child_text(element, "id"), url, article_map))
        elif kind == "post":
            yield _post(element, keep_deleted)


def check(stream):
    """The checking pass: raises ``SourceError`` exactly where ``read`` would, building nothing."""
    xmlstream.check(stream, "disqus")
