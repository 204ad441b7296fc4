"""Moderators' login and logout: one answer for every failure, rate limits, safe redirects, fresh sessions."""
import re

import pytest

from moderation.services.accounts import create_moderator, deactivate, set_password
from tests.moderators import PASSWORD, csrf_from, login, signed_in


def _without_token(html):
    return re.sub(r'value="[^"]*"', "", re.sub(r'content="[^"]*"', "", html))


def test_login_page_is_vietnamese(client):
    response = client.get("/moderation/login")
    assert response.status_code == 200
    assert "Đăng nhập" in response.get_data(as_text=True)


def test_login_with_the_right_password_opens_the_queue(client):
    create_moderator("bientap", PASSWORD, actor=None)
    response = login(client, "bientap")
    assert response.status_code == 303 and response.headers["Location"] == "/moderation/"
    assert client.get("/moderation/").status_code == 200


def test_unknown_user_and_wrong_password_get_the_same_answer(client):
    create_moderator("bientap", PASSWORD, actor=None)
    wrong = login(client, "bientap", "sai-mat-khau")
    unknown = login(client, "khongco", "sai-mat-khau")
    assert wrong.status_code == unknown.status_code == 200
    assert _without_token(wrong.get_data(as_text=True)).replace("bientap", "X") == \
        _without_token(unknown.get_data(as_text=True)).replace("khongco", "X")
    assert "không đúng" in wrong.get_data(as_text=True)
    assert client.get("/moderation/").status_code == 302


def test_a_deactivated_moderator_cannot_log_in(client):
    deactivate(create_moderator("bientap", PASSWORD, actor=None), actor=None)
    assert login(client, "bientap").status_code == 200
    assert client.get("/moderation/").status_code == 302


@pytest.mark.parametrize("target, expected", [
    ("/moderation/?tab=all", "/moderation/?tab=all"),
    ("/moderation/log", "/moderation/log"),
    ("https://evil.example/", "/moderation/"),
    ("//evil.example/x", "/moderation/"),
    ("/\\evil.example", "/moderation/"),
    ("javascript:alert(1)", "/moderation/"),
    ("http:/evil.example", "/moderation/"),
    ("/moderation/\r\nSet-Cookie: x=1", "/moderation/"),
    ("", "/moderation/"),
])
def test_login_follows_next_only_to_a_path_on_this_site(client, target, expected):
    create_moderator("bientap", PASSWORD, actor=None)
    response = login(client, "bientap", next_url=target)
    assert response.headers["Location"] == expected


def test_anonymous_visit_remembers_where_it_was_going(client):
    response = client.get("/moderation/?tab=rejected")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/moderation/login?next=")
    form = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="/moderation/?tab=rejected"' in form


def test_login_rate_limit_per_address_across_usernames(make_app):
    app = make_app(LOGIN_RATE_LIMIT_PER_IP="3 per 15 minutes")
    client = app.test_client()
    with app.app_context():
        for n in range(3):
            assert login(client, f"nguoi{n}", "sai").status_code == 200
        assert login(client, "nguoi9", "sai").status_code == 429


def test_successful_logins_do_not_use_up_the_allowance(client):
    create_moderator("bientap", PASSWORD, actor=None)
    for _ in range(7):
        assert login(client, "bientap").status_code == 303
        client.delete_cookie("session")


def test_login_starts_a_new_session(client):
    create_moderator("bientap", PASSWORD, actor=None)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = client.get_cookie("session").value
    login(client, "bientap")
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"].startswith("1:")
    assert client.get_cookie("session").value != before


def test_session_cookie_is_httponly_and_lax_and_not_secure_over_http(client):
    create_moderator("bientap", PASSWORD, actor=None)
    cookie = login(client, "bientap").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_over_https(client):
    create_moderator("bientap", PASSWORD, actor=None)
    html = client.get("/moderation/login", base_url="https://localhost").get_data(as_text=True)
    response = client.post("/moderation/login", base_url="https://localhost",
                           headers={"Referer": "https://localhost/moderation/login"},
                           data={"username": "bientap", "password": PASSWORD, "csrf_token": csrf_from(html)})
    assert response.status_code == 303
    assert "Secure" in response.headers["Set-Cookie"]


def test_logout_is_a_post_with_csrf(client):
    session = signed_in(client)
    assert client.get("/moderation/logout").status_code == 405
    assert client.post("/moderation/logout").status_code == 400
    response = session.post("/moderation/logout")
    assert response.status_code == 303 and response.headers["Location"] == "/moderation/login"
    assert client.get("/moderation/").status_code == 302


def test_a_password_change_ends_open_sessions(client):
    session = signed_in(client)
    set_password(session.moderator, "mat-khau-moi-dai", actor=None)
    assert client.get("/moderation/").status_code == 302


def test_a_logged_in_moderator_skips_the_login_page(client):
    signed_in(client)
    assert client.get("/moderation/login").headers["Location"] == "/moderation/"


def test_login_form_without_csrf_is_refused(client):
    create_moderator("bientap", PASSWORD, actor=None)
    response = client.post("/moderation/login", data={"username": "bientap", "password": PASSWORD})
    assert response.status_code == 400
