"""The thread is cacheable: one strong ETag per content, public max-age, 304s, Vary: Origin only, no cookie;
after an approval or a like the new thread is served once max-age has passed, from any worker."""
import pytest
from sqlalchemy import update

from moderation.extensions import db
from moderation.http.counts_cache import CountsCache
from moderation.models import Comment, utcnow
from moderation.services.decisions import transition
from moderation.services.likes import like
from tests.clients import validating_client
from tests.conftest import Clock

URL = "/api/v1/articles/bai-1/comments"
ORIGIN = "https://news.example.vn"


def test_the_answer_is_public_with_a_strong_etag_and_no_cookie_or_token(client, make_comment):
    make_comment(article_id="bai-1", status="approved")
    r = client.get(URL, headers={"Origin": ORIGIN, "Cookie": "session=anything"})
    assert r.headers["Cache-Control"] == "public, max-age=15"
    assert r.headers["ETag"].startswith('"') and not r.headers["ETag"].startswith("W/")
    assert r.headers["Vary"] == "Origin"
    assert "Set-Cookie" not in r.headers and "form_token" not in r.get_json()


def test_if_none_match_is_a_304_while_nothing_changed(client, make_comment):
    make_comment(article_id="bai-1", status="approved")
    etag = client.get(URL).headers["ETag"]
    assert client.get(URL).headers["ETag"] == etag
    r = client.get(URL, headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.get_data() == b"" and r.headers["ETag"] == etag


def _set_featured(comment):
    db.session.execute(update(Comment).where(Comment.id == comment.id).values(featured_at=utcnow()))
    db.session.commit()


@pytest.mark.parametrize("change", [
    lambda held, shown: transition(held.id, "approve"),
    lambda held, shown: like(shown.id, reader_hash="r", ip_hash="ip"),
    lambda held, shown: _set_featured(shown),
    lambda held, shown: transition(shown.id, "unapprove"),
])
def test_the_etag_changes_when_what_readers_see_changes(client, make_comment, change):
    shown = make_comment(article_id="bai-1", status="approved")
    held = make_comment(article_id="bai-1")
    before = client.get(URL).headers["ETag"]
    change(held, shown)
    after = client.get(URL, headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["ETag"] != before


def test_a_held_comment_or_another_article_leaves_the_etag_alone(client, make_comment):
    make_comment(article_id="bai-1", status="approved")
    before = client.get(URL).headers["ETag"]
    make_comment(article_id="bai-1")
    make_comment(article_id="bai-2", status="approved")
    assert client.get(URL, headers={"If-None-Match": before}).status_code == 304


@pytest.mark.parametrize("query", ["", "?sort=top", "?sort=newest&limit=1", "?tab=featured", "?sort=bad", "?limit=0"])
@pytest.mark.parametrize("etag", [False, True])
def test_the_fast_path_answers_like_the_flask_view(make_app, make_comment, query, etag):
    make_comment(article_id="bai-1", status="approved")
    make_comment(article_id="bai-1", status="approved")
    fast, slow = validating_client(make_app()), validating_client(make_app(COUNTS_FAST_PATH=False))
    headers = {"Origin": ORIGIN}
    if etag:
        headers["If-None-Match"] = slow.get(URL + query).headers.get("ETag", '"x"')
    answers = [c.get(URL + query, headers=headers) for c in (fast, slow)]
    assert [(r.status_code, sorted(r.headers.items()), r.get_data()) for r in answers][0] == \
           [(r.status_code, sorted(r.headers.items()), r.get_data()) for r in answers][1]


def test_an_approval_is_served_once_max_age_has_passed(make_app, make_comment):
    """Two workers with their own caches: whichever a reader reaches, a copy of the thread built
    before the approval is never used after its stamp + THREAD_MAX_AGE."""
    shown = make_comment(article_id="bai-1", status="approved")
    held = make_comment(article_id="bai-1")
    tick = Clock(1000.0)
    workers = []
    for _ in range(2):
        app = make_app(THREAD_CACHE_SECONDS=5)
        app.extensions["thread_cache"] = CountsCache(5, 15, clock=tick)
        workers.append(validating_client(app))
    first = workers[0].get(URL)
    assert first.headers["Cache-Control"] == "public, max-age=15"
    transition(held.id, "approve")
    tick.advance(4.5)
    kept = workers[0].get(URL)
    assert [c["id"] for c in kept.get_json()["comments"]] == [shown.id]  # the worker's copy, not yet stale
    assert kept.headers["Cache-Control"] == "public, max-age=10"  # 15 - ceil(4.5): no copy outlives 15 s
    assert len(workers[1].get(URL).get_json()["comments"]) == 2
    tick.advance(1)
    assert len(workers[0].get(URL).get_json()["comments"]) == 2
