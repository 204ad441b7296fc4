"""POST|DELETE /api/v1/comments/<id>/likes: the reader key header, CORS of the comment's site, limits, no cookie."""
import pytest

from tests.clients import validating_client
from tests.factories import make_site

KEY = {"X-Reader-Key": "k" * 16}
ORIGIN = "https://news.example.vn"
SITE_A = "https://truong-a.edu.vn"


def url(comment):
    return f"/api/v1/comments/{comment.id}/likes"


def test_like_and_unlike_answer_the_new_count(client, make_comment):
    comment = make_comment(status="approved")
    r = client.post(url(comment), headers=KEY)
    assert r.status_code == 200 and r.get_json() == {"id": comment.id, "likes": 1, "liked": True}
    assert client.post(url(comment), headers=KEY).get_json()["likes"] == 1
    assert client.delete(url(comment), headers=KEY).get_json() == {"id": comment.id, "likes": 0, "liked": False}
    assert "Set-Cookie" not in r.headers


@pytest.mark.parametrize("key", [None, "", "short", "k" * 65, "có-dấu-không-được-nhé", "k" * 15 + "!"])
def test_a_missing_or_malformed_reader_key_is_a_400_in_vietnamese(client, make_comment, key):
    comment = make_comment(status="approved")
    r = client.post(url(comment), headers={"X-Reader-Key": key} if key is not None else {})
    assert r.status_code == 400
    assert "khóa bạn đọc" in r.get_json()["error"]["fields"]["X-Reader-Key"]


def test_a_pending_comment_is_a_404(client, make_comment):
    assert client.post(url(make_comment()), headers=KEY).status_code == 404


def test_the_preflight_allows_the_reader_key_from_the_comments_site_only(client, make_comment):
    make_site("truong-a")
    from moderation.services.sites import site_id
    theirs = make_comment(status="approved", site_id=site_id("truong-a"))
    ask = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-reader-key"}
    allowed = client.options(url(theirs), headers={"Origin": SITE_A, **ask})
    assert allowed.status_code == 204 and allowed.headers["Access-Control-Allow-Origin"] == SITE_A
    assert "X-Reader-Key" in allowed.headers["Access-Control-Allow-Headers"]
    assert "DELETE" in allowed.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.options(url(theirs), headers={"Origin": ORIGIN, **ask}).headers
    liked = client.post(url(theirs), headers={"Origin": SITE_A, **KEY})
    assert liked.status_code == 200 and liked.headers["Access-Control-Allow-Origin"] == SITE_A
    assert client.post(url(theirs), headers={"Origin": ORIGIN, **KEY}).status_code == 403


def test_likes_are_rate_limited_per_address(make_app, make_comment):
    client = validating_client(make_app(LIKE_RATE_LIMIT="2 per minute"))
    comment = make_comment(status="approved")
    assert [client.post(url(comment), headers={"X-Reader-Key": f"reader-key-{n:06d}"}).status_code
            for n in range(3)] == [200, 200, 429]
    refused = client.post(url(comment), headers=KEY)
    assert refused.headers["Retry-After"] and "thích quá nhanh" in refused.get_json()["error"]["message"]


def test_likes_from_the_comments_own_site_are_limited_and_foreign_posts_are_not_counted(make_app, make_comment):
    """The limit's filter leaves out refused cross-site posts; it must judge them by the comment's
    site's origins, not the default site's, or a site's own readers would never be limited."""
    app = make_app(LIKE_RATE_LIMIT="2 per minute")
    client = validating_client(app)
    with app.app_context():
        make_site("truong-a")
        from moderation.services.sites import site_id
        theirs = make_comment(status="approved", site_id=site_id("truong-a"))
    assert client.post(url(theirs), headers={"Origin": ORIGIN, **KEY}).status_code == 403
    assert [client.post(url(theirs), headers={"Origin": SITE_A, "X-Reader-Key": f"reader-key-{n:06d}"}).status_code
            for n in range(3)] == [200, 200, 429]
