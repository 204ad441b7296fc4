"""Rate limits on submissions charge only comments stored, and say exactly when to try again.

A reader's mistakes (an empty or too long comment) and a browser's retries of the same
Idempotency-Key use up nothing. The ``clock`` fixture drives ``time.time`` (no sleeping).
"""
import re
import time

import pytest

from moderation import messages
from moderation.core.spam import issue_form_token
from moderation.extensions import db
from moderation.models import Comment
from tests.clients import validating_client

URL = "/api/v1/articles/bai-1/comments"
PAGE = "/articles/bai-1/comments"


@pytest.fixture
def limited(make_app):
    """A client of an app allowing 2 comments a minute per address."""
    app = make_app(COMMENT_RATE_LIMIT="2 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="2 per minute")
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
    """Both limits ask whether it is a known retry; the answer is kept for the request. The
    submission's own replay lookup is the second statement by that key."""
    from tests.statements import sent_statements
    with sent_statements() as sent:
        assert send(limited, "ý kiến có khóa", key="k" * 32).status_code == 202
    by_key = [statement for statement, _ in sent if "idempotency_key =" in statement and "SELECT" in statement]
    assert len(by_key) == 2
