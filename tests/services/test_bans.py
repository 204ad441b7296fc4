"""Bans by email and by IP hash: a banned submitter gets 403 until the ban expires or is lifted."""
from datetime import timedelta

import pytest

from moderation.services.bans import ban_submitter, ban_value, create_ban, is_banned, lift_ban, list_bans
from moderation.http.clientip import hash_ip
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Ban, BanKind, utcnow

SECRET = "test-secret-not-for-production"


def submit(client, **fields):
    return client.post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "Xin chào", **fields})


def client_hash():
    # The Werkzeug test client connects from 127.0.0.1.
    return hash_ip("127.0.0.1", SECRET)


def test_email_ban_refuses_that_email_with_403(client):
    create_ban(BanKind.EMAIL, "spam@example.vn", reason="quảng cáo", actor=None)
    r = submit(client, email="Spam@Example.vn")
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "banned"


def test_email_ban_leaves_other_submitters_alone(client):
    create_ban(BanKind.EMAIL, "spam@example.vn", actor=None)
    assert submit(client, email="ban@example.vn").status_code == 202


def test_ip_ban_refuses_that_address(client):
    create_ban(BanKind.IP, client_hash(), actor=None)
    assert submit(client).status_code == 403


def test_expired_ban_no_longer_applies(app):
    ban = create_ban(BanKind.IP, "a" * 40, actor=None, expires_at=utcnow() + timedelta(hours=1))
    assert is_banned(None, "a" * 40, utcnow())
    assert not is_banned(None, "a" * 40, ban.expires_at + timedelta(seconds=1))


def test_expiry_must_be_in_the_future(app):
    with pytest.raises(ServiceError) as error:
        create_ban(BanKind.EMAIL, "a@example.vn", actor=None, expires_at=utcnow() - timedelta(minutes=1))
    assert "expires_at" in error.value.fields


def test_lifted_ban_lets_the_submitter_back_and_stays_as_history(client):
    ban = create_ban(BanKind.IP, client_hash(), actor=None)
    lift_ban(ban.id, actor=None)
    assert submit(client).status_code == 202
    assert list_bans() == []
    assert [b.id for b in list_bans(active_only=False)] == [ban.id]


def test_banning_twice_renews_the_one_active_ban(app):
    create_ban(BanKind.EMAIL, "a@example.vn", reason="lần 1", actor=None)
    create_ban(BanKind.EMAIL, "a@example.vn", reason="lần 2", actor=None)
    assert [(b.value, b.reason) for b in list_bans()] == [("a@example.vn", "lần 2")]


def test_ban_submitter_bans_email_and_address_of_the_comment(client, make_comment):
    comment = make_comment(email="hay@example.vn", ip_hash=client_hash())
    bans = ban_submitter(comment.id, None, "chửi bậy", None)
    assert {(b.kind, b.value) for b in bans} == {(BanKind.EMAIL, "hay@example.vn"), (BanKind.IP, client_hash())}
    assert submit(client).status_code == 403


def test_ban_submitter_by_email_only(app, make_comment):
    comment = make_comment(email="hay@example.vn", ip_hash="b" * 40)
    [ban] = ban_submitter(comment.id, None, "", utcnow() + timedelta(days=7), by_ip=False)
    assert ban.kind == BanKind.EMAIL and ban.expires_at is not None
    assert not is_banned(None, "b" * 40, utcnow())


def test_ban_submitter_without_email_by_email_only_is_refused(app, make_comment):
    comment = make_comment()
    with pytest.raises(ServiceError) as error:
        ban_submitter(comment.id, None, "", None, by_ip=False)
    assert error.value.status == 400
    assert db.session.query(Ban).count() == 0


def test_ban_submitter_of_unknown_comment_is_404(app):
    with pytest.raises(ServiceError) as error:
        ban_submitter(999, None, "", None)
    assert error.value.status == 404


@pytest.mark.parametrize("kind, raw, stored", [
    ("email", " Ban.Doc@Example.VN ", "ban.doc@example.vn"),
    ("ip", "203.0.113.9", hash_ip("203.0.113.9", SECRET)),
    ("ip", "2001:db8::1", hash_ip("2001:db8::/64", SECRET)),
    ("ip", "AB" * 20, "ab" * 20),
])
def test_ban_value_normalizes_what_an_admin_typed(kind, raw, stored):
    assert ban_value(kind, raw, hash_ip=lambda ip: hash_ip(ip, SECRET)) == stored


@pytest.mark.parametrize("kind, raw", [("email", "không phải email"), ("ip", "300.1.1.1"), ("ip", "abc")])
def test_ban_value_refuses_garbage(kind, raw):
    with pytest.raises(ServiceError):
        ban_value(kind, raw, hash_ip=lambda ip: hash_ip(ip, SECRET))
