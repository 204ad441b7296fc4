"""GET /api/v1/moderation/comments: the moderation listing for CMS integrations and scripts."""
import pytest

from moderation.services.threads import report_comment


def test_listing_needs_a_token(client):
    assert client.get("/api/v1/moderation/comments").status_code == 401
    assert client.get("/api/v1/moderation/comments", headers={"Authorization": "Bearer sai"}).status_code == 401


def test_pending_comes_oldest_first_with_every_field(client, moderator_token, make_comment):
    first = make_comment(email="an@example.vn", body="Có 3 liên kết: http://a.vn http://b.vn http://c.vn").id
    second = make_comment().id
    body = client.get("/api/v1/moderation/comments", headers=moderator_token).get_json()
    assert [c["id"] for c in body["comments"]] == [first, second]
    assert body["next"] is None
    item = body["comments"][0]
    assert item["email"] == "an@example.vn" and item["status"] == "pending" and item["reports"] == 0
    assert {"code": "links", "count": 3} in item["flags"]
    assert "ip_hash" not in item


def test_reported_lists_reported_comments_with_a_reported_flag(client, moderator_token, make_comment):
    quiet = make_comment(status="approved")
    loud = make_comment(status="approved")
    report_comment(loud.id, "xúc phạm", "ip-a")
    report_comment(loud.id, "", "ip-b")
    body = client.get("/api/v1/moderation/comments?status=reported", headers=moderator_token).get_json()
    assert [c["id"] for c in body["comments"]] == [loud.id]
    assert {"code": "reported", "count": 2} in body["comments"][0]["flags"]
    assert body["comments"][0]["reports"] == 2
    assert quiet.id not in [c["id"] for c in body["comments"]]


def test_filter_by_article_and_status(client, moderator_token, make_comment):
    make_comment(article_id="bai-1", status="approved")
    wanted = make_comment(article_id="bai-2", status="approved").id
    make_comment(article_id="bai-2")
    body = client.get("/api/v1/moderation/comments?status=approved&article_id=bai-2", headers=moderator_token).get_json()
    assert [c["id"] for c in body["comments"]] == [wanted]


def test_keyset_pages_cover_every_comment_once(client, moderator_token, make_comment):
    ids = [make_comment().id for _ in range(5)]
    seen, url = [], "/api/v1/moderation/comments?limit=2"
    while url:
        body = client.get(url, headers=moderator_token).get_json()
        seen += [c["id"] for c in body["comments"]]
        url = f"/api/v1/moderation/comments?limit=2&cursor={body['next']}" if body["next"] else None
    assert seen == ids


@pytest.mark.parametrize("query", ["status=spam", "limit=0", "limit=101", "cursor=rac"])
def test_bad_parameters_are_400(client, moderator_token, query):
    response = client.get(f"/api/v1/moderation/comments?{query}", headers=moderator_token)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "validation"


def test_unapprove_of_a_pending_comment_is_409_and_a_repeat_is_unchanged(client, moderator_token, make_comment):
    comment = make_comment()
    assert client.post(f"/api/v1/moderation/comments/{comment.id}/unapprove", headers=moderator_token).status_code == 409
    client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=moderator_token)
    again = client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=moderator_token).get_json()
    assert again["changed"] is False and again["decided_by"] == "bientap"
