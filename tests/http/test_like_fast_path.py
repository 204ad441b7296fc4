"""The like's fast path answers a plain like exactly as the Flask view would, without dispatching to Flask.

moderation/http/like_fast_path.py answers a successful like or unlike before Flask; every other
request, and every failure, goes to Flask. Each case is asked of an app with the fast path and
of one without it, on the same database and the same limiter storage, and must come back the same.
"""
import pytest

from moderation.extensions import limiter
from moderation.services.sites import site_id
from tests.clients import answer, validating_client
from tests.factories import make_site

ORIGIN = "https://news.example.vn"
SITE_A = "https://truong-a.edu.vn"


@pytest.fixture
def pair(make_app):
    # The slow app is made last, so both use its limiter storage (Flask-Limiter's is one per process).
    fast, slow = make_app(), make_app(LIKE_FAST_PATH=False)
    return validating_client(fast), validating_client(slow)


def key(n):
    return {"X-Reader-Key": f"reader-key-{n:08d}"}


@pytest.mark.parametrize("origin", [ORIGIN, None])
def test_a_like_and_an_unlike_match_the_flask_view_header_for_header(pair, make_comment, origin, dispatched):
    """Each is then sent again through Flask: like and unlike are idempotent, so the same answer."""
    fast, slow = pair
    comment = make_comment(status="approved")
    path = f"/api/v1/comments/{comment.id}/likes"
    headers = {**({"Origin": origin} if origin else {}), **key(1)}
    calls = dispatched(fast)

    liked = fast.post(path, headers=headers)
    assert liked.get_json() == {"id": comment.id, "likes": 1, "liked": True}
    assert answer(liked) == answer(slow.post(path, headers=headers))
    unliked = fast.delete(path, headers=headers)
    assert unliked.get_json() == {"id": comment.id, "likes": 0, "liked": False}
    assert answer(unliked) == answer(slow.delete(path, headers=headers))
    assert calls == []


def test_the_fast_path_and_flask_count_against_one_limit_with_the_same_headers(make_app, make_comment, dispatched):
    app = make_app(LIKE_RATE_LIMIT="3 per minute")
    fast = validating_client(app)
    slow = validating_client(make_app(LIKE_RATE_LIMIT="3 per minute", LIKE_FAST_PATH=False))
    comment = make_comment(status="approved")
    path = f"/api/v1/comments/{comment.id}/likes"
    calls = dispatched(fast)

    first, second = fast.post(path, headers=key(1)), slow.post(path, headers=key(2))
    third = fast.post(path, headers=key(3))
    assert [r.headers["X-RateLimit-Remaining"] for r in (first, second, third)] == ["2", "1", "0"]
    assert {r.headers["X-RateLimit-Limit"] for r in (first, second, third)} == {"3"}
    assert first.headers["X-RateLimit-Reset"] == second.headers["X-RateLimit-Reset"]
    assert 0 < int(first.headers["Retry-After"]) <= 60
    assert calls == []

    refused = fast.post(path, headers=key(4))
    assert refused.status_code == 429
    assert "thích quá nhanh" in refused.get_json()["error"]["message"]
    assert refused.headers["Retry-After"]
    assert calls == [1]  # the 429 and its sentence are Flask's


@pytest.mark.parametrize("case", ["preflight", "body", "bad key", "foreign origin", "empty origin", "referer only",
                                  "pending", "missing"])
def test_everything_but_a_plain_like_is_answered_by_flask_as_without_the_fast_path(pair, make_comment, case,
                                                                                   dispatched):
    fast, slow = pair
    approved, pending = make_comment(status="approved"), make_comment()
    comment_id = {"pending": pending.id, "missing": 999_999}.get(case, approved.id)
    path = f"/api/v1/comments/{comment_id}/likes"
    headers, extra = {"Origin": ORIGIN, **key(7)}, {}
    if case == "preflight":
        headers = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST"}
    elif case == "body":
        extra = {"data": b"{}", "content_type": "application/json"}
    elif case == "bad key":
        headers["X-Reader-Key"] = "ngan"
    elif case == "foreign origin":
        headers["Origin"] = "https://la.example"
    elif case == "empty origin":  # a cross-site post to Flask (cors.cross_site): its 403
        headers["Origin"] = ""
    elif case == "referer only":
        headers = {"Referer": "https://la.example/bai", **key(7)}
    method = "options" if case == "preflight" else "post"
    calls = dispatched(fast)

    fast_answer = answer(getattr(fast, method)(path, headers=headers, **extra))
    assert calls == [1]
    assert fast_answer == answer(getattr(slow, method)(path, headers=headers, **extra))
    assert fast_answer[0] != 200 or case == "body"


def test_a_second_sites_comment_answers_cors_to_that_site_only(make_app, make_comment, dispatched):
    client = validating_client(make_app())
    with client.application.app_context():
        make_site("truong-a")
        theirs = make_comment(status="approved", site_id=site_id("truong-a"))
    path = f"/api/v1/comments/{theirs.id}/likes"
    calls = dispatched(client)

    liked = client.post(path, headers={"Origin": SITE_A, **key(1)})
    assert liked.status_code == 200 and liked.headers["Access-Control-Allow-Origin"] == SITE_A
    assert calls == []
    assert client.post(path, headers={"Origin": ORIGIN, **key(2)}).status_code == 403


def test_with_the_limiter_storage_down_likes_go_on_under_the_fallback_and_it_still_limits(make_app, make_comment,
                                                                                         dispatched, monkeypatch):
    """Nothing listens on port 1: Flask-Limiter falls back to memory on the first like (handed on
    to Flask), and the fast path then uses that fallback as Flask-Limiter does."""
    # Flask-Limiter keeps "storage down" on its one instance across apps: put it back afterwards.
    monkeypatch.setattr(limiter, "_storage_dead", False)
    client = validating_client(make_app(LIKE_RATE_LIMIT="3 per hour", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
                                        RATELIMIT_STORAGE_OPTIONS={"socket_connect_timeout": 0.2}))
    comment = make_comment(status="approved")
    path = f"/api/v1/comments/{comment.id}/likes"
    calls = dispatched(client)

    assert [client.post(path, headers=key(n)).status_code for n in range(4)] == [200, 200, 200, 429]
    assert len(calls) == 2  # the first like (the storage failed) and the 429
    assert client.post(path, headers=key(0)).status_code == 429
