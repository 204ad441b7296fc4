"""The admins' page for moderator accounts: access, CSRF, each action, and the safety rules."""

import pytest

from moderation.services.accounts import change_role, find_moderator, moderator_for_token, set_active
from moderation.errors import ServiceError
from tests.moderators import admin, login, signed_in  # noqa: F401 (admin fixture)

BASE = "/moderation/admin/moderators"
POSTS = [BASE, f"{BASE}/1/role", f"{BASE}/1/password", f"{BASE}/1/deactivate", f"{BASE}/1/reactivate",
         f"{BASE}/1/token", f"{BASE}/1/display-name"]


@pytest.fixture
def colleague(admin):
    """A second account for the admin to manage, made through the page itself."""
    r = admin.post(BASE, {"username": "phongvien", "role": "moderator", "password": "mat-khau-moi-1",
                          "confirm": "mat-khau-moi-1"})
    assert r.status_code == 303
    return find_moderator("phongvien")


@pytest.mark.parametrize("path", POSTS)
def test_moderator_cannot_post_either(client, path):
    session = signed_in(client, "bientap", "moderator")
    assert session.post(path, {"role": "admin"}).status_code == 403
    assert find_moderator("bientap").role.value == "moderator"


@pytest.mark.parametrize("path", POSTS)
def test_post_without_csrf_token_is_400(admin, path):
    r = admin.client.post(path, data={"username": "x", "role": "admin", "password": "12345678",
                                      "confirm": "12345678"})
    assert r.status_code == 400
    assert find_moderator("x") is None
    assert find_moderator("quantri").role.value == "admin"


def test_the_admin_menu_links_the_accounts_page(admin):
    assert f'href="{BASE}"' in admin.get("/moderation/admin/rules").get_data(as_text=True)


def test_list_shows_username_role_and_state(admin, colleague):
    html = admin.get(BASE).get_data(as_text=True)
    for text in ("quantri", "phongvien", "Quản trị viên", "Kiểm duyệt viên", "Đang hoạt động"):
        assert text in html


def test_admin_creates_a_moderator_who_can_log_in(admin, colleague, app):
    assert (colleague.role.value, colleague.active) == ("moderator", True)
    other = app.test_client()
    assert login(other, "phongvien", "mat-khau-moi-1").status_code == 303


@pytest.mark.parametrize("data, shown", [
    ({"username": "quantri", "password": "mat-khau-moi-1", "confirm": "mat-khau-moi-1"}, "đã tồn tại"),
    ({"username": "moi", "password": "ngan", "confirm": "ngan"}, "Mật khẩu"),
    ({"username": "moi", "password": "mat-khau-moi-1", "confirm": "mat-khau-khac-1"}, "không khớp"),
])
def test_a_bad_new_account_is_refused_on_the_form(admin, data, shown):
    r = admin.post(BASE, {"role": "moderator", **data})
    assert r.status_code == 400
    assert shown in r.get_data(as_text=True)
    assert find_moderator("moi") is None


def test_admin_sets_and_clears_a_display_name(admin, colleague):
    r = admin.post(f"{BASE}/{colleague.id}/display-name", {"display_name": "Ban Thời sự"})
    assert r.status_code == 303
    assert find_moderator("phongvien").display_name == "Ban Thời sự"
    assert "Ban Thời sự" in admin.get(BASE).get_data(as_text=True)
    assert admin.post(f"{BASE}/{colleague.id}/display-name", {"display_name": "a\u202eb"}).status_code == 400
    admin.post(f"{BASE}/{colleague.id}/display-name", {"display_name": ""})
    assert find_moderator("phongvien").display_name is None


def test_admin_changes_a_role(admin, colleague):
    r = admin.post(f"{BASE}/{colleague.id}/role", {"role": "admin"})
    assert r.status_code == 303
    assert find_moderator("phongvien").role.value == "admin"


def test_admin_resets_a_password_and_the_old_session_ends(admin, colleague, app):
    theirs = app.test_client()
    login(theirs, "phongvien", "mat-khau-moi-1")
    assert theirs.get("/moderation/").status_code == 200
    r = admin.post(f"{BASE}/{colleague.id}/password", {"password": "mat-khau-thu-2", "confirm": "mat-khau-thu-2"})
    assert r.status_code == 303
    assert theirs.get("/moderation/").headers["Location"].startswith("/moderation/login")
    assert login(theirs, "phongvien", "mat-khau-thu-2").status_code == 303


def test_admin_deactivates_and_reactivates(admin, colleague, app):
    theirs = app.test_client()
    login(theirs, "phongvien", "mat-khau-moi-1")
    assert admin.post(f"{BASE}/{colleague.id}/deactivate").status_code == 303
    assert find_moderator("phongvien").active is False
    assert theirs.get("/moderation/").status_code == 302
    assert admin.post(f"{BASE}/{colleague.id}/reactivate").status_code == 303
    assert find_moderator("phongvien").active is True
    assert login(theirs, "phongvien", "mat-khau-moi-1").status_code == 303


def test_a_new_api_token_is_shown_once_and_works(admin, colleague):
    r = admin.post(f"{BASE}/{colleague.id}/token")
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    token = r.get_data(as_text=True).split("<code>")[1].split("</code>")[0]
    assert moderator_for_token(token).username == "phongvien"
    assert token not in admin.get(f"{BASE}/{colleague.id}").get_data(as_text=True)


def test_an_admin_cannot_demote_themself(admin):
    r = admin.post(f"{BASE}/{admin.moderator.id}/role", {"role": "moderator"})
    assert r.status_code == 403
    assert "chính mình" in r.get_data(as_text=True)
    assert find_moderator("quantri").role.value == "admin"


def test_an_admin_cannot_deactivate_themself(admin):
    r = admin.post(f"{BASE}/{admin.moderator.id}/deactivate")
    assert r.status_code == 403
    assert "chính mình" in r.get_data(as_text=True)
    assert find_moderator("quantri").active is True


def test_another_admin_can_be_demoted_while_one_remains(admin, colleague):
    admin.post(f"{BASE}/{colleague.id}/role", {"role": "admin"})
    assert admin.post(f"{BASE}/{colleague.id}/role", {"role": "moderator"}).status_code == 303
    assert admin.post(f"{BASE}/{colleague.id}/deactivate").status_code == 303


@pytest.mark.parametrize("remove", [lambda m: change_role(m, "moderator", actor=None), lambda m: set_active(m, False, actor=None)],
                         ids=["demote", "deactivate"])
def test_the_last_active_admin_cannot_be_removed(admin, remove):
    with pytest.raises(ServiceError) as refused:
        remove(admin.moderator)
    assert refused.value.status == 403
    assert "quản trị viên cuối cùng" in str(next(iter(refused.value.fields.values())))
    assert (find_moderator("quantri").role.value, find_moderator("quantri").active) == ("admin", True)


def test_an_inactive_admin_does_not_count_as_the_remaining_one(admin, colleague):
    admin.post(f"{BASE}/{colleague.id}/role", {"role": "admin"})
    admin.post(f"{BASE}/{colleague.id}/deactivate")
    with pytest.raises(ServiceError):
        set_active(admin.moderator, False, actor=None)


def test_unknown_account_is_404(admin):
    assert admin.get(f"{BASE}/999").status_code == 404
