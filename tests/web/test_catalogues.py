"""The English catalogue is complete, and the moderators' pages speak English when asked."""
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.moderators import signed_in
from tests.web.test_i18n import VIETNAMESE_LETTERS, compiled_catalogues  # noqa: F401 (builds the .mo files)

TRANSLATIONS = Path(__file__).resolve().parents[2] / "moderation" / "translations"


def _catalogue(lang):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f)


def _untranslated(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(strings)


def test_the_english_catalogue_has_no_untranslated_or_fuzzy_entry():
    entries = [m for m in _catalogue("en") if m.id]
    assert entries
    assert [m.id for m in entries if _untranslated(m) or m.fuzzy] == []


def test_the_vietnamese_catalogue_keeps_the_source_strings():
    assert [m.id for m in _catalogue("vi") if m.id and any(m.string) and m.string != m.id] == []


def test_every_source_string_is_in_the_catalogues():
    template = {m.id for m in read_po((TRANSLATIONS / "messages.pot").open("rb")) if m.id}
    assert template - {m.id for m in _catalogue("en") if m.id} == set()


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_catalogues_keep_no_obsolete_entry(lang):
    """An obsolete (``#~``) entry may repeat a live one, and msgfmt --check refuses the duplicate."""
    assert list(_catalogue(lang).obsolete) == []


def test_the_login_page_is_english_with_lang_en(client):
    html = client.get("/moderation/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Username" in html and "Password" in html and "Log in" in html
    assert not VIETNAMESE_LETTERS & set(html.lower())


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/log", "/moderation/admin/moderators",
                                  "/moderation/admin/rules", "/moderation/admin/bans",
                                  "/moderation/admin/settings?article_id=bai-1"])
def test_the_moderators_pages_have_no_vietnamese_left_in_english(client, path):
    session = signed_in(client, "quantri", "admin")
    client.set_cookie("lang", "en")
    html = session.get(path).get_data(as_text=True)
    assert not VIETNAMESE_LETTERS & set(html.lower()), path


@pytest.mark.parametrize("path, expected", [("/api/v1/articles/a/comments?lang=en", "vi"), ("/?lang=en", "en"),
                                            ("/?lang=fr", "vi"), ("/", "vi")])
def test_the_language_is_chosen_as_a_locale_flask_babel_does_not_parse_again(app, path, expected):
    """English only when asked for, never on the JSON API; handed over already parsed (each
    request's first message paid Babel's ``Locale.parse`` before)."""
    from moderation.http.locale import LOCALES, select_locale
    with app.test_request_context(path):
        assert select_locale() is LOCALES[expected]
