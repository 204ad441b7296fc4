"""The per-worker counts cache: bounded staleness that every downstream cache also respects.

The rule under test is the contract's: after a moderator approves, the new count is
served once max-age has passed, from any worker and through any cache. A fake clock
stands in for time; nothing sleeps.
"""
import pytest

from moderation.services.accounts import create_moderator, create_token
from moderation.http.counts_cache import CountsCache
from moderation.errors import ServiceError


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


def counter():
    """A build function answering the number of times it ran, so a rebuild is visible."""
    calls = []

    def build():
        calls.append(1)
        return str(len(calls)).encode(), f'"{len(calls)}"'
    return build


def test_a_live_entry_is_served_again_with_what_is_left_of_max_age(clock):
    cache, build = CountsCache(5, 30, clock=clock), counter()
    first, max_age = cache.answer("k", build)
    assert (first.body, max_age) == (b"1", 30)
    clock.now += 2.5
    again, max_age = cache.answer("k", build)
    assert again is first and max_age == 27


def test_an_entry_is_rebuilt_once_its_seconds_have_passed(clock):
    cache, build = CountsCache(5, 30, clock=clock), counter()
    cache.answer("k", build)
    clock.now += 5
    answer, max_age = cache.answer("k", build)
    assert (answer.body, max_age) == (b"2", 30)


@pytest.mark.parametrize("seconds, max_age", [(5, 30), (29, 30), (60, 30), (3, 3), (1, 2)])
@pytest.mark.parametrize("approved_after", [0.0, 0.4, 1.0, 2.7, 4.99])
def test_after_an_approval_no_copy_of_an_older_answer_outlives_max_age(clock, seconds, max_age, approved_after):
    """Served at s with max-age m, a copy is used until s + m: that must not pass approval + max-age."""
    approved_at = clock.now + approved_after
    database = {"count": 0}
    cache = CountsCache(seconds, max_age, clock=clock)

    def build():  # the query reads the database as it is when it starts, and takes a while
        count = database["count"]
        clock.now += 0.3
        return str(count).encode(), f'"{count}"'
    start = clock.now
    for tick in range(int((approved_after + max_age + 2) * 10)):
        clock.now = start + tick / 10
        if clock.now >= approved_at:
            database["count"] = 1
        answer, served_max_age = cache.answer("k", build)
        assert served_max_age >= 1
        if answer.body == b"0" and clock.now >= approved_at:
            assert clock.now + served_max_age <= approved_at + max_age
        if clock.now >= approved_at + max_age:
            assert answer.body == b"1"


@pytest.mark.parametrize("seconds, max_age", [(0, 30), (5, 1), (5, 0)])
def test_it_keeps_nothing_when_off_or_when_max_age_leaves_no_room(clock, seconds, max_age):
    cache, build = CountsCache(seconds, max_age, clock=clock), counter()
    cache.answer("k", build)
    answer, served = cache.answer("k", build)
    assert (answer.body, served, len(cache)) == (b"2", max_age, 0)


def test_a_failing_build_keeps_nothing(clock):
    cache = CountsCache(5, 30, clock=clock)

    def refuse():
        raise ServiceError("validation", 400)
    with pytest.raises(ServiceError):
        cache.answer("k", refuse)
    assert len(cache) == 0


def test_the_oldest_entry_makes_room_when_full(clock):
    cache, build = CountsCache(5, 30, max_entries=2, clock=clock), counter()
    for key in ("a", "b", "c"):
        cache.answer(key, build)
    assert len(cache) == 2
    assert cache.answer("b", build)[0].body == b"2"
    assert cache.answer("a", build)[0].body == b"4"


@pytest.fixture
def cached_client(make_app, clock):
    app = make_app(COUNTS_CACHE_SECONDS=5, COUNTS_MAX_AGE=30)
    app.extensions["counts_cache"].clock = clock
    return app.test_client()


@pytest.fixture
def approve(app, cached_client):
    # Accounts are made through ``app`` (same database, its context pushed); the cached app answers.
    token = create_token(create_moderator("bientap", "mat-khau-dai", "moderator", actor=None), actor=None)

    def act(comment_id):
        r = cached_client.post(f"/api/v1/moderation/comments/{comment_id}/approve",
                               headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200, r.get_json()
    return act


@pytest.mark.parametrize("url, fresh", [
    ("/api/v1/counts?ids=bai-a,bai-b", {"counts": {"bai-a": 1, "bai-b": 0}}),
    ("/api/v1/articles/bai-a/count", {"article_id": "bai-a", "count": 1}),
])
def test_an_approval_shows_once_the_worker_entry_expires_with_max_age_counting_down(
        cached_client, approve, make_comment, clock, url, fresh):
    comment = make_comment("bai-a")
    before = cached_client.get(url)
    approve(comment.id)
    clock.now += 3.2
    stale = cached_client.get(url)
    assert stale.data == before.data and stale.headers["ETag"] == before.headers["ETag"]
    assert stale.headers["Cache-Control"] == "public, max-age=26" and "Age" not in stale.headers
    clock.now += 1.8
    after = cached_client.get(url)
    assert after.get_json() == fresh and after.headers["ETag"] != before.headers["ETag"]
    assert after.headers["Cache-Control"] == "public, max-age=30"


def test_a_revalidation_from_the_worker_cache_is_a_304_with_the_remaining_max_age(cached_client, clock):
    etag = cached_client.get("/api/v1/counts?ids=bai-a").headers["ETag"]
    clock.now += 1.5
    r = cached_client.get("/api/v1/counts?ids=bai-a", headers={"If-None-Match": etag})
    assert r.status_code == 304 and r.data == b""
    assert r.headers["Cache-Control"] == "public, max-age=28"


def test_cached_answers_keep_cors_and_vary(cached_client):
    for _ in range(2):
        r = cached_client.get("/api/v1/counts?ids=bai-a", headers={"Origin": "https://news.example.vn"})
        assert r.headers["Access-Control-Allow-Origin"] == "https://news.example.vn"
        assert "Origin" in r.headers["Vary"]
    r = cached_client.get("/api/v1/counts?ids=bai-a", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


def test_a_bad_batch_is_refused_every_time(cached_client):
    for _ in range(2):
        assert cached_client.get("/api/v1/counts?ids=a,,b").status_code == 400
