"""Hostile reader input, and the checks that stored HTML is inert.

Shared by the text unit tests (``test_text.py``) and the HTTP tests (``test_submit_api.py``)
so both judge the same list.
"""
from html.parser import HTMLParser

from moderation.core.text import LINK_REL

HOSTILE_TEXTS = {
    "script": "<script>alert(1)</script>",
    "script-src-upper": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "body-onload": "<body onload=alert(1)>",
    "attr-breakout": '"><script>alert(1)</script>',
    "a-onclick": '<a href="http://ok.example.com" onclick="alert(1)">x</a>',
    "a-javascript": '<a href="javascript:alert(1)">bấm vào đây</a>',
    "javascript": "javascript:alert(1)",
    "javascript-mixed-case": "JaVaScRiPt:alert(document.cookie)",
    "javascript-tab": "java\tscript:alert(1)",
    "javascript-entity": "&#106;avascript:alert(1)",
    "javascript-colon-entity": "javascript&colon;alert(1)",
    "javascript-control-prefix": "\x01javascript:alert(1)",
    "javascript-slashes": "javascript://example.com/%0Aalert(1)",
    "vbscript": "vbscript:msgbox(1)",
    "data-base64": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data-upper": "DATA:text/html,<script>alert(1)</script>",
    "a-data": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "feed": "feed:javascript:alert(1) feed://tuoitre.vn/rss",
    "ssh": "ssh://root@example.com",
    "broken-nesting": "<b><i>lồng sai</b></i> <p><div><table><tr><td>",
    "comment": "<!-- <script>alert(1)</script> -->",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "mxss-math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "mxss-noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "iframe": '<iframe src="javascript:alert(1)"></iframe>',
    "style-url": "<style>body{background:url(javascript:alert(1))}</style>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "url-quote-breakout": 'http://example.com/"onmouseover="alert(1)',
    "url-then-tag": "https://tuoitre.vn/<script>alert(1)</script>",
    "template-jinja": "{{7*7}} {% raw %} {{ config }}",
    "template-js": "${7*7} #{7*7} <%= 7*7 %>",
    "escaped-entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &nbsp;",
    "percent-encoded": "%3Cscript%3Ealert(1)%3C/script%3E",
    "bidi-override": "bình luận \u202etxt.exe\u202c và \u2066ẩn\u2069",
    "zero-width": "t\u200bi\u200cế\u2060n\ufeffg",
    "nul": "null\x00byte\x07bell",
    "long-word": "a" * 2999,
    "emoji-zwj": "👨\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 👍🏽 ❤️",
    "nbsp": "giá\u00a0100\u00a0đồng",
}

ALLOWED_TAGS = {"a", "br", "p"}


class _Inspector(HTMLParser):
    """Collects every tag with its attributes, and the visible text with line structure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and len(self.tags) > 1:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.parts.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", {}))

    def unknown_decl(self, data):
        self.tags.append(("![", {}))


def inspect(markup):
    parser = _Inspector()
    parser.feed(markup)
    parser.close()
    return parser.tags, "".join(parser.parts)


def assert_inert(markup):
    """Only p, br and http(s) links with our rel; anything else would be markup a reader made."""
    tags, _ = inspect(markup)
    for tag, attrs in tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in {markup!r}"
        if tag == "a":
            assert set(attrs) <= {"href", "rel", "target"}, attrs
            assert attrs["href"].startswith(("http://", "https://")), attrs
            assert attrs["rel"] == LINK_REL, attrs
        else:
            assert attrs == {}, f"<{tag} {attrs}>"


def visible_text(markup):
    """What a reader sees, with <br> as a newline and paragraphs separated by a blank line."""
    return inspect(markup)[1]
