"""Rule words marked in a comment's HTML for the moderation queue: in text, never in markup.

Pure: imports nothing of Flask or the database. The queue shows each comment exactly as
readers see it (its stored ``body_html``) with the words a word rule fired on wrapped in
``<mark class="banned_word|suspect_word">``. Marking the source text before rendering once
put ``<mark>`` inside linkified URLs, so moderators saw another link target than readers
(86 of 486 rows in the red-team run); here tags and attributes are copied unchanged and
only text nodes are marked.
"""
from html import escape
from html.parser import HTMLParser

import nh3

from moderation.core import text as textwork


def _merged(spans):
    """Overlapping spans joined into one; banned wins over suspect for the joined span."""
    merged = []
    for span in sorted(spans):
        if merged and span.start < merged[-1][1]:
            start, end, code = merged[-1]
            merged[-1] = (start, max(end, span.end), "banned_word" if "banned_word" in (code, span.code) else code)
        else:
            merged.append((span.start, span.end, span.code))
    return merged


def _marked_text(text, spans):
    """Escaped ``text`` with each span wrapped in <mark class="banned_word|suspect_word">."""
    pieces, position = [], 0
    for start, end, code in _merged(spans):
        code = code if code in ("banned_word", "suspect_word") else "suspect_word"
        pieces += [escape(text[position:start]), f'<mark class="{code}">', escape(text[start:end]), "</mark>"]
        position = end
    return "".join(pieces) + escape(text[position:])


class _TextMarker(HTMLParser):
    """Copies markup unchanged and marks words in its text nodes only."""

    def __init__(self, highlighter):
        super().__init__(convert_charrefs=True)
        self.highlighter = highlighter
        self.out = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        spans = self.highlighter(data)
        self.out.append(_marked_text(data, spans) if spans else escape(data))


def marked_html(markup, highlighter):
    """``markup`` (a stored ``body_html``) with rule words marked in its text nodes.

    A word inside a link's URL is marked in the link's text, and its ``href`` stays byte for
    byte what readers get. ``highlighter(text) -> [Span]`` runs on each text node. The result
    passes nh3 again, with <mark class> added to the readers' allowlist.
    """
    marker = _TextMarker(highlighter)
    marker.feed(markup)
    marker.close()
    return nh3.clean("".join(marker.out), tags=textwork.ALLOWED_TAGS | {"mark"},
                     attributes={**textwork.ALLOWED_ATTRIBUTES, "mark": {"class"}},
                     url_schemes=textwork.ALLOWED_SCHEMES, link_rel=None)
