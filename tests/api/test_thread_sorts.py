"""?sort=oldest|newest|top and ?tab=featured: the order of top-level comments, paging under each, the site's default."""
from datetime import timedelta

import pytest
from sqlalchemy import update

from moderation.extensions import db
from moderation.models import Comment, utcnow
from moderation.services.likes import like
from moderation.services.settings import update_site_defaults

URL = "/api/v1/articles/bai-1/comments"


def page(client, **params):
    r = client.get(URL, query_string=params)
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def ids(body):
    return [c["id"] for c in body["comments"]]


def _likes(comment, n):
    for k in range(n):
        like(comment.id, reader_hash=f"{comment.id}-{k}", ip_hash=f"ip-{k}")


@pytest.fixture
def five(make_comment):
    """Five approved top-level comments, oldest first, liked 2, 0, 5, 2, 0 times."""
    comments = [make_comment(article_id="bai-1", status="approved") for _ in range(5)]
    for comment, n in zip(comments, (2, 0, 5, 2, 0)):
        _likes(comment, n)
    return [c.id for c in comments]


def test_each_sort_orders_the_top_level_comments(client, five):
    a, b, c, d, e = five
    assert ids(page(client)) == [a, b, c, d, e] and page(client)["sort"] == "oldest"
    assert ids(page(client, sort="newest")) == [e, d, c, b, a]
    # Most liked first; among equals, the newest.
    assert ids(page(client, sort="top")) == [c, d, a, e, b]
    assert [x["likes"] for x in page(client, sort="top")["comments"]] == [5, 2, 2, 0, 0]


@pytest.mark.parametrize("sort", ["oldest", "newest", "top"])
def test_paging_under_each_sort_sees_every_comment_once_in_order(client, five, sort):
    whole = ids(page(client, sort=sort))
    seen, cursor = [], None
    while True:
        body = page(client, sort=sort, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += ids(body)
        cursor = body["next"]
        if not cursor:
            break
    assert seen == whole


@pytest.mark.parametrize("made, used", [("oldest", "top"), ("top", "newest"), ("newest", "oldest"),
                                        ("top", "oldest")])
def test_a_cursor_from_another_sort_is_a_400(client, five, made, used):
    cursor = page(client, sort=made, limit=2)["next"]
    r = client.get(URL, query_string={"sort": used, "cursor": cursor})
    assert r.status_code == 400
    assert r.get_json()["error"]["fields"]["cursor"] == "Con trỏ phân trang không hợp lệ."


@pytest.mark.parametrize("params", [{"sort": "hot"}, {"tab": "picks"}])
def test_an_unknown_sort_or_tab_is_a_400(client, params):
    assert client.get(URL, query_string=params).status_code == 400


def test_replies_stay_oldest_first_under_their_parent_whatever_the_sort(client, make_comment):
    top = make_comment(article_id="bai-1", status="approved")
    first = make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    second = make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    _likes(second, 3)
    for sort in ("oldest", "newest", "top"):
        comment = page(client, sort=sort)["comments"][0]
        assert [r["id"] for r in comment["replies"]] == [first.id, second.id]
        assert comment["reply_count"] == 2


def test_the_site_default_sort_applies_when_none_is_asked(client, five):
    update_site_defaults(actor=None, default_sort="top")
    body = page(client)
    assert body["sort"] == "top" and ids(body)[0] == five[2]


def test_the_featured_tab_lists_only_picks(client, five):
    db.session.execute(update(Comment).where(Comment.id.in_([five[1], five[3]]))
                       .values(featured_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    body = page(client, tab="featured")
    assert ids(body) == [five[1], five[3]] and body["tab"] == "featured" and body["has_featured"]
    assert [c["featured"] for c in page(client)["comments"]] == [False, True, False, True, False]


def test_a_newsroom_reply_carries_its_badge(client, make_comment):
    from moderation.services.accounts import create_moderator
    staff = create_moderator("toasoan", "mat-khau-dai", actor=None)
    top = make_comment(article_id="bai-1", status="approved")
    reply = make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    db.session.execute(update(Comment).where(Comment.id == reply.id).values(staff_id=staff.id, staff_badge="Tòa soạn"))
    db.session.commit()
    comment = page(client)["comments"][0]
    assert comment["staff"] is None and comment["replies"][0]["staff"] == {"badge": "Tòa soạn"}
