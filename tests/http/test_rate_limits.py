"""Rate limits (Flask-Limiter): per client IP, per IP per article, on reports; honest about Retry-After.

No sleeping: the ``clock`` fixture drives ``time.time``, which the limits library and
Flask-Limiter read for windows and for Retry-After.
"""

import pytest

from moderation.http.clientip import hash_ip
from moderation.extensions import db
from moderation.models import Comment
from tests.clients import validating_client
from tests.factories import make_comment, make_site


@pytest.fixture
def limited(make_app):
    """A client for an app with small limits: 2 per IP, 5 per IP per article, 1 report."""
    def build(**overrides):
        app = make_app(**{"COMMENT_RATE_LIMIT": "2 per minute", "COMMENT_RATE_LIMIT_PER_ARTICLE": "5 per minute",
                          "REPORT_RATE_LIMIT": "1 per minute", **overrides})
        context = app.app_context()
        context.push()
        contexts.append(context)
        return validating_client(app)
    contexts = []
    yield build
    for context in reversed(contexts):
        context.pop()


def submit(client, article="bai-1", n=0, **environ):
    return client.post(f"/api/v1/articles/{article}/comments", json={"author": "An", "body": f"ý kiến {n}"},
                       environ_base={"REMOTE_ADDR": "198.51.100.7", **environ})


def test_going_over_the_per_ip_limit_gets_a_json_429_with_retry_after(limited, clock):
    client = limited()
    assert [submit(client, n=i).status_code for i in range(2)] == [202, 202]
    r = submit(client, n=3)
    assert r.status_code == 429
    assert r.get_json()["error"]["code"] == "rate_limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 60


def test_a_refused_submission_stores_nothing(limited, clock):
    client = limited()
    for i in range(3):
        submit(client, n=i)
    assert db.session.query(Comment).count() == 2


def test_retry_after_counts_down_to_the_end_of_the_window(limited, clock):
    client = limited()
    submit(client, n=1), submit(client, n=2)
    clock.advance(20)
    assert int(submit(client, n=3).headers["Retry-After"]) <= 40


def test_the_limit_resets_when_the_window_has_passed(limited, clock):
    client = limited()
    submit(client, n=1), submit(client, n=2)
    refused = submit(client, n=3)
    clock.advance(int(refused.headers["Retry-After"]) + 1)
    assert submit(client, n=3).status_code == 202


def test_each_address_has_its_own_allowance(limited, clock):
    client = limited()
    submit(client, n=1), submit(client, n=2)
    assert submit(client, n=3, REMOTE_ADDR="198.51.100.8").status_code == 202


def test_the_per_article_limit_applies_per_address_and_article(limited, clock):
    client = limited(COMMENT_RATE_LIMIT="100 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="1 per minute")
    assert submit(client, "bai-1", 1).status_code == 202
    assert submit(client, "bai-1", 2).status_code == 429
    assert submit(client, "bai-2", 3).status_code == 202


def test_the_per_article_limit_counts_the_site_in_its_key(limited, clock):
    """The same article id on two sites is two articles: sending to one leaves the other's allowance whole."""
    client = limited(COMMENT_RATE_LIMIT="100 per minute", COMMENT_RATE_LIMIT_PER_ARTICLE="1 per minute")
    make_site()
    make_site("truong-c")
    on_site = {"REMOTE_ADDR": "198.51.100.7"}

    def send(path, n):
        return client.post(path, json={"author": "An", "body": f"ý kiến {n}"}, environ_base=on_site).status_code
    assert send("/api/v1/sites/truong-b/articles/bai-1/comments", 1) == 202
    assert send("/api/v1/sites/truong-b/articles/bai-1/comments", 2) == 429
    assert send("/api/v1/sites/truong-c/articles/bai-1/comments", 3) == 202
    assert submit(client, "bai-1", 4).status_code == 202
    assert submit(client, "bai-1", 5).status_code == 429


def test_reports_are_limited_too(limited, clock):
    client = limited()
    comment = make_comment(status="approved")
    other = make_comment(status="approved")
    assert client.post(f"/api/v1/comments/{comment.id}/reports", json={"reason": "spam"}).status_code == 202
    r = client.post(f"/api/v1/comments/{other.id}/reports", json={"reason": "spam"})
    assert r.status_code == 429
    assert "Retry-After" in r.headers


def test_a_forged_x_forwarded_for_does_not_escape_the_limit_without_proxies(limited, clock):
    client = limited(PROXY_COUNT=0)
    codes = [submit(client, n=i, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}").status_code for i in range(3)]
    assert codes == [202, 202, 429]


def test_without_proxies_the_stored_address_is_the_peer_not_the_header(limited):
    client = limited(PROXY_COUNT=0)
    r = submit(client, HTTP_X_FORWARDED_FOR="10.9.9.9")
    secret = client.application.config["SECRET_KEY"]
    assert db.session.get(Comment, r.get_json()["id"]).ip_hash == hash_ip("198.51.100.7", secret)


def test_behind_one_proxy_the_client_is_the_address_the_proxy_saw(limited, clock):
    client = limited(PROXY_COUNT=1)
    # The reader forged the first entry; our proxy appended the address it really saw.
    r = submit(client, HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.50", REMOTE_ADDR="192.0.2.1")
    secret = client.application.config["SECRET_KEY"]
    assert db.session.get(Comment, r.get_json()["id"]).ip_hash == hash_ip("203.0.113.50", secret)


def test_behind_one_proxy_each_client_has_its_own_allowance(limited, clock):
    client = limited(PROXY_COUNT=1)
    via_proxy = {"REMOTE_ADDR": "192.0.2.1"}
    first = [submit(client, n=i, HTTP_X_FORWARDED_FOR="203.0.113.50", **via_proxy).status_code for i in range(3)]
    other = submit(client, n=9, HTTP_X_FORWARDED_FOR="203.0.113.51", **via_proxy).status_code
    assert (first, other) == ([202, 202, 429], 202)


def test_behind_one_proxy_a_forged_first_entry_does_not_escape_the_limit(limited, clock):
    client = limited(PROXY_COUNT=1)
    codes = [submit(client, n=i, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.50", REMOTE_ADDR="192.0.2.1").status_code
             for i in range(3)]
    assert codes == [202, 202, 429]
