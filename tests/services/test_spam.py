"""moderation.spam: friction is recorded as flags; traps store "rejected" but answer "pending"."""
import time

import pytest

from moderation.services.articles import update_article
from moderation.extensions import db
from moderation.models import Article, AuditEntry, Comment, Status
from moderation.core.spam import issue_form_token, seconds_since_render

URL = "/api/v1/articles/bai-1/comments"
PENDING = {"status": "pending", "message": "Bình luận của bạn đã được gửi và đang chờ kiểm duyệt."}


def send(client, **fields):
    return client.post(URL, json={"author": "Bot", "body": "Mua hàng giá rẻ", **fields})


def stored(response):
    return db.session.get(Comment, response.get_json()["id"])


def codes(comment):
    return {flag["code"] for flag in comment.flags}


@pytest.fixture(params=["pre", "post"])
def moderation(request, app):
    """Traps must work the same on pre- and post-moderated articles."""
    update_article("bai-1", actor=None, moderation=request.param)
    return request.param


def old_token(app, seconds=60):
    return issue_form_token(app.config["SECRET_KEY"], now=time.time() - seconds)


def test_a_filled_honeypot_is_stored_rejected_while_the_submitter_is_told_pending(client, moderation):
    r = send(client, website="http://spam.example")
    assert r.status_code == 202
    assert {k: r.get_json()[k] for k in PENDING} == PENDING
    comment = stored(r)
    assert comment.status == Status.REJECTED
    assert "honeypot" in codes(comment)
    assert db.session.get(Article, (1, "bai-1")).approved_count == 0


def test_a_form_sent_faster_than_a_person_types_is_stored_rejected_and_answered_pending(client, app, moderation):
    token = client.get("/api/v1/form-token").get_json()["form_token"]
    r = send(client, form_token=token)
    assert {k: r.get_json()[k] for k in PENDING} == PENDING
    assert stored(r).status == Status.REJECTED
    assert "too_fast" in codes(stored(r))


@pytest.mark.parametrize("token", ["", "garbage", "1700000000.forged.signature"])
def test_a_forged_or_empty_form_token_is_judged_untimed_not_trapped(client, token):
    r = send(client, form_token=token)
    assert stored(r).status == Status.PENDING
    assert "untimed" in codes(stored(r)) and "too_fast" not in codes(stored(r))


def test_a_token_signed_with_another_secret_is_forged(app):
    token = issue_form_token("another-secret", now=time.time() - 60)
    assert seconds_since_render(token, app.config["SECRET_KEY"]) is None


def test_a_form_sent_after_a_human_pause_is_not_trapped(client, app):
    r = send(client, form_token=old_token(app))
    assert stored(r).status == Status.PENDING
    assert not codes(stored(r)) & {"too_fast", "honeypot"}


def test_a_retry_of_a_trapped_comment_is_still_told_pending(client):
    first = send(client, website="x")
    again = send(client, website="x")
    assert again.get_json() == first.get_json()
    assert again.get_json()["status"] == "pending"


def test_a_trapped_comment_is_kept_for_a_moderator_with_an_audit_row(client):
    comment = stored(send(client, website="x"))
    entry = db.session.query(AuditEntry).filter_by(comment_id=comment.id).one()
    assert entry.to_status == Status.REJECTED
    assert "honeypot" in entry.reason


def test_more_links_than_allowed_holds_the_comment_with_a_flag(client):
    update_article("bai-1", actor=None, moderation="post")
    r = send(client, body="xem a.vn, b.vn và https://c.vn/x")
    assert r.get_json()["status"] == "pending"
    assert {"code": "links", "count": 3} in stored(r).flags


def test_links_up_to_the_limit_do_not_hold_a_post_moderated_comment(client):
    update_article("bai-1", actor=None, moderation="post")
    r = send(client, body="nguồn: https://tuoitre.vn/a và vnexpress.net/b")
    assert r.get_json()["status"] == "approved"
    assert "links" not in codes(stored(r))


def test_foreign_scheme_words_are_not_counted_as_links(client):
    update_article("bai-1", actor=None, moderation="post")
    r = send(client, body="data:text/html,a.vn feed://b.vn ssh://c.vn")
    assert r.get_json()["status"] == "approved"


def test_a_first_comment_is_flagged_for_the_moderator_but_not_held(client):
    update_article("bai-1", actor=None, moderation="post")
    first = send(client)
    second = send(client, body="lần hai")
    assert "first_comment" in codes(stored(first))
    assert "first_comment" not in codes(stored(second))
    assert second.get_json()["status"] == "approved"
