"""Who may reach what under /moderation/: login redirects, CSRF on every state change, 403 for admin pages."""
import pytest

from tests.moderators import csrf_from, moderator, signed_in  # noqa: F401 (fixtures)

PAGES = ["/moderation/", "/moderation/?tab=all", "/moderation/log", "/moderation/log?comment=1"]
ACTIONS = ["/moderation/comments/1/approve", "/moderation/comments/1/reject", "/moderation/comments/1/unapprove",
           "/moderation/comments/1/edit", "/moderation/comments/1/ban", "/moderation/bulk", "/moderation/undo",
           "/moderation/logout"]


def _admin_pages(app):
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if rule.endpoint.startswith("admin.") and "GET" in rule.methods and not rule.arguments)


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_pages_redirect_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/moderation/login?next=")


@pytest.mark.parametrize("path", [p for p in ACTIONS if p != "/moderation/logout"])
def test_anonymous_actions_with_a_valid_token_redirect_to_login(client, path):
    token = csrf_from(client.get("/moderation/login").get_data(as_text=True))
    response = client.post(path, data={"csrf_token": token})
    assert response.status_code == 302 and "/moderation/login" in response.headers["Location"]


@pytest.mark.parametrize("path", ACTIONS)
def test_actions_without_csrf_are_400(client, moderator, make_comment, path):
    make_comment()
    assert client.post(path, data={"ids": "1", "action": "approve"}).status_code == 400



@pytest.mark.parametrize("path", [p for p in ACTIONS if p != "/moderation/logout"])
def test_queue_script_requests_without_csrf_get_a_json_400(client, moderator, make_comment, path):
    make_comment()
    response = client.post(path, headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"


def test_a_forged_csrf_token_is_400(client, moderator, make_comment):
    make_comment()
    response = client.post("/moderation/comments/1/approve", data={"csrf_token": "gia-mao"})
    assert response.status_code == 400


@pytest.mark.parametrize("path", PAGES)
def test_a_moderator_sees_the_moderation_pages(client, moderator, path):
    assert client.get(path).status_code == 200


def test_admin_pages_are_403_for_a_moderator(app, client, moderator):
    pages = _admin_pages(app)
    assert pages, "the admin blueprint has no pages"
    for path in pages:
        assert client.get(path).status_code == 403, path


def test_admin_pages_redirect_anonymous_to_login(app, client):
    for path in _admin_pages(app):
        assert client.get(path).status_code == 302, path


def test_only_admins_see_admin_links(app, client):
    moderator_page = signed_in(client, "bientap", "moderator").get("/moderation/").get_data(as_text=True)
    assert "/moderation/admin/" not in moderator_page
    client.delete_cookie("session")
    admin_page = signed_in(client, "quantri", "admin").get("/moderation/").get_data(as_text=True)
    assert "/moderation/admin/" in admin_page
