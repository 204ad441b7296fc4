"""A reader without a usable form token is never trapped: the comment is judged without
the timing signal and flagged ``untimed`` for the moderator. Only proof traps."""
import time

import pytest

from moderation.core.spam import FORM_TOKEN_MAX_AGE, issue_form_token
from moderation.extensions import db
from moderation.models import Comment, Status

URL = "/api/v1/articles/bai-1/comments"


def send(client, **fields):
    return client.post(URL, json={"author": "Lê Hoa", "body": "Xe buýt điện rất êm.", **fields})


def stored(response):
    comment = db.session.get(Comment, response.get_json()["id"])
    return comment.status, {flag["code"] for flag in comment.flags}


def token(app, age):
    return issue_form_token(app.config["SECRET_KEY"], now=time.time() - age)


@pytest.mark.parametrize("case", ["missing", "empty", "expired", "from the future"])
def test_a_comment_without_a_usable_token_is_held_flagged_untimed_not_trapped(client, app, case):
    fields = {"missing": {}, "empty": {"form_token": ""},
              "expired": {"form_token": token(app, FORM_TOKEN_MAX_AGE + 60)},
              "from the future": {"form_token": token(app, -600)}}[case]
    r = send(client, **fields)
    assert r.get_json()["status"] == "pending"
    status, codes = stored(r)
    assert status == Status.PENDING
    assert "untimed" in codes and "too_fast" not in codes


def test_a_token_proving_the_form_came_back_too_fast_still_traps(client, app):
    status, codes = stored(send(client, form_token=token(app, 0)))
    assert status == Status.REJECTED and "too_fast" in codes


def test_a_token_from_a_human_pause_is_timed_and_unflagged(client, app):
    status, codes = stored(send(client, form_token=token(app, 30)))
    assert status == Status.PENDING and not codes & {"untimed", "too_fast"}


def test_a_fresh_form_token_can_be_fetched_on_its_own_and_is_never_cached(client):
    r = client.get("/api/v1/form-token")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    assert r.get_json()["form_token"]


def test_a_fetched_token_times_the_form_like_a_thread_token(client, app, monkeypatch):
    fetched = client.get("/api/v1/form-token").get_json()["form_token"]
    later = time.time() + 30
    monkeypatch.setattr(time, "time", lambda: later)
    status, codes = stored(send(client, form_token=fetched))
    assert status == Status.PENDING and not codes & {"untimed", "too_fast"}


def test_the_moderator_sees_the_untimed_flag_in_the_queue(client, app):
    from moderation.web.present import flag_badge
    with app.test_request_context():
        assert flag_badge({"code": "untimed"})[0] == "Không đo được thời gian gõ"
