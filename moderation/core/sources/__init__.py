"""Reading other systems' comment files, pure: no Flask, no database.

Each format module (``disqus``, ``wordpress``, ``jsonl``) turns a file into a stream of
``SourceArticle`` and ``SourceComment`` records, streaming: XML through ``iterparse`` acting
only on top-level elements and clearing them once read, so memory stays flat whatever the
file's size. ``services.imports`` maps the records to rows. A file that cannot be read raises
``SourceError`` with the line it stopped at.

Article ids: the source's own key when it fits ``ARTICLE_ID_PATTERN``; else ``derive_article_id``
from the URL: the last path segment without its extension (``/thoi-su/gia-xang.html`` →
``gia-xang``) when that fits the pattern, else ``url-`` and 16 hex digits of the URL's SHA-1.
A ``--map`` file overrides both (``ArticleMap``).
"""
import gzip
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from moderation.core.htmltext import html_to_text, markdown_to_text
from moderation.core.ids import ARTICLE_ID_PATTERN
from moderation.core.states import Status

_ARTICLE_ID = re.compile(ARTICLE_ID_PATTERN)
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp)$", re.IGNORECASE)

# Why a record was not imported; the summary counts each.
DELETED, PINGBACK, UNMAPPABLE, ORPHAN = "deleted", "pingback", "unmappable", "orphan"


class SourceError(Exception):
    """The file cannot be read: ``line`` is where reading stopped (None when unknown)."""

    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


@dataclass
class SourceArticle:
    key: str
    article_id: str | None
    title: str | None = None
    url: str | None = None


@dataclass
class SourceComment:
    """One comment as the source had it. ``status`` None means skip it for ``skip``.

    ``text`` is the body as the source wrote it, in ``markup`` (html, markdown or text):
    converting it is left to ``plain_text``, so a pass that only checks the file skips that cost.
    """
    source_id: str
    thread_key: str
    parent_source_id: str | None
    author: str
    email: str | None
    ip: str | None
    created_at: datetime | None
    status: Status | None
    text: str
    flags: list = field(default_factory=list)
    skip: str | None = None
    likes: int = 0
    markup: str = "text"


def fits_article_id(value):
    return bool(value) and _ARTICLE_ID.fullmatch(value) is not None


def derive_article_id(url):
    """The documented rule for an article whose source key does not fit our ids (module docstring)."""
    path = urlsplit(url or "").path
    last = _EXTENSION.sub("", path.rstrip("/").rsplit("/", 1)[-1])
    if fits_article_id(last):
        return last
    return "url-" + hashlib.sha1((url or "").encode()).hexdigest()[:16] if url else None


class ArticleMap:
    """``--map FILE``: lines ``old-url new-article-id`` or ``old-url-prefix* new-article-id``.

    An exact URL wins over a prefix; the longest prefix wins among prefixes. Blank lines and
    lines starting with ``#`` are ignored.
    """

    def __init__(self, lines=()):
        self.exact, self.prefixes = {}, []
        for number, line in enumerate(lines, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 2 or not fits_article_id(parts[1]):
                raise SourceError(number, "map")
            if parts[0].endswith("*"):
                self.prefixes.append((parts[0][:-1], parts[1]))
            else:
                self.exact[parts[0]] = parts[1]
        self.prefixes.sort(key=lambda item: -len(item[0]))

    def lookup(self, url):
        if not url:
            return None
        if url in self.exact:
            return self.exact[url]
        return next((new for prefix, new in self.prefixes if url.startswith(prefix)), None)


def article_id_for(own_key, url, article_map):
    return article_map.lookup(url) or (own_key if fits_article_id(own_key) else derive_article_id(url))


class ReadCounter:
    """A binary file that counts the bytes read from it, for a progress bar in bytes of the file
    as stored (gzipped or not): ``os.path.getsize`` is then the bar's length."""

    def __init__(self):
        self.raw, self.count = None, 0

    def wrap(self, raw):
        self.raw = raw
        return self

    def read(self, size=-1):
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def close(self):
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_source(path, counter=None):
    """The file as a binary stream, un-gzipped when it starts with gzip's magic bytes; ``counter``
    (a ``ReadCounter``) wraps the file as stored."""
    raw = open(path, "rb")
    gzipped = raw.peek(2)[:2] == b"\x1f\x8b"
    if counter is not None:
        raw = counter.wrap(raw)
    if gzipped:
        return gzip.GzipFile(fileobj=raw)
    return raw


def parse_time(value):
    """An aware UTC datetime from ISO 8601 (``Z`` or an offset; naive means UTC), else None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def plain_text_of(markup, text):
    """A body written in ``markup`` (html, markdown or text) as plain text (not yet normalized)."""
    if markup == "html":
        return html_to_text(text)
    if markup == "markdown":
        return markdown_to_text(text)
    return text


def plain_text(record):
    """The record's body as plain text (not yet normalized)."""
    return plain_text_of(record.markup, record.text)


def text_stream(binary):
    return io.TextIOWrapper(binary, encoding="utf-8", errors="strict")
