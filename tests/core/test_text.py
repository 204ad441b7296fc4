"""moderation.text: what readers type is normalized, then shown exactly as typed, as inert HTML."""
import html
import unicodedata

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from moderation.core.text import INVISIBLE
from moderation.core.wordrules import compile_rules, screen

from moderation.core import text
from moderation.core.text import LINK_REL, bleach_html, gate, normalize, normalize_line, render_html
from tests.hostile import HOSTILE_TEXTS, assert_inert, inspect, visible_text

HOSTILE = [pytest.param(value, id=name) for name, value in HOSTILE_TEXTS.items()]


def links(markup):
    return [attrs for tag, attrs in inspect(markup)[0] if tag == "a"]


# --- normalize ---------------------------------------------------------------------------

def test_decomposed_vietnamese_is_composed():
    typed_on_macos = unicodedata.normalize("NFD", "Tiếng Việt có dấu: ạ ằ ễ ộ ữ")
    assert typed_on_macos != "Tiếng Việt có dấu: ạ ằ ễ ộ ữ"
    assert normalize(typed_on_macos) == "Tiếng Việt có dấu: ạ ằ ễ ộ ữ"


@pytest.mark.parametrize("raw, expected", [
    ("a\x00b", "ab"),
    ("a\x07b\x1bc\x7fd", "abcd"),
    ("a\u0085b", "ab"),
    ("dòng 1\ndòng 2\tcột", "dòng 1\ndòng 2\tcột"),
    ("a\r\nb\rc", "a\nb\nc"),
])
def test_control_characters_are_stripped_except_newline_and_tab(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("char", list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
def test_bidi_controls_are_stripped(char):
    assert normalize(f"an{char}toàn") == "antoàn"


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_every_invisible_character_is_stripped_between_letters(char):
    assert normalize(f"xin{char}chào") == "xinchào"


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_the_word_rules_see_the_same_words_the_readers_text_keeps(char):
    """Normalizing and the word rules strip one set: a banned word split by any of them is caught
    strictly, exactly as the normalized text reads it."""
    rules = compile_rules(["ngu"], [])
    typed = f"đồ n{char}gu"
    assert screen(typed, rules)[1] == "rejected"
    assert screen(normalize(typed), rules)[1] == "rejected"


def test_zero_width_joiner_survives_inside_an_emoji_sequence():
    family = "👨\u200d👩\u200d👧"
    assert normalize(f"gia đình {family}") == f"gia đình {family}"


def test_lone_surrogates_are_stripped():
    assert normalize("a\ud800b\udfffc") == "abc"


def test_text_is_trimmed_and_blank_line_runs_collapse_to_one():
    assert normalize("  \n\n đoạn 1\n\n\n\n  \n\nđoạn 2  \n\n") == "đoạn 1\n\nđoạn 2"


def test_a_single_line_field_has_no_line_breaks():
    assert normalize_line(" Nguyễn\n Văn\tA ") == "Nguyễn Văn A"


# --- render_html: every character kept, nothing becomes markup --------------------------

@pytest.mark.parametrize("typed", ["a < b & c", "x<y and y>z", "<script>alert(1)</script>",
                                   "if (a<b && c>d) return \"ok\";", "5 > 3 < 4 &amp; &lt;b&gt;"])
def test_angle_brackets_and_ampersands_read_exactly_as_typed(typed):
    markup = render_html(typed)
    assert_inert(markup)
    assert visible_text(markup) == typed


def test_line_breaks_are_kept_and_paragraphs_separated():
    markup = render_html("dòng 1\ndòng 2\n\nđoạn hai")
    assert markup == "<p>dòng 1<br>dòng 2</p><p>đoạn hai</p>"


@pytest.mark.parametrize("typed, href", [
    ("xem https://tuoitre.vn/abc nhé", "https://tuoitre.vn/abc"),
    ("xem http://vnexpress.net/a?b=1&c=2", "http://vnexpress.net/a?b=1&c=2"),
    ("xem tuoitre.vn/abc nhé", "http://tuoitre.vn/abc"),
    ("www.thanhnien.vn", "http://www.thanhnien.vn"),
    ("(tuoitre.vn/abc)", "http://tuoitre.vn/abc"),
])
def test_http_urls_and_bare_domains_become_nofollow_links(typed, href):
    markup = render_html(typed)
    assert_inert(markup)
    assert [a["href"] for a in links(markup)] == [href]
    assert links(markup)[0]["rel"] == LINK_REL == "nofollow ugc noopener noreferrer"
    assert visible_text(markup) == typed


@pytest.mark.parametrize("typed", [
    "data:text/html;base64,PHNjcmlwdD4=",
    "data:text/html,tuoitre.vn",
    "feed://tuoitre.vn/rss",
    "feed:https://tuoitre.vn/rss",
    "ssh://root@example.com",
    "ssh://example.com",
    "javascript:alert(1)",
    "javascript://example.com/%0Aalert(1)",
    "ftp://example.com/file",
    "mailto:toasoan@tuoitre.vn",
    "toasoan@tuoitre.vn",
    "tel:+84901234567",
])
def test_no_other_scheme_is_ever_linked(typed):
    markup = render_html(typed)
    assert links(markup) == []
    assert visible_text(markup) == typed


def test_counting_links_agrees_with_what_is_linked():
    body = "a.vn b.com https://c.net feed://d.org data:e.com"
    assert text.count_links(body) == len(links(render_html(body))) == 3


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_input_renders_as_inert_text_with_every_character_kept(typed):
    normalized = normalize(typed)
    markup = render_html(normalized)
    assert_inert(markup)
    assert visible_text(markup) == normalized


# --- the nh3 gate ------------------------------------------------------------------------

@pytest.mark.parametrize("typed", HOSTILE)
def test_the_gate_changes_nothing_on_honest_bleach_output(typed):
    honest = bleach_html(normalize(typed))
    assert gate(honest) == honest


@pytest.mark.parametrize("tampering", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)" rel="nofollow ugc noopener noreferrer">x</a>',
    '<a href="data:text/html,x" onclick="alert(1)">x</a>',
    "<svg onload=alert(1)></svg>",
    '<p style="color:red" onmouseover="alert(1)">x</p>',
    "<iframe src=https://evil.example></iframe>",
])
def test_the_gate_strips_markup_when_bleach_output_is_tampered_with(tampering):
    tampered = bleach_html("ý kiến") + tampering
    cleaned = gate(tampered)
    assert cleaned != tampered
    for forbidden in ("<script", "<img", "<svg", "<iframe", "javascript:", "data:", "onclick", "onload",
                      "onerror", "onmouseover", "style="):
        assert forbidden not in cleaned


def test_render_html_passes_through_the_gate(monkeypatch):
    monkeypatch.setattr(text, "bleach_html", lambda *_: "<p>ok</p><script>alert(1)</script>")
    assert render_html("anything") == "<p>ok</p>"


def test_the_fast_path_of_normalize_sees_every_character_it_could_drop():
    from moderation.core.text import _DROPPABLE, _keep
    missed = [hex(cp) for cp in range(0x110000)
              if not _keep("a" + chr(cp) + "a", 1, chr(cp)) and not _DROPPABLE.search(chr(cp))]
    assert missed == []


_FRAGMENTS = ["Giá xăng tăng", "https://vnexpress.net/a", "(https://vnexpress.net/b)", "https://tuoitre.vn/c.",
              "www.thanhnien.vn", "vnexpress.net/x?a=1&b=2", "feed://tuoitre.vn", "javascript:alert(1)",
              "an@example.vn", "<script>alert(1)</script>", "&amp;", "x < y > z", "\u00a0", "👨\u200d👩\u200d👧",
              "\n", "\n\n", "http://", "https://vi.wikipedia.org/wiki/Hà_Nội_(thành_phố)", ")", "'", '"',
              "http://[::1]/", "ftp://x.vn", "a" * 60, "<br>", "<p>", "&lt;br&gt;", "Đà Nẵng.", " ", "%00"]


def test_rendering_many_texts_together_gives_each_its_own_html():
    import random
    from moderation.core.text import render_many
    rng = random.Random(13)
    texts = [normalize(" ".join(rng.choice(_FRAGMENTS) for _ in range(rng.randint(1, 12)))) for _ in range(600)]
    texts += ["", "https://vnexpress.net/a\x00b"]
    # Each alone, each word with a URL linkified on its own call: what the batches must reproduce.
    assert render_many(texts) == [gate(text.bleach_html(typed)) for typed in texts]
    assert [render_html(typed) for typed in texts[:50]] == render_many(texts[:50])


def _whole_piece_rendering(text_):
    """What render_html wrote before it linkified word by word: bleach's linkify of each whole piece."""
    def paragraph(para):
        out = []
        for linkable, piece in text._pieces(para):
            escaped = html.escape(piece, quote=False)
            out.append(text._LINKER.linkify(escaped) if linkable and text._URL_RE.search(piece) else escaped)
        return text._finish("".join(out))
    return gate("".join("<p>" + paragraph(para) + "</p>" for para in text_.split("\n\n")))


def test_a_comment_is_linkified_in_one_call_however_many_urls_it_holds(monkeypatch):
    asked = []
    linkify = text._linkify_escaped
    monkeypatch.setattr(text, "_linkify_escaped", lambda markup: asked.append(markup) or linkify(markup))
    html_ = render_html("Xem tuoitre.vn/bai-1 và https://news.example.vn/bai/2.\n\nĐoạn hai: vnexpress.net/c")
    assert asked == ["tuoitre.vn/bai-1\nhttps://news.example.vn/bai/2.\nvnexpress.net/c"]
    assert html_.count("<a href=") == 3


def test_linkify_is_asked_only_of_the_words_that_hold_a_url():
    asked = []
    text._render_paragraph("Xem thêm tuoitre.vn/bai-1 hoặc https://news.example.vn/bai/2. Cảm ơn tác giả & ban biên tập",
                           linkify=lambda escaped: asked.append(escaped) or escaped)
    assert asked == ["tuoitre.vn/bai-1", "https://news.example.vn/bai/2."]


class _CountingPattern:
    """bleach's URL pattern, recording every string it is asked to search."""

    def __init__(self, pattern):
        self.pattern, self.asked = pattern, []

    def search(self, string, *args):
        self.asked.append(string)
        return self.pattern.search(string, *args)

    def findall(self, string, *args):
        self.asked.append(string)
        return self.pattern.findall(string, *args)


def test_the_url_pattern_is_asked_only_of_words_with_a_dot(monkeypatch):
    """Searching it tries it at every word (~20 µs a comment); a run without a dot cannot match."""
    counting = _CountingPattern(text._URL_RE)
    monkeypatch.setattr(text, "_URL_RE", counting)
    typed = "Giá xăng tăng mạnh hôm nay, xem tuoitre.vn/a hoặc https://news.example.vn/b nhé"
    assert text.count_links(typed) == 2 and render_html(typed).count("<a href=") == 2
    assert set(counting.asked) == {"tuoitre.vn/a", "https://news.example.vn/b"}
    counting.asked.clear()
    assert text.count_links("Không có đường dẫn nào, http://localhost/x") == 0
    assert "<a" not in render_html("Không có đường dẫn nào, http://localhost/x")
    assert counting.asked == []


_SPACE_KINDS = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\u2003", "\u202f", "\u2028"]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcnvmoz:/?#&;=()[]<>@'\"-_~%,!đĐà0189 \t\n\u00a0", max_size=40)
       | st.lists(st.sampled_from(["http://", "https://", "www", "vn", "com", "localhost", ":8080", "/a", "@",
                                   "net", "-", "_", "xn--", "(", ")"]), max_size=8).map("".join))
def test_bleachs_url_pattern_still_needs_a_dot_to_match(typed):
    """What ``_may_link`` relies on: should bleach ever match a dotless URL, this fails."""
    assert "." not in typed and text._URL_RE.search(typed) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.sampled_from(_SPACE_KINDS),
                          st.text(alphabet="ab.:/?#&;=()[]<>@'\"-_~%,!đĐà", max_size=8)), max_size=14)
       .map("".join).map(text.normalize))
def test_counting_links_run_by_run_counts_what_the_whole_piece_holds(typed):
    whole = sum(len(text._URL_RE.findall(piece)) for linkable, piece in text._pieces(typed) if linkable)
    assert text.count_links(typed) == whole


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.sampled_from(_SPACE_KINDS),
                          st.text(alphabet="ab.:/?#&;=()[]<>@'\"-_~%,!đĐà", max_size=8)), max_size=14)
       .map("".join).map(text.normalize))
def test_linking_word_by_word_gives_what_linking_the_whole_piece_gave(typed):
    assert text.render_html(typed) == _whole_piece_rendering(typed)


_MARKUP = ["<p>", "</p>", "<br>", "<a href=\"https://x.vn/a?b=1&amp;c=2\" rel=\"nofollow\" target=\"_blank\">",
           "<a href='javascript:alert(1)'>", "<a href=data:x onclick=y>", "</a>", "<script>", "</script>",
           "<img src=x onerror=alert(1)>", "<!-- c -->", "&nbsp;", "&amp;", "&lt;", "&#x3c;", "\u00a0", "<b>", "<"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=20), st.sampled_from(_MARKUP)), max_size=12).map("".join))
def test_the_gate_built_once_cleans_as_nh3_clean_with_the_allowlist_does(markup):
    assert gate(markup) == nh3.clean(markup, tags=text.ALLOWED_TAGS, attributes=text.ALLOWED_ATTRIBUTES,
                                     url_schemes=text.ALLOWED_SCHEMES, link_rel=None)


def _runs_to_link(typed):
    """What ``_linkify_all`` gives linkify for a normalized text: its escaped whitespace-free runs, by newlines."""
    return "\n".join(html.escape(run, quote=False) for run in typed.split())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.sampled_from(_SPACE_KINDS), st.text(max_size=12),
                          st.text(alphabet="ab.:/?#&;=()[]<>@'\"-_~%,!đĐà", max_size=8)), max_size=14)
       .map("".join).map(text.normalize).map(_runs_to_link))
def test_linkify_without_the_parse_writes_what_bleachs_linkify_writes(escaped):
    """``_linkify_escaped`` gives bleach's filter the token html5lib's parse would: the same HTML."""
    assert text._linkify_escaped(escaped) == text._LINKER.linkify(escaped)


@pytest.mark.parametrize("escaped", [
    "(https://vi.wikipedia.org/wiki/Hà_Nội_(thành_phố))", "vnexpress.net/x?a=1&amp;b=2.", "&lt;a.vn&gt;",
    "tuoitre.vn,\nhttps://a.vn/b;c&amp;d\nwww.x.vn&quot;", "&amp;amp;x.vn", "http://[::1]/a.vn", "a.vn&#x3c;"])
def test_linkify_without_the_parse_on_the_known_hard_cases(escaped):
    assert text._linkify_escaped(escaped) == text._LINKER.linkify(escaped)


def _fold_by_character(typed):
    """``fold`` as first written: every character of the NFD form looked at."""
    decomposed = unicodedata.normalize("NFD", typed.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=500, deadline=None)
@given(st.text() | st.text(alphabet="ẠạẶặỆệỘộỰựĐđ\u0300\u0301\u0303\u0309\u0323\u034f\u0483\u05b0 aZ👍", max_size=30))
def test_folding_finds_every_mark_the_character_by_character_fold_found(typed):
    assert text.fold(typed) == _fold_by_character(typed)


def test_the_words_to_link_are_not_parsed_as_html(monkeypatch):
    """html5lib's parse was ~100 of linkify's ~220 µs a call, and the escaped words hold no markup."""
    def refuse(*args, **kwargs):
        raise AssertionError("linkify parsed the escaped words")
    monkeypatch.setattr(text._LINKER.parser, "parseFragment", refuse)
    assert render_html("Xem tuoitre.vn/bai-1 & https://news.example.vn/b?x=1&y=2.").count("<a href=") == 2


def test_a_vietnamese_text_is_folded_without_a_look_at_each_character(monkeypatch):
    asked = []
    combining = unicodedata.combining
    monkeypatch.setattr(text.unicodedata, "combining", lambda ch: asked.append(ch) or combining(ch))
    assert text.fold("Xe buýt Đà Nẵng QUA Huế, 5 phút") == "xe buyt da nang qua hue, 5 phut"
    assert asked == []
    assert text.fold("Cà phê ☕") == "ca phe ☕" and asked  # what is not ASCII is still looked at
