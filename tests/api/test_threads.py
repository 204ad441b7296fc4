"""GET .../comments and .../count: approved comments only, oldest first, replies under their parent."""
import re
from datetime import datetime, timedelta, timezone

import pytest

from moderation.extensions import db
from moderation.models import Comment

URL = "/api/v1/articles/bai-1/comments"


def thread(client, **params):
    r = client.get(URL, query_string=params)
    assert r.status_code == 200
    return r.get_json()


def ids(comments):
    return [c["id"] for c in comments]


def test_an_unknown_article_has_an_empty_thread_and_count_zero(client):
    assert thread(client)["count"] == 0
    assert thread(client)["comments"] == []
    assert client.get("/api/v1/articles/chua-co/count").get_json() == {"article_id": "chua-co", "count": 0}


def test_only_approved_comments_are_listed_oldest_first(client, make_comment):
    first = make_comment(article_id="bai-1", status="approved")
    make_comment(article_id="bai-1", status="pending")
    make_comment(article_id="bai-1", status="rejected")
    second = make_comment(article_id="bai-1", status="approved")
    make_comment(article_id="bai-khac", status="approved")
    body = thread(client)
    assert ids(body["comments"]) == [first.id, second.id]
    assert body["article_id"] == "bai-1" and body["next"] is None


def test_replies_sit_under_their_parent_and_count_in_the_total(client, make_comment):
    top = make_comment(article_id="bai-1", status="approved")
    reply = make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    make_comment(article_id="bai-1", status="pending", parent_id=top.id)
    body = thread(client)
    assert body["count"] == 2
    assert ids(body["comments"]) == [top.id]
    assert body["comments"][0]["replies"][0]["id"] == reply.id
    assert body["comments"][0]["replies"][0]["parent_id"] == top.id


def test_the_count_endpoint_gives_the_approved_total(client, make_comment):
    for status in ("approved", "approved", "pending", "rejected"):
        make_comment(article_id="bai-1", status=status)
    assert client.get("/api/v1/articles/bai-1/count").get_json() == {"article_id": "bai-1", "count": 2}


def test_a_public_comment_shows_nothing_private(client, make_comment):
    make_comment(article_id="bai-1", status="approved", email="an@example.com")
    comment = thread(client)["comments"][0]
    assert set(comment) == {"id", "parent_id", "author", "body_html", "created_at", "likes", "featured", "reply_count",
                            "staff", "replies"}


def test_times_are_shown_in_vietnam_time(client, make_comment):
    comment = make_comment(article_id="bai-1", status="approved")
    comment.created_at = datetime(2026, 11, 26, 2, 15, tzinfo=timezone.utc)
    db.session.commit()
    assert thread(client)["comments"][0]["created_at"] == "2026-11-26T09:15:00+07:00"


def test_every_time_in_the_api_carries_plus_seven(client, make_comment):
    top = make_comment(article_id="bai-1", status="approved")
    make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    body = thread(client)
    stamps = [body["comments"][0]["created_at"], body["comments"][0]["replies"][0]["created_at"]]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", s) for s in stamps)


def test_pages_follow_the_cursor_without_gaps_or_repeats(client, make_comment):
    made = [make_comment(article_id="bai-1", status="approved").id for _ in range(5)]
    seen, cursor = [], None
    while True:
        body = thread(client, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += ids(body["comments"])
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == made


def test_comments_made_in_the_same_instant_page_by_id(client, make_comment):
    made = [make_comment(article_id="bai-1", status="approved") for _ in range(3)]
    same = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for comment in made:
        comment.created_at = same
    db.session.commit()
    first = thread(client, limit=2)
    second = thread(client, limit=2, cursor=first["next"])
    assert ids(first["comments"]) + ids(second["comments"]) == [c.id for c in made]


@pytest.mark.parametrize("params, field", [
    ({"limit": "0"}, "limit"), ({"limit": "101"}, "limit"), ({"limit": "-1"}, "limit"), ({"limit": "abc"}, "limit"),
    ({"cursor": "not-a-cursor"}, "cursor"), ({"cursor": "%%%"}, "cursor"), ({"cursor": "MjAyNnwx"}, "cursor"),
])
def test_a_bad_limit_or_cursor_gets_400(client, params, field):
    r = client.get(URL, query_string=params)
    assert r.status_code == 400
    assert field in r.get_json()["error"]["fields"]


def test_a_comment_older_than_the_cursor_window_is_still_reachable(client, make_comment):
    old = make_comment(article_id="bai-1", status="approved")
    old.created_at = datetime.now(timezone.utc) - timedelta(days=400)
    db.session.commit()
    assert ids(thread(client)["comments"])[0] == old.id


def test_stored_html_is_served_as_stored(client, make_comment):
    make_comment(article_id="bai-1", status="approved", body="a < b & c\nxem tuoitre.vn/abc")
    html = thread(client)["comments"][0]["body_html"]
    assert html == ('<p>a &lt; b &amp; c<br>xem <a href="http://tuoitre.vn/abc" '
                    'rel="nofollow ugc noopener noreferrer" target="_blank">tuoitre.vn/abc</a></p>')
    assert db.session.query(Comment).one().body_html == html
