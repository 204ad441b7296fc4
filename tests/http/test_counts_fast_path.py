"""The counts fast path answers exactly as the Flask views would, without dispatching to Flask.

moderation/counts_wsgi.py builds 200 and 304 answers of the count endpoints before Flask;
every other request, and every failure, goes to Flask. Each case below is asked of an app
with the fast path and of one without it, on the same database, and must come back the same.
"""
import pytest
from flask import request_started

from tests.clients import validating_client

ORIGIN = "https://news.example.vn"


@pytest.fixture
def pair(make_app, make_comment):
    make_comment(article_id="bai-1", status="approved")
    make_comment(article_id="bai-2", status="approved")
    fast, slow = make_app(), make_app(COUNTS_FAST_PATH=False)
    return validating_client(fast), validating_client(slow)


def _answer(client, path, **headers):
    r = client.get(path, headers=headers)
    return r.status_code, sorted(r.headers.items()), r.get_data()


@pytest.mark.parametrize("path", ["/api/v1/counts?ids=bai-1,bai-2,moi", "/api/v1/counts?ids=bai-2%2Cbai-1",
                                  "/api/v1/articles/bai-1/count", "/api/v1/articles/khong-co/count"])
@pytest.mark.parametrize("origin", [ORIGIN, "https://la.example", None])
def test_a_200_matches_the_flask_view_header_for_header(pair, path, origin):
    headers = {"Origin": origin} if origin else {}
    fast, slow = pair
    assert _answer(fast, path, **headers) == _answer(slow, path, **headers)


@pytest.mark.parametrize("path", ["/api/v1/counts?ids=bai-1,bai-2", "/api/v1/articles/bai-1/count"])
@pytest.mark.parametrize("tag", ["{etag}", "W/{etag}", '"khac", {etag}', "*"])
def test_a_304_matches_the_flask_view(pair, path, tag):
    fast, slow = pair
    etag = slow.get(path).headers["ETag"]
    headers = {"Origin": ORIGIN, "If-None-Match": tag.format(etag=etag)}
    answer = _answer(fast, path, **headers)
    assert answer[0] == 304
    assert answer == _answer(slow, path, **headers)


@pytest.mark.parametrize("path", ["/api/v1/counts?ids=", "/api/v1/counts?ids=a,,b", "/api/v1/counts",
                                  "/api/v1/articles/bai-1/count?x=1"])
def test_failures_and_other_requests_are_the_same_through_flask(pair, path):
    fast, slow = pair
    assert _answer(fast, path) == _answer(slow, path)


def test_successful_counts_never_reach_flask_dispatch(pair):
    fast, _ = pair
    dispatched = []
    app = fast.application

    def record(sender, **extra):
        dispatched.append(1)

    with request_started.connected_to(record, app):
        assert fast.get("/api/v1/counts?ids=bai-1").status_code == 200
        assert fast.get("/api/v1/articles/bai-1/count").status_code == 200
        assert dispatched == []
        assert fast.get("/api/v1/counts?ids=").status_code == 400
        assert fast.options("/api/v1/counts?ids=bai-1", headers={"Origin": ORIGIN}).status_code == 204
    assert len(dispatched) == 2


def test_an_approval_reaches_the_fast_path_once_its_cache_entry_is_gone(make_app, make_comment):
    from moderation.services.decisions import transition

    held = make_comment(article_id="bai-9")
    client = validating_client(make_app(COUNTS_CACHE_SECONDS=0))
    assert client.get("/api/v1/articles/bai-9/count").get_json()["count"] == 0
    transition(held.id, "approve")
    assert client.get("/api/v1/articles/bai-9/count").get_json()["count"] == 1
