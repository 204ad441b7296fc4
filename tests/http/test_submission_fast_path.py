"""The submission's fast path stores a plain comment from comments.js and answers it exactly as the Flask view would.

moderation/http/submission_fast_path.py answers a JSON comment with an Idempotency-Key from the
site's page (or from no page) before Flask; every other request, and every refusal, goes to
Flask. Each case is asked of an app with the fast path and of one without it, on the same
database and the same limiter storage, and must come back the same. The ``clock`` fixture
drives ``time.time``, so two answers name the same window.
"""
import itertools

import pytest

from moderation.extensions import db, limiter
from moderation.models import Comment
from moderation.services import submissions
from tests.clients import answer, validating_client
from tests.factories import make_site

ORIGIN = "https://news.example.vn"
URL = "/api/v1/articles/bai-1/comments"
# The product's own limits, each of two windows: the order they are tested and announced in counts.
LIMITS = {"COMMENT_RATE_LIMIT": "5 per minute;40 per day", "COMMENT_RATE_LIMIT_PER_ARTICLE": "3 per minute;10 per day"}
_keys = itertools.count()


@pytest.fixture
def pair(make_app):
    # The slow app is made last, so both use its limiter storage (Flask-Limiter's is one per process).
    fast, slow = make_app(**LIMITS), make_app(**LIMITS, SUBMISSION_FAST_PATH=False)
    with fast.app_context():
        yield validating_client(fast), validating_client(slow)


def submit(client, body, *, key=True, origin=ORIGIN, address="203.0.113.7", path=URL, **options):
    """A comment as comments.js sends it: JSON, an Idempotency-Key of its own, the page's Origin."""
    headers = {**({"Origin": origin} if origin else {}), **options.pop("headers", {})}
    if key:
        headers["Idempotency-Key"] = key if isinstance(key, str) else f"khoa-nhanh-{next(_keys):010d}"
    options.setdefault("json", {"author": "Bạn đọc", "body": body})
    if options["json"] is None:
        del options["json"]
    return client.post(path, headers=headers, environ_overrides={"REMOTE_ADDR": address}, **options)


def same_but_the_id(fast_response, slow_response):
    """Both answers alike once each names its own new comment's id."""
    fast_status, fast_body, fast_headers = answer(fast_response)
    slow_status, slow_body, slow_headers = answer(slow_response)
    fast_id, slow_id = fast_response.get_json().get("id"), slow_response.get_json().get("id")
    if fast_id is not None:
        fast_body = fast_body.replace(str(fast_id).encode(), b"<id>")
        slow_body = slow_body.replace(str(slow_id).encode(), b"<id>")
    return (fast_status, fast_body, fast_headers) == (slow_status, slow_body, slow_headers)


@pytest.mark.parametrize("origin", [ORIGIN, None])
def test_a_plain_comment_is_stored_without_dispatching_and_answered_as_flask_answers_it(pair, clock, dispatched,
                                                                                       origin):
    fast, slow = pair
    calls = dispatched(fast)

    stored = submit(fast, "Ý kiến qua lối nhanh, xem https://news.example.vn/bai/1", origin=origin)
    assert calls == []
    assert stored.status_code == 202 and stored.get_json()["status"] == "pending"
    comment = db.session.get(Comment, stored.get_json()["id"])
    assert (comment.article_id, comment.body_text) == ("bai-1", "Ý kiến qua lối nhanh, xem https://news.example.vn/bai/1")
    assert '<a href="https://news.example.vn/bai/1"' in comment.body_html
    by_flask = submit(slow, "Ý kiến qua Flask, xem https://news.example.vn/bai/2", origin=origin,
                      address="203.0.113.8")
    assert same_but_the_id(stored, by_flask)
    assert stored.headers["X-RateLimit-Limit"] == "5"  # the per-address minute, as Flask-Limiter announces it


def test_the_fast_path_and_flask_draw_on_one_allowance_per_address_and_article(pair, clock, dispatched):
    fast, slow = pair
    calls = dispatched(fast)

    answers = [submit(fast, "một"), submit(slow, "hai"), submit(fast, "ba")]
    assert [r.status_code for r in answers] == [202, 202, 202]
    assert [r.headers["X-RateLimit-Remaining"] for r in answers] == ["4", "3", "2"]
    assert calls == []

    refused = submit(fast, "bốn")  # the fourth on one article within the minute
    assert refused.status_code == 429 and calls == [1]  # the 429 and its sentence are Flask's
    assert "quá nhanh" in refused.get_json()["error"]["message"]
    assert submit(fast, "bài khác", path="/api/v1/articles/bai-2/comments").status_code == 202
    assert calls == [1]
    assert db.session.query(Comment).count() == 4


def test_a_sites_comment_is_stored_under_that_site_with_its_own_origins_and_limits(pair, clock, dispatched):
    fast, slow = pair
    site = make_site("truong-a")
    path = "/api/v1/sites/truong-a/articles/bai-1/comments"
    calls = dispatched(fast)

    stored = submit(fast, "Ý kiến của trường A", origin="https://truong-a.edu.vn", path=path)
    assert calls == []
    assert stored.headers["Access-Control-Allow-Origin"] == "https://truong-a.edu.vn"
    comment = db.session.get(Comment, stored.get_json()["id"])
    assert (comment.site_id, comment.article_id) == (site.id, "bai-1")
    by_flask = submit(slow, "Ý kiến khác của trường A", origin="https://truong-a.edu.vn", path=path,
                      address="203.0.113.8")
    assert same_but_the_id(stored, by_flask)
    # The default site's "bai-1" is another article: its allowance per article is its own.
    assert [submit(fast, f"ý kiến {n}", origin="https://truong-a.edu.vn", path=path).status_code
            for n in range(3)] == [202, 202, 429]
    assert submit(fast, "ở trang mặc định").status_code == 202


def test_a_retry_gets_its_first_receipt_back_here_charged_nothing_and_announced_no_limit(pair, clock, dispatched):
    fast, slow = pair
    calls = dispatched(fast)
    first = submit(fast, "Ý kiến gửi lại", key="khoa-thu-lai-nhanh-001")

    retry = submit(fast, "Ý kiến gửi lại", key="khoa-thu-lai-nhanh-001")
    assert (retry.status_code, retry.get_json()) == (202, first.get_json())
    assert "X-RateLimit-Limit" not in retry.headers  # exempt on the decorators: no limit announced
    assert calls == []
    assert answer(retry) == answer(submit(slow, "Ý kiến gửi lại", key="khoa-thu-lai-nhanh-001"))
    assert submit(fast, "ý kiến sau").headers["X-RateLimit-Remaining"] == "3"  # one charged before, not three
    assert db.session.query(Comment).count() == 2


def test_a_retry_over_the_limit_is_handed_to_flask_whose_limits_exempt_it(pair, clock, dispatched):
    fast, _slow = pair
    calls = dispatched(fast)
    first = submit(fast, "Ý kiến gửi lại", key="khoa-thu-lai-nhanh-002")
    for n in range(2):
        submit(fast, f"ý kiến khác {n}")
    assert calls == []

    retry = submit(fast, "Ý kiến gửi lại", key="khoa-thu-lai-nhanh-002")  # the article's 3 a minute are used
    assert (retry.status_code, retry.get_json()) == (202, first.get_json())
    assert calls == [1]
    assert submit(fast, "ý kiến mới").status_code == 429
    assert db.session.query(Comment).count() == 3


@pytest.mark.parametrize("case", ["no key", "form post", "not an object", "malformed", "foreign origin",
                                  "empty origin", "referer only", "another site's origin", "refused",
                                  "unknown site", "over the limit"])
def test_everything_but_a_plain_comment_is_answered_by_flask_as_without_the_fast_path(pair, clock, dispatched,
                                                                                    case):
    fast, slow = pair
    options = {}
    if case == "no key":
        options["key"] = False
    elif case == "form post":
        options["data"], options["json"] = {"author": "An", "body": "qua form"}, None
    elif case == "not an object":
        options["json"] = ["một", "hai"]
    elif case == "malformed":
        options["data"], options["json"] = b'{"author": "An", "body": ', None
        options["headers"] = {"Content-Type": "application/json"}
    elif case == "foreign origin":
        options["origin"] = "https://la.example"
    elif case == "empty origin":
        options["headers"] = {"Origin": ""}
    elif case == "referer only":
        options["origin"], options["headers"] = None, {"Referer": "https://la.example/bai"}
    elif case == "another site's origin":
        make_site("truong-a")
        options["path"] = "/api/v1/sites/truong-a/articles/bai-1/comments"  # sent from the default site's page
    elif case == "refused":
        options["json"] = {"author": "An", "body": ""}
    elif case == "unknown site":
        options["path"] = "/api/v1/sites/khong-co/articles/bai-1/comments"
    elif case == "over the limit":
        for n in range(3):
            submit(slow, f"ý kiến {n}", address="203.0.113.9")
            submit(slow, f"ý kiến {n}", address="203.0.113.10")
    calls = dispatched(fast)

    fast_answer = submit(fast, "Ý kiến nhanh", address="203.0.113.9", **options)
    assert calls == [1]
    assert same_but_the_id(fast_answer, submit(slow, "Ý kiến chậm", address="203.0.113.10", **options))
    if case == "refused":  # the body read here reached Flask: it names the empty text, not a missing body
        assert fast_answer.status_code == 400 and fast_answer.get_json()["error"]["code"] != "invalid_json"


def test_a_failure_after_the_commit_is_answered_by_flask_from_the_comment_stored(pair, clock, dispatched, monkeypatch):
    """The Idempotency-Key every plain comment has makes handing on safe even then: Flask finds the
    comment under it and answers its receipt, and nothing is stored twice."""
    fast, _slow = pair
    calls = dispatched(fast)
    answer_of = submissions.Receipt.answer
    failures = []

    def fails_once(receipt):
        if not failures:
            failures.append(receipt.comment_id)
            raise RuntimeError("the answer failed after the commit")
        return answer_of(receipt)
    monkeypatch.setattr(submissions.Receipt, "answer", fails_once)

    stored = submit(fast, "Ý kiến đã lưu trước khi lỗi")
    assert (stored.status_code, stored.get_json()["id"]) == (202, failures[0])
    assert calls == [1]
    assert db.session.query(Comment).count() == 1


def test_with_the_limiter_disabled_every_comment_goes_through_flask(pair, clock, dispatched, monkeypatch):
    fast, _slow = pair
    monkeypatch.setattr(limiter, "enabled", False)  # RATELIMIT_ENABLED=False, on Flask-Limiter's one instance
    calls = dispatched(fast)
    assert [submit(fast, f"ý kiến {n}").status_code for n in range(4)] == [202] * 4  # 3 a minute, not applied
    assert "X-RateLimit-Limit" not in submit(fast, "ý kiến cuối").headers
    assert calls == [1] * 5


def test_with_the_limiter_on_its_fallback_flask_limiter_decides(make_app, clock, dispatched, monkeypatch):
    monkeypatch.setattr(limiter, "_storage_dead", False)  # Flask-Limiter keeps it on its one instance
    app = make_app(COMMENT_RATE_LIMIT="3 per hour", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
                   RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 0.2})
    with app.app_context():
        client = validating_client(app)
        calls = dispatched(client)
        assert [submit(client, f"ý kiến {n}").status_code for n in range(4)] == [202, 202, 202, 429]
        assert len(calls) == 4  # the storage is down: every one is Flask-Limiter's, from its fallback


def test_what_the_service_refuses_here_flask_answers_without_asking_the_database_again(pair, clock, dispatched):
    """A banned sender: the history is read once, by the fast path; Flask raises that refusal
    before its view, so the answer is the view's own (the JSON 403, the limit headers)."""
    from moderation.http.clientip import hash_ip
    from moderation.models import BanKind
    from moderation.services.bans import create_ban
    from tests.statements import sent_statements
    fast, slow = pair
    for address in ("203.0.113.66", "203.0.113.67"):
        create_ban(BanKind.IP, hash_ip(address, fast.application.config["SECRET_KEY"]), actor=None)
    calls = dispatched(fast)

    with sent_statements() as sent:
        refused = submit(fast, "Ý kiến bị chặn", address="203.0.113.66")
    assert refused.status_code == 403 and calls == [1]
    assert sum(" FROM bans " in " ".join(statement.split()) for statement, _ in sent) == 1
    assert same_but_the_id(refused, submit(slow, "Ý kiến bị chặn", address="203.0.113.67"))
    assert db.session.query(Comment).count() == 0
