"""Pure text work for comments: normalize what readers type, and render it as inert HTML.

This module knows nothing of Flask. It is the one place the sanitizer can be swapped:
``render_html`` builds the HTML with bleach, and ``gate`` passes it through nh3 with the
same allowlist before anything is stored, because bleach 6.4.0 is its last release.
"""
import hashlib
import html
import re
import unicodedata

import bleach
import nh3
from bleach.linkifier import Linker, LinkifyFilter, build_url_re

ALLOWED_TAGS = {"a", "br", "p"}
ALLOWED_ATTRIBUTES = {"a": {"href", "rel", "target"}}
ALLOWED_SCHEMES = {"http", "https"}
LINK_REL = "nofollow ugc noopener noreferrer"

_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# The one invisible-character set, also stripped by the word rules before matching. The soft
# hyphen is in it: it shows nothing mid-line and splits "ng\u00adu" past a naive filter. The ZWJ is
# in it too, but ``normalize`` keeps it inside an emoji sequence, where it is part of the picture.
_ZWJ = "\u200d"
INVISIBLE = frozenset("\u200b\u200c\u2060\ufeff\u180e\u00ad" + _ZWJ)
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


def _is_emoji_part(ch):
    return unicodedata.category(ch) == "So" or ch == "\ufe0f" or "\U0001f3fb" <= ch <= "\U0001f3ff"


def _keep(text, i, ch):
    if ch in "\n\t":
        return True
    if ch == _ZWJ:
        # Only inside an emoji sequence (👨‍👩‍👧), where it is part of the picture.
        return 0 < i < len(text) - 1 and _is_emoji_part(text[i - 1]) and _is_emoji_part(text[i + 1])
    if ch in _BIDI or ch in INVISIBLE:
        return False
    # Cc: control characters (NUL included); Cs: lone surrogates from JSON "\ud800".
    return unicodedata.category(ch) not in ("Cc", "Cs")


def has_hidden_characters(text):
    """True when ``text`` holds a character a person cannot see or type into one line:
    control characters (newlines and tabs included), format characters (bidi controls,
    zero-width ones), line and paragraph separators, surrogates, private-use or unassigned."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") for ch in text)


# Every character ``_keep`` may drop: Cc but newline and tab, Cs, the bidi controls, the invisible
# set (ZWJ included, though kept in emoji). A text with none of them skips the per-character
# pass, which was a sixth of an import's text work; the result is the same by construction.
_DROPPABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(sorted(_BIDI | INVISIBLE)) + "]")


def normalize(text):
    """NFC, no control/bidi/zero-width characters, trimmed, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _DROPPABLE.search(text):
        text = "".join(ch for i, ch in enumerate(text) if _keep(text, i, ch))
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def normalize_line(text):
    """Like ``normalize`` for one-line fields (names, reasons): newlines and tabs become spaces."""
    return re.sub(r"\s+", " ", normalize(text)).strip()


# Only http(s) is ever linked; bleach's default protocol list includes data:, feed:, ssh: ...
_URL_RE = build_url_re(protocols=sorted(ALLOWED_SCHEMES))
# A word that starts with another scheme (data:, feed://, javascript:, ssh://, mailto:) is left
# unlinked whole, so that no part of it (the "tuoitre.vn" in "feed://tuoitre.vn") becomes a link.
_FOREIGN_SCHEME = re.compile(r"(?<!\S)(?!https?://)[a-z][a-z0-9+.\-]*:\S*", re.IGNORECASE)


def _link_attrs(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://")):
        if new and "://" not in href and ":" not in href.split("/")[0]:
            attrs[(None, "href")] = "http://" + href
        else:
            return None
    attrs[(None, "rel")] = LINK_REL
    attrs[(None, "target")] = "_blank"
    return attrs


_LINKER = Linker(callbacks=[_link_attrs], url_re=_URL_RE, parse_email=False)


def _linkify_escaped(escaped):
    """``_LINKER.linkify(escaped)`` for what ``_linkify_all`` asks of it, without html5lib's parse:
    bleach's own LinkifyFilter and serializer, given the one Characters token the parse would give.

    ``escaped`` is ``html.escape`` output (no ``<``, so no markup) of whitespace-free runs joined by
    newlines (none at either end), with no NUL (``normalize`` drops it; a text holding one is
    linkified through the parse, ``render_many``) and no CR: of such text html5lib's tree holds
    the very characters, entities untouched (bleach's tokenizer does not consume them), and its
    walker gives them back as one Characters token. The parse was ~100 of linkify's ~220 µs a
    call; tests/core/test_text.py compares the two on arbitrary text."""
    tokens = [{"type": "Characters", "data": escaped}]
    return _LINKER.serializer.render(LinkifyFilter(source=tokens, callbacks=_LINKER.callbacks, parse_email=False,
                                                   url_re=_LINKER.url_re))


def _pieces(text):
    """(linkable, piece) in order: words with a foreign scheme are never linkable."""
    start = 0
    for match in _FOREIGN_SCHEME.finditer(text):
        yield True, text[start:match.start()]
        yield False, match.group()
        start = match.end()
    yield True, text[start:]


def _may_link(run):
    """False when bleach's URL pattern cannot match in ``run``: every URL it matches holds a dot
    (``([\\w-]+\\.)+`` before the TLD). ``in`` is ~100 times cheaper than the pattern's search, which
    tries it at every word of the text (tests/core/test_text.py checks the pattern still needs one)."""
    return "." in run


def count_links(text):
    """How many links ``render_html`` makes of ``text``: the spam rule counts what readers would see.

    Counted run by run (whitespace-free, as linkify is asked): a match never holds whitespace and
    looks no further than the characters beside it, so the runs hold the same matches as the piece.
    ``str.split`` and the pattern's ``\\s`` know the same whitespace (Unicode's, ``str.isspace``)."""
    return sum(len(_URL_RE.findall(run)) for linkable, piece in _pieces(text) if linkable and _may_link(piece)
               for run in piece.split() if _may_link(run))


def _finish(markup):
    # nh3 writes a no-break space as &nbsp;; doing the same keeps the gate a no-op on honest output.
    return markup.replace("\n", "<br>").replace("\u00a0", "&nbsp;")


# Whitespace as bleach's URL pattern knows it (``\s``, Unicode included): no link ever holds one.
_SPACES = re.compile(r"(\s+)")


def _render_paragraph(para, linkify=_LINKER.linkify):
    """Each piece escaped, and bleach's linkify over the words that hold a URL.

    linkify is asked of each whitespace-free run with a URL in it rather than of the whole piece:
    its pattern never matches across whitespace and looks only at whitespace beyond a run, so the
    output is the same (tests/core/test_text.py compares the two on arbitrary text), and html5lib
    parses and writes back ~50 characters instead of the whole comment (~290 -> ~140 µs).
    """
    out = []
    for linkable, piece in _pieces(para):
        if not (linkable and _may_link(piece)):
            out.append(html.escape(piece, quote=False))
            continue
        for run in _SPACES.split(piece):
            escaped = html.escape(run, quote=False)
            out.append(linkify(escaped) if _may_link(run) and _URL_RE.search(run) else escaped)
    return _finish("".join(out))


def bleach_html(text, linkify=_LINKER.linkify):
    """bleach's HTML for a normalized comment: every character shown as typed, URLs linked."""
    return "".join("<p>" + _render_paragraph(para, linkify) + "</p>" for para in text.split("\n\n"))


def render_html(text):
    """The HTML stored for a comment: bleach's rendering, passed through the nh3 gate, with one
    linkify for all its words that hold a URL (``render_many``): linkify's own setup is ~25 µs a
    call, about what it spends on a URL."""
    return render_many([text])[0]


_MARK = re.compile("\x00([0-9]+)\x00")
_LINK_BATCH = 200


def _linkify_all(pieces):
    """bleach's linkify of each escaped piece, run on up to ``_LINK_BATCH`` pieces at a time joined
    by newlines: a piece is a run without whitespace, a URL never holds whitespace and the URL
    pattern looks no further than the character after it, and linkify writes no newline of its
    own, so splitting there gives each piece's own output (and if the count ever differs, each
    piece is linkified alone). A newline, not a tag: html5lib parses a ``<br>`` (~25 µs)."""
    linked = []
    for start in range(0, len(pieces), _LINK_BATCH):
        chunk = pieces[start:start + _LINK_BATCH]
        out = _linkify_escaped("\n".join(chunk)).split("\n")
        linked.extend(out if len(out) == len(chunk) else [_linkify_escaped(piece) for piece in chunk])
    return linked


def render_many(texts):
    """The HTML of each text (``gate(bleach_html(t))``, the same strings), faster: linkify's setup
    per call was most of its cost (0.28 ms a call; 0.13 ms a piece when 100 go in one call), and
    it was half of an import's text work. Each piece to link is first left as a NUL-delimited mark
    (a NUL never survives ``normalize``; a text holding one is rendered alone)."""
    wanted = []

    def mark(escaped):
        wanted.append(escaped)
        return f"\x00{len(wanted) - 1}\x00"
    drafts = [None if "\x00" in text else bleach_html(text, mark) for text in texts]
    linked = [_finish(markup) for markup in _linkify_all(wanted)]
    return [gate(bleach_html(text)) if draft is None else gate(_MARK.sub(lambda m: linked[int(m.group(1))], draft))
            for text, draft in zip(texts, drafts)]


# Built once: ``nh3.clean`` builds this same cleaner from its arguments on every call (22 µs a
# comment against 14 µs reused). It holds only the allowlist, no state between calls.
_GATE = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES, link_rel=None)


def gate(markup):
    """The second, maintained gate: nh3 with the same allowlist as bleach's output."""
    return _GATE.clean(markup)


def bleach_clean(markup):
    """bleach's own cleaner with the allowlist, used by tests to compare the two gates."""
    return bleach.clean(markup, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        protocols=sorted(ALLOWED_SCHEMES), strip=True)


# The marks NFD leaves on Vietnamese (and most Latin) letters: U+0300-U+036F, every one combining
# but U+034F (the grapheme joiner, of class 0), which ``fold`` keeps.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def fold(text):
    """Lower case without tones or marks, "đ" read as "d" ("Xe buýt Đà Nẵng" → "xe buyt da nang"):
    what a toneless search compares, since moderators often type without diacritics.

    Every combining mark goes (``unicodedata.combining``); a text that is ASCII once the Latin
    marks are gone, as Vietnamese is, needs no look at each character (25 -> 14 µs a comment)."""
    decomposed = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text.lower().replace("đ", "d")))
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fingerprint_of(body):
    """A comment's fingerprint: the duplicate and twin checks compare these, so every writer of a
    comment (submissions, newsroom replies, imports, erasures) computes it here."""
    return hashlib.sha256(body.encode()).hexdigest()


def search_text(body, author, email=None):
    """The folded text a comment is found by: body, author and email, one per line."""
    return fold("\n".join((body, author, email or "")))
