"""The queue marks rule words in the comment's text only; links keep the target readers get."""
import re

import pytest

from moderation.core.text import render_html
from moderation.core.wordrules import compile_rules, highlight
from moderation.core.marks import marked_html
from tests.moderators import moderator  # noqa: F401 (fixture)

RULES = compile_rules(banned=["vcl"], suspect=["lừa đảo"])


def marked(text):
    return marked_html(render_html(text), lambda node: highlight(node, RULES))


def hrefs(markup):
    return re.findall(r'href="([^"]*)"', markup)


@pytest.mark.parametrize("body", [
    "Xem https://news.example.vn/vcl/bai-1 nhé",
    "Link: http://vcl.example.vn/lừa-đảo?q=vcl#vcl",
    "https://example.vn/a-vcl-b và vcl",
    "www.vcl.vn lừa đảo",
])
def test_a_link_keeps_the_target_readers_see(body):
    assert hrefs(marked(body)) == hrefs(render_html(body))
    assert "<mark" not in "".join(re.findall(r"<a [^>]*>", marked(body)))


def test_a_word_in_the_text_is_still_marked():
    html = marked("Đúng là vcl, lừa đảo thật")
    assert '<mark class="banned_word">vcl</mark>' in html
    assert '<mark class="suspect_word">lừa đảo</mark>' in html


def test_a_word_in_a_links_text_is_marked_inside_the_link_text():
    html = marked("Xem https://news.example.vn/vcl")
    assert re.search(r'<a [^>]*>[^<]*<mark class="banned_word">vcl</mark></a>', html)


def test_text_that_looks_like_markup_stays_text():
    body = '<a href="https://evil.example/x">vcl</a>'
    html = marked(body)
    assert "&lt;a href=" in html
    assert hrefs(html) == hrefs(render_html(body))


def test_the_queue_page_shows_the_readers_link_target(client, moderator, make_comment):
    from moderation.services.wordlists import replace_word_lists
    replace_word_lists(suspect=["lừa đảo"], actor=None)
    comment = make_comment(body="Trang này lừa đảo: https://news.example.vn/lua-dao/lừa đảo-vcl")
    page = client.get("/moderation/?tab=all").get_data(as_text=True)
    row = page.split(f'id="c{comment.id}"')[1].split('class="body" data-body>')[1].split("</div>")[0]
    assert hrefs(row) == hrefs(comment.body_html)
    assert '<mark class="suspect_word">lừa đảo</mark>' in row
