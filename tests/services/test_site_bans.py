"""Bans by scope: an admin bans installation-wide or for one site; a moderator's ban from the
queue holds only on the site of the comment, the one they are granted."""
import pytest

from moderation.core.states import BanKind
from moderation.models import utcnow
from moderation.services.accounts import create_moderator
from moderation.services.bans import create_ban, is_banned
from moderation.services.decisions import ban_and_reject
from tests.factories import make_site


@pytest.fixture
def site_b(app):
    return make_site().id


def test_an_installation_wide_ban_holds_on_every_site(app, site_b):
    create_ban(BanKind.EMAIL, "an@example.vn", actor=None)
    assert is_banned("an@example.vn", "ip", utcnow()) and is_banned("an@example.vn", "ip", utcnow(), site_b)


def test_a_ban_for_one_site_holds_there_only(app, site_b):
    create_ban(BanKind.EMAIL, "an@example.vn", actor=None, site_id=site_b)
    assert is_banned("an@example.vn", "ip", utcnow(), site_b)
    assert not is_banned("an@example.vn", "ip", utcnow(), 1)


@pytest.mark.parametrize("role, banned_elsewhere", [("moderator", False), ("admin", True)])
def test_a_ban_from_the_queue_holds_on_the_comments_site_for_a_moderator_everywhere_for_an_admin(
        app, site_b, make_comment, role, banned_elsewhere):
    actor = create_moderator("nguoi", "mat-khau-dai", role, actor=None, sites=["truong-b"])
    comment = make_comment("1", site_id=site_b, email="an@example.vn")
    ban_and_reject(comment.id, moderator_id=actor.id, by_ip=False)
    assert is_banned("an@example.vn", "ip", utcnow(), site_b)
    assert is_banned("an@example.vn", "ip", utcnow(), 1) is banned_elsewhere


def test_a_reader_banned_on_one_site_may_still_comment_on_another(client, site_b):
    create_ban(BanKind.EMAIL, "an@example.vn", actor=None, site_id=site_b)
    body = {"author": "An", "body": "Ý kiến", "email": "an@example.vn"}
    assert client.post("/api/v1/sites/truong-b/articles/1/comments", json=body).status_code == 403
    assert client.post("/api/v1/articles/1/comments", json=body).status_code == 202
