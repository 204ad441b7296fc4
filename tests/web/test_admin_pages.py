"""The admin pages: access rules, CSRF, and that each form reaches its service."""
import io
import re

import pytest

from moderation.services.articles import find_article
from moderation.services.bans import list_bans
from moderation.http.clientip import hash_ip
from moderation.services.settings import site_defaults
from moderation.services.wordlists import word_lists
from tests.moderators import admin, signed_in  # noqa: F401 (admin fixture)

PAGES = ["/moderation/admin/", "/moderation/admin/rules", "/moderation/admin/rules/banned.txt",
         "/moderation/admin/bans", "/moderation/admin/settings", "/moderation/admin/moderators",
         "/moderation/admin/moderators/1"]
POSTS = ["/moderation/admin/rules", "/moderation/admin/rules/import", "/moderation/admin/bans",
         "/moderation/admin/bans/1/lift", "/moderation/admin/settings", "/moderation/admin/articles/bai-1"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_is_sent_to_the_login_page(client, path):
    r = client.get(path)
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/moderation/login")


@pytest.mark.parametrize("path", PAGES)
def test_moderator_gets_403(client, path):
    signed_in(client, "bientap", "moderator")
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", POSTS)
def test_moderator_cannot_post_either(client, path):
    session = signed_in(client, "bientap", "moderator")
    assert session.post(path).status_code == 403


@pytest.mark.parametrize("path", PAGES)
def test_admin_sees_every_page(admin, path):
    assert admin.get(path, follow_redirects=True).status_code == 200


@pytest.mark.parametrize("path", POSTS)
def test_post_without_csrf_token_is_400(admin, path):
    r = admin.client.post(path, data={"banned": "ngu"})
    html = r.get_data(as_text=True)
    assert r.status_code == 400 and "trang đã mở quá lâu. Vui lòng tải lại trang rồi thử lại." in html
    assert "The CSRF token" not in html


def test_admin_nav_links_the_admin_pages(admin):
    html = admin.get("/moderation/admin/rules").get_data(as_text=True)
    for path in ("/moderation/admin/bans", "/moderation/admin/settings"):
        assert f'href="{path}"' in html


def test_word_lists_are_edited_in_textareas(admin):
    r = admin.post("/moderation/admin/rules", {"banned": "Ngu\n\nĐồ  chó\n", "suspect": "chửi"})
    assert r.status_code == 303
    assert word_lists() == {"banned": ["ngu", "đồ chó"], "suspect": ["chửi"]}
    html = admin.get("/moderation/admin/rules").get_data(as_text=True)
    assert "ngu\nđồ chó</textarea>" in html


def test_a_bad_term_is_shown_on_its_textarea(admin):
    r = admin.post("/moderation/admin/rules", {"banned": "!!!", "suspect": ""})
    assert r.status_code == 400
    assert "không chứa chữ cái" in r.get_data(as_text=True)
    assert word_lists()["banned"] == []


def test_export_is_plain_text_one_term_a_line(admin):
    admin.post("/moderation/admin/rules", {"banned": "ngu\nđồ chó", "suspect": ""})
    r = admin.get("/moderation/admin/rules/banned.txt")
    assert r.mimetype == "text/plain"
    assert "attachment" in r.headers["Content-Disposition"]
    assert r.get_data(as_text=True) == "ngu\nđồ chó\n"


def test_import_replaces_the_chosen_list(admin):
    admin.post("/moderation/admin/rules", {"banned": "ngu", "suspect": "cũ"})
    upload = (io.BytesIO("\ufeff# nghi vấn\nchửi\ngiết\n".encode()), "suspect.txt")
    r = admin.post("/moderation/admin/rules/import", {"tier": "suspect", "file": upload},
                   content_type="multipart/form-data")
    assert r.status_code == 303
    assert word_lists() == {"banned": ["ngu"], "suspect": ["chửi", "giết"]}


def test_import_refuses_a_file_that_is_not_utf8(admin):
    upload = (io.BytesIO("chửi".encode("utf-16")), "suspect.txt")
    r = admin.post("/moderation/admin/rules/import", {"tier": "suspect", "file": upload},
                   content_type="multipart/form-data")
    assert r.status_code == 400
    assert word_lists()["suspect"] == []


def test_ban_by_email_then_lift(admin):
    r = admin.post("/moderation/admin/bans", {"kind": "email", "value": "Spam@Example.vn",
                                              "reason": "quảng cáo", "duration": "7"})
    assert r.status_code == 303
    [ban] = list_bans()
    assert (ban.value, ban.reason, ban.expires_at is not None) == ("spam@example.vn", "quảng cáo", True)
    html = admin.get("/moderation/admin/bans").get_data(as_text=True)
    assert "spam@example.vn" in html
    assert admin.post(f"/moderation/admin/bans/{ban.id}/lift").status_code == 303
    assert list_bans() == []


def test_ban_by_raw_address_stores_only_its_hash(admin, app):
    admin.post("/moderation/admin/bans", {"kind": "ip", "value": "203.0.113.9", "duration": ""})
    [ban] = list_bans()
    assert ban.value == hash_ip("203.0.113.9", app.config["SECRET_KEY"])
    assert ban.expires_at is None


def test_bad_ban_value_is_shown_on_the_form(admin):
    r = admin.post("/moderation/admin/bans", {"kind": "ip", "value": "không phải IP", "duration": "1"})
    assert r.status_code == 400
    assert "hay mã băm IP) hợp lệ" in r.get_data(as_text=True)
    assert list_bans() == []


def test_site_settings_change_the_defaults(admin):
    r = admin.post("/moderation/admin/settings", {"moderation": "post"})  # checkbox left unticked
    assert r.status_code == 303
    assert site_defaults() == {"moderation": "post", "comments_open": False, "registered_only": False,
                               "close_after_days": 0, "lockdown": False, "staff_badge": "Tòa soạn",
                               "default_sort": "oldest"}


def test_the_newsroom_badge_is_set_on_the_settings_page_and_blank_restores_the_default(admin):
    assert admin.post("/moderation/admin/settings", {"moderation": "pre", "staff_badge": " Ban biên tập "}).status_code == 303
    assert site_defaults()["staff_badge"] == "Ban biên tập"
    assert 'value="Ban biên tập"' in admin.get("/moderation/admin/settings").get_data(as_text=True)
    admin.post("/moderation/admin/settings", {"moderation": "pre", "staff_badge": ""})
    assert site_defaults()["staff_badge"] == "Tòa soạn"


def test_the_default_sort_is_a_site_setting(admin):
    assert admin.post("/moderation/admin/settings", {"moderation": "pre", "default_sort": "top"}).status_code == 303
    assert site_defaults()["default_sort"] == "top"


def test_article_settings_are_found_and_saved(admin):
    html = admin.get("/moderation/admin/settings?article_id=bai-1").get_data(as_text=True)
    assert "Chưa có bài viết với mã này. Bấm “Lưu” để tạo mới." in html
    r = admin.post("/moderation/admin/articles/bai-1", {"comments_open": "0", "moderation": "post"})
    assert r.status_code == 303
    article = find_article("bai-1")
    assert (article.comments_open, article.moderation.value) == (False, "post")
    html = admin.get("/moderation/admin/settings?article_id=bai-1").get_data(as_text=True)
    assert re.search(r'<option selected value="0">', html)


def test_a_bad_article_id_is_explained_not_searched(admin):
    html = admin.get("/moderation/admin/settings?article_id=b%C3%A0i%20vi%E1%BA%BFt").get_data(as_text=True)
    assert "Mã bài viết chỉ gồm" in html
