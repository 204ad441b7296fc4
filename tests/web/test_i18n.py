"""Flask-Babel: the reader page is Vietnamese by default and English on request; the API stays Vietnamese.

The .mo files are build products (``make translations``); the fixture builds them the same
way when a test run starts without them, so a plain ``pytest`` is honest too.
"""
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "moderation" / "translations"
PAGE = "/articles/bai-1/comments"
VIETNAMESE_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    stale = [po for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")
             if not po.with_suffix(".mo").exists() or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime]
    if stale:
        CommandLineInterface().run(["pybabel", "-q", "compile", "-d", str(TRANSLATIONS)])


def page(client, **kwargs):
    r = client.get(PAGE, **kwargs)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def test_there_is_a_vietnamese_and_an_english_catalogue():
    assert {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")} >= {"vi", "en"}


def test_the_reader_page_is_vietnamese_by_default(client):
    html = page(client)
    assert '<html lang="vi">' in html
    assert "Ý kiến bạn đọc" in html and "Tổng lượt bình luận" in html and "Gửi bình luận" in html


def test_lang_en_gives_the_reader_page_in_english(client):
    html = page(client, query_string={"lang": "en"})
    assert '<html lang="en">' in html
    assert "Readers&#39; comments" in html or "Readers' comments" in html
    assert "Total comments: " in html
    assert "Post comment" in html
    assert "Ý kiến bạn đọc" not in html


def test_a_lang_cookie_chooses_english_too(client):
    client.set_cookie("lang", "en")
    assert "Total comments" in page(client)


@pytest.mark.parametrize("lang", ["fr", "", "vi-VN", "../en"])
def test_an_unknown_language_falls_back_to_vietnamese(client, lang):
    assert "Tổng lượt bình luận" in page(client, query_string={"lang": lang})


def test_no_vietnamese_is_left_on_the_english_reader_page(client):
    html = page(client, query_string={"lang": "en"}).lower()
    assert not VIETNAMESE_LETTERS & set(html)


def test_the_english_reader_page_shows_english_field_errors(client):
    html = page(client, query_string={"lang": "en"})
    assert "Your comment" in html and "Name" in html


def test_the_api_answers_in_vietnamese_whatever_the_language_asked(client):
    client.set_cookie("lang", "en")
    r = client.post("/api/v1/articles/bai-1/comments?lang=en", json={})
    assert r.get_json()["error"]["message"] == "Vui lòng kiểm tra lại các ô được đánh dấu đỏ."


READER_ERRORS = ("validation", "bad_request", "not_found", "comments_closed", "banned", "too_large",
                 "rate_limited", "unavailable", "internal")
READER_FIELDS = ("author_required", "body_required", "too_long", "email", "parent", "not_text")


def test_every_reader_facing_message_has_an_english_translation():
    from moderation import messages
    from moderation.web.reader_forms import CommentForm

    catalogue = read_po((TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb"))
    translated = {m.id for m in catalogue if m.id and m.string}
    sources = [messages.PENDING, messages.PUBLISHED, messages.REFUSED, messages.REPORTED,
               *(messages.ERRORS[k] for k in READER_ERRORS), *(messages.FIELDS[k] for k in READER_FIELDS),
               *(field.args[0] for field in (CommentForm.author, CommentForm.email, CommentForm.body))]
    assert {source._args[0] for source in sources} - translated == set()
