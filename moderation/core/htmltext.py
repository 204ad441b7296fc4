"""Source HTML as plain text, for imports: what a reader saw, none of the markup.

Paragraphs (``p``, ``div``, ``blockquote``, list items, headings) become blank-line breaks,
``br`` a line break, a link its text followed by its URL in parentheses (once, when the text is
not already the URL), entities decoded. ``script`` and ``style`` are dropped with their content;
every other tag is dropped and its text kept. The result then goes through our own pipeline
(``text.normalize`` and ``text.render_html``), so no source markup can survive.
"""
import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr"}
_DROPPED = {"script", "style", "template", "iframe", "object", "noscript"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.dropping, self.links = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropping += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a":
            self.links.append((len(self.out), dict(attrs).get("href") or ""))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.out.append("\n")
        elif tag in _BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a" and self.links:
            start, href = self.links.pop()
            shown = "".join(self.out[start:]).strip()
            if href.startswith(("http://", "https://")) and href != shown:
                self.out.append(f" ({href})" if shown else href)

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(data)


def html_to_text(markup):
    """Plain text of ``markup`` (not yet normalized: the caller's pipeline does that)."""
    parser = _Text()
    parser.feed(markup or "")
    parser.close()
    return "".join(parser.out)


_LINK = re.compile(r"!?\[([^\]]*)\]\((https?://[^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(markdown):
    """Isso's Markdown as plain text: ``[text](url)`` as "text (url)", emphasis marks dropped,
    inline HTML through ``html_to_text``."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(1) else m.group(2), markdown or "")
    return html_to_text(_EMPHASIS.sub(r"\2", text))
