"""An imported comment's text work, pure, so that a process pool can run it.

``prepare(items)`` turns each ``(markup, text, author, email)`` into the stored fields
``(author, body_text, body_html, search_text, fingerprint)``: the source body as plain text
(``plain_text``), then our own pipeline (``normalize``, ``render_html`` with bleach and the nh3
gate). It is four fifths of an import's CPU time (bleach's linkify alone about a third), and each
comment's result depends on nothing else, so ``services.imports`` hands batches of it to worker
processes while it parses the file and writes the rows itself. The output is the same wherever
it runs: the workers run this very function.
"""

from moderation.core.sources import plain_text_of
from moderation.core.text import fingerprint_of, normalize, normalize_line, render_html, render_many, search_text

ANONYMOUS = "Bạn đọc"


def _fields(markup, text, author, email):
    body = normalize(plain_text_of(markup, text))
    author = normalize_line(author)[:80] or ANONYMOUS
    return author, body, search_text(body, author, email), fingerprint_of(body)


def prepare_one(markup, text, author, email):
    author, body, search, fingerprint = _fields(markup, text, author, email)
    return author, body, render_html(body), search, fingerprint


def prepare(items):
    """``[prepare_one(*item) for item in items]``, rendering the bodies together (``render_many``)."""
    fields = [_fields(*item) for item in items]
    rendered = render_many([body for _, body, _, _ in fields])
    return [(author, body, html, search, fingerprint)
            for (author, body, search, fingerprint), html in zip(fields, rendered)]
