"""Rate limits on submissions charge only comments stored, and say exactly when to try again.

A reader's mistakes (an empty or too long comment) and a browser's retries of the same
Idempotency-Key use up nothing. The ``clock`` fixture drives ``time.time`` (no sleeping).
"""
import re
import time

import pytest

from moderation import messages
from moderation.core.spam import issue_form_token
from moderation.extensions import db, limiter
from moderation.http import ratelimits
from moderation.models import Comment
from tests.clients import validating_client

URL = "/api/v1/articles/bai-1/comments"
PAGE = "/articles/bai-1/comments"


@pytest.fixture
def limited(make_app):
    """A client of an app allowing 2 comments a minute per address, every submission through Flask
    (the fast path shares these limits: tests/http/test_submission_fast_path.py)."""
    app = make_app(COMMENT_RATE_LIMIT="2 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="2 per minute",
                   SUBMISSION_FAST_PATH=False)
    with app.app_context():
        yield validating_client(app)


def send(client, body, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(URL, json={"author": "An", "body": body}, headers=headers)


def test_invalid_attempts_do_not_use_up_the_limit(limited, clock):
    assert send(limited, "").status_code == 400
    assert send(limited, "a" * 5000).status_code == 400
    assert [send(limited, f"ý kiến {n}").status_code for n in range(2)] == [202, 202]


def test_only_stored_comments_are_charged(limited, clock):
    send(limited, "một"), send(limited, "hai")
    assert send(limited, "ba").status_code == 429


def test_a_retry_with_the_same_idempotency_key_is_not_charged_again(limited, clock):
    first = send(limited, "ý kiến một", key="khoa-thu-lai-0000001")
    retry = send(limited, "ý kiến một", key="khoa-thu-lai-0000001")
    assert retry.get_json()["id"] == first.get_json()["id"]
    assert send(limited, "ý kiến hai").status_code == 202


def test_a_retry_at_the_limit_still_gets_its_receipt(limited, clock):
    send(limited, "một")
    first = send(limited, "hai", key="khoa-thu-lai-0000002")
    retry = send(limited, "hai", key="khoa-thu-lai-0000002")
    assert (retry.status_code, retry.get_json()["id"]) == (202, first.get_json()["id"])
    assert db.session.query(Comment).count() == 2


def test_the_refusal_says_in_one_sentence_exactly_when_to_try_again(limited, clock):
    send(limited, "một")
    clock.advance(8)
    send(limited, "hai")
    r = send(limited, "ba")
    assert r.get_json()["error"]["message"] == "Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau 52 giây."
    assert r.headers["Retry-After"] == "52"


@pytest.mark.parametrize("seconds, phrase", [
    (1, "1 giây"), (52, "52 giây"), (60, "1 phút"), (65, "1 phút 5 giây"), (600, "10 phút"),
    (3599, "59 phút 59 giây"), (3600, "1 giờ"), (7201, "3 giờ"),
])
def test_the_wait_is_said_as_a_person_says_it(app, seconds, phrase):
    with app.test_request_context():
        assert messages.wait_phrase(seconds) == phrase


def page_form(client, app, **fields):
    html = client.get(PAGE).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    token = issue_form_token(app.config["SECRET_KEY"], now=time.time() - 30)
    return {"csrf_token": csrf, "form_token": token, "author": "Phạm Minh", **fields}


def test_the_page_refused_for_speed_keeps_the_text_and_says_when_in_the_reader_layout(make_app, clock):
    app = make_app(COMMENT_RATE_LIMIT="1 per minute")
    with app.app_context():
        client = app.test_client()
        client.post(PAGE, data=page_form(client, app, body="Bình luận đầu."))
        r = client.post(PAGE, data=page_form(client, app, body="Bình luận thứ hai, gửi sớm."))
    html = r.get_data(as_text=True)
    assert r.status_code == 429 and r.headers["Retry-After"] == "60"
    assert "Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau 1 phút." in html
    assert "Bình luận thứ hai, gửi sớm.</textarea>" in html
    assert 'class="reader"' in html and "Too Many Requests" not in html


def test_a_comment_with_an_idempotency_key_is_looked_up_once_for_both_limits(limited, clock):
    """Both limits ask whether it is a known retry; the answer is kept for the request and
    handed to the submission, which does not ask again."""
    from tests.statements import sent_statements
    with sent_statements() as sent:
        assert send(limited, "ý kiến có khóa", key="k" * 32).status_code == 202
    by_key = [statement for statement, _ in sent if "idempotency_key =" in statement and "SELECT" in statement]
    assert len(by_key) == 1


# Their plain case is judged by http/ratelimits.checked_first, not by Flask-Limiter's per-request
# evaluation, with the same keys, charges and headers; a breach or a failing storage is still
# Flask-Limiter's to answer. ``decorator_passes`` counts the evaluations of Flask-Limiter's route
# decorators, not its ``before_request`` pass.
LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After")


@pytest.fixture
def decorator_passes(monkeypatch):
    calls = []
    evaluate = limiter._check_request_limit

    def counted(*args, **kwargs):
        if kwargs.get("callable_name"):  # a route decorator's pass, not the before_request one
            calls.append(kwargs["callable_name"])
        return evaluate(*args, **kwargs)
    monkeypatch.setattr(limiter, "_check_request_limit", counted)
    return calls


def send_from(client, body, address="203.0.113.10", **headers):
    return client.post(URL, json={"author": "An", "body": body}, headers=headers,
                       environ_overrides={"REMOTE_ADDR": address})


def test_a_plain_submission_is_judged_here_and_answered_with_flask_limiters_own_headers(limited, clock,
                                                                                        decorator_passes, monkeypatch):
    judged_here = send_from(limited, "ý kiến một", address="203.0.113.11")
    assert judged_here.status_code == 202 and decorator_passes == []

    monkeypatch.setattr(ratelimits, "_plain_checks", lambda route_limits: None)  # everything to Flask-Limiter
    by_flask_limiter = send_from(limited, "ý kiến hai", address="203.0.113.12")
    assert by_flask_limiter.status_code == 202 and len(decorator_passes) == 1

    assert [judged_here.headers.get(name) for name in LIMIT_HEADERS] == \
        [by_flask_limiter.headers.get(name) for name in LIMIT_HEADERS]
    assert judged_here.headers["X-RateLimit-Limit"] == "2" and judged_here.headers["X-RateLimit-Remaining"] == "1"


def test_what_is_charged_here_is_what_flask_limiter_counts_for_the_form_and_the_api_alike(limited, clock,
                                                                                          decorator_passes):
    assert send_from(limited, "ý kiến một", address="127.0.0.1").status_code == 202
    assert limited.post(PAGE, data=page_form(limited, limited.application, body="Ý kiến hai, qua form.")
                        ).status_code == 303
    assert decorator_passes == []

    refused = send_from(limited, "ý kiến ba", address="127.0.0.1")
    assert refused.status_code == 429 and len(decorator_passes) == 1  # the breach is Flask-Limiter's
    assert refused.headers["Retry-After"] == "60" and refused.headers["X-RateLimit-Remaining"] == "0"


def test_an_invalid_comment_is_tested_but_not_charged(limited, clock, decorator_passes):
    for _ in range(3):
        assert send_from(limited, "").status_code == 400
    assert [send_from(limited, f"ý kiến {n}").status_code for n in range(3)] == [202, 202, 429]
    assert len(decorator_passes) == 1


def test_a_known_retry_is_exempt_here_as_it_is_for_flask_limiter(limited, clock, decorator_passes):
    first = send_from(limited, "ý kiến có khóa", **{"Idempotency-Key": "khoa-thu-lai-0000009"})
    send_from(limited, "ý kiến khác")
    retry = send_from(limited, "ý kiến có khóa", **{"Idempotency-Key": "khoa-thu-lai-0000009"})
    assert (retry.status_code, retry.get_json()["id"]) == (202, first.get_json()["id"])
    assert "X-RateLimit-Limit" not in retry.headers  # exempt: no limit applied, none announced
    assert decorator_passes == []


def test_with_the_storage_down_flask_limiter_answers_from_its_fallback_and_still_limits(make_app, monkeypatch,
                                                                                        decorator_passes):
    """Nothing listens on port 1: the first test fails, Flask-Limiter takes the request and falls
    back to memory; while it is on the fallback every submission is its own to judge."""
    monkeypatch.setattr(limiter, "_storage_dead", False)  # Flask-Limiter keeps it on its one instance
    app = make_app(COMMENT_RATE_LIMIT="3 per hour", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
                   RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 0.2}, SUBMISSION_FAST_PATH=False)
    with app.app_context():
        client = validating_client(app)
        assert [send_from(client, f"ý kiến {n}").status_code for n in range(4)] == [202, 202, 202, 429]
    assert len(decorator_passes) == 5  # each of the four; the first twice, retried on the fallback
