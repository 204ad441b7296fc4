"""Logout and idling end a moderator's session on the server; API tokens can be revoked and record use.

The clock fixture drives ``time.time``, which sessions and tokens read: no test sleeps.
"""
import pytest

from moderation.extensions import db
from moderation.models import ApiToken, ModeratorSession
from moderation.services.accounts import create_moderator, create_token
from tests.clients import validating_client
from tests.moderators import PASSWORD, Session, admin, login, signed_in  # noqa: F401 (admin: fixture)

QUEUE = "/moderation/"


def copied_cookie(client):
    return client.get_cookie("session").value


def test_logout_ends_the_session_even_for_a_copied_cookie(client):
    session = signed_in(client)
    cookie = copied_cookie(client)
    assert session.post("/moderation/logout").status_code == 303
    client.set_cookie("session", cookie)
    assert client.get(QUEUE).status_code == 302


def test_logout_leaves_the_moderators_other_sessions_open(app, client):
    signed_in(client)
    phone = validating_client(app)
    assert login(phone, "bientap").status_code == 303
    Session(client, None).post("/moderation/logout")
    assert phone.get(QUEUE).status_code == 200


def test_a_session_unused_for_the_idle_time_ends(make_app, clock):
    app = make_app(SESSION_IDLE_MINUTES=30)
    with app.app_context():
        client = validating_client(app)
        signed_in(client)
        clock.advance(29 * 60)
        assert client.get(QUEUE).status_code == 200
        clock.advance(29 * 60)
        assert client.get(QUEUE).status_code == 200
        clock.advance(30 * 60)
        assert client.get(QUEUE).status_code == 302


def test_the_idle_time_defaults_to_twelve_hours(app):
    assert app.config["SESSION_IDLE_MINUTES"] == 720


def test_a_session_is_stamped_at_most_once_a_minute(client, clock):
    signed_in(client)
    first = db.session.execute(db.select(ModeratorSession.last_seen_at)).scalar_one()
    clock.advance(30)
    client.get(QUEUE)
    db.session.expire_all()
    assert db.session.execute(db.select(ModeratorSession.last_seen_at)).scalar_one() == first
    clock.advance(31)
    client.get(QUEUE)
    db.session.expire_all()
    assert db.session.execute(db.select(ModeratorSession.last_seen_at)).scalar_one() > first


def test_a_cookie_from_before_server_sessions_opens_nothing(client):
    moderator = create_moderator("bientap", PASSWORD, actor=None)
    with client.session_transaction() as cookie:
        cookie["_user_id"] = f"{moderator.id}:{moderator.session_token}"
        cookie["_fresh"] = True
    assert client.get(QUEUE).status_code == 302


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token_owner(app):
    moderator = create_moderator("tichhop", PASSWORD, actor=None)
    return moderator, create_token(moderator, actor=None), create_token(moderator, actor=None)


def test_revoke_tokens_on_the_cli_ends_every_token_of_that_moderator(client, runner, token_owner):
    _, first, second = token_owner
    result = runner.invoke(args=["moderators", "revoke-tokens", "tichhop"])
    assert result.exit_code == 0, result.output
    assert "2" in result.output
    for token in (first, second):
        assert client.get("/api/v1/moderation/comments", headers=bearer(token)).status_code == 401


def test_revoke_tokens_on_the_cli_refuses_an_unknown_username(runner):
    assert runner.invoke(args=["moderators", "revoke-tokens", "khongco"]).exit_code == 1


def test_revoking_one_token_on_the_accounts_page_leaves_the_others(client, admin, token_owner):
    moderator, first, second = token_owner
    token_id = db.session.execute(db.select(ApiToken.id).order_by(ApiToken.id)).scalars().first()
    response = admin.post(f"/moderation/admin/moderators/{moderator.id}/tokens/{token_id}/revoke")
    assert response.status_code == 303
    assert client.get("/api/v1/moderation/comments", headers=bearer(first)).status_code == 401
    assert client.get("/api/v1/moderation/comments", headers=bearer(second)).status_code == 200


def test_a_token_of_another_moderator_cannot_be_revoked_through_this_one(client, admin, token_owner):
    _, first, _ = token_owner
    other = create_moderator("khac", PASSWORD, actor=None)
    token_id = db.session.execute(db.select(ApiToken.id).order_by(ApiToken.id)).scalars().first()
    assert admin.post(f"/moderation/admin/moderators/{other.id}/tokens/{token_id}/revoke").status_code == 404
    assert client.get("/api/v1/moderation/comments", headers=bearer(first)).status_code == 200


def test_revoking_a_token_needs_the_csrf_token(client, admin, token_owner):
    moderator, first, _ = token_owner
    token_id = db.session.execute(db.select(ApiToken.id).order_by(ApiToken.id)).scalars().first()
    assert client.post(f"/moderation/admin/moderators/{moderator.id}/tokens/{token_id}/revoke").status_code == 400
    assert client.get("/api/v1/moderation/comments", headers=bearer(first)).status_code == 200


def test_a_token_records_its_use_at_most_once_a_minute(client, token_owner, clock):
    _, first, _ = token_owner
    client.get("/api/v1/moderation/comments", headers=bearer(first))
    used = db.session.execute(db.select(ApiToken.last_used_at).order_by(ApiToken.id)).scalars().first()
    assert used is not None
    clock.advance(59)
    client.get("/api/v1/moderation/comments", headers=bearer(first))
    db.session.expire_all()
    assert db.session.execute(db.select(ApiToken.last_used_at).order_by(ApiToken.id)).scalars().first() == used
    clock.advance(1)
    client.get("/api/v1/moderation/comments", headers=bearer(first))
    db.session.expire_all()
    assert db.session.execute(db.select(ApiToken.last_used_at).order_by(ApiToken.id)).scalars().first() > used


def test_the_accounts_page_lists_each_tokens_creation_and_last_use(client, admin, token_owner):
    moderator, first, _ = token_owner
    client.get("/api/v1/moderation/comments", headers=bearer(first))
    html = admin.get(f"/moderation/admin/moderators/{moderator.id}").get_data(as_text=True)
    assert "Tạo lúc" in html and "Dùng lần cuối" in html
    assert html.count("Thu hồi</button>") == 2
    assert "Chưa dùng" in html
    assert first not in html
