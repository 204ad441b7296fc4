"""The moderation API's feature/unfeature/replies and the public featured block."""
import pytest

from moderation.services.accounts import create_moderator, create_token
from tests.factories import make_site

ORIGIN = "https://news.example.vn"


@pytest.fixture
def bearer(app):
    moderator = create_moderator("bientap", "mat-khau-dai", "moderator", actor=None, display_name="Minh Anh")
    return {"Authorization": f"Bearer {create_token(moderator, actor=None)}"}


def test_feature_approves_a_pending_comment_and_unfeature_keeps_it(client, bearer, make_comment):
    comment = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=bearer)
    assert r.status_code == 200
    assert {k: r.get_json()[k] for k in ("status", "changed", "featured")} == {
        "status": "approved", "changed": True, "featured": True}
    assert client.get("/api/v1/articles/bai-viet-1/count").get_json()["count"] == 1
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/unfeature", headers=bearer)
    assert {k: r.get_json()[k] for k in ("status", "changed", "featured")} == {
        "status": "approved", "changed": True, "featured": False}


def test_feature_of_a_rejected_comment_is_a_409(client, bearer, make_comment):
    comment = make_comment(status="rejected")
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=bearer)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "conflict"


def test_feature_needs_a_token_and_the_site(client, bearer, make_comment):
    other = make_site("truong-a")
    comment = make_comment(site_id=other.id)
    assert client.post(f"/api/v1/moderation/comments/{comment.id}/feature").status_code == 401
    assert client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=bearer).status_code == 404


def test_a_newsroom_reply_is_201_with_its_badge_and_author(client, bearer, make_comment):
    held = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{held.id}/replies", json={"body": "Cảm ơn bạn đã góp ý."},
                    headers=bearer)
    assert r.status_code == 201
    body = r.get_json()
    assert (body["author"], body["staff"], body["parent_id"], body["status"], body["approved_ids"]) == (
        "Minh Anh", {"badge": "Tòa soạn"}, held.id, "approved", [held.id])
    assert client.get("/api/v1/articles/bai-viet-1/count").get_json()["count"] == 2
    again = client.post(f"/api/v1/moderation/comments/{held.id}/replies", json={"body": "Cảm ơn bạn đã góp ý."},
                        headers=bearer)
    assert again.status_code == 200 and again.get_json()["id"] == body["id"]


def test_a_newsroom_replys_answer_shows_it_as_the_thread_does(client, bearer, make_comment):
    """Every field the thread gives the reply, with the same value: the two shapes cannot drift."""
    parent = make_comment(status="approved")
    body = client.post(f"/api/v1/moderation/comments/{parent.id}/replies", json={"body": "Cảm ơn bạn đã góp ý."},
                       headers=bearer).get_json()
    [top] = client.get("/api/v1/articles/bai-viet-1/comments").get_json()["comments"]
    [in_thread] = top["replies"]
    assert {key: body.get(key) for key in in_thread} == in_thread


@pytest.mark.parametrize("payload", [None, [], {"body": ""}, {"body": 5}, {}])
def test_a_bad_reply_body_is_a_json_400(client, bearer, make_comment, payload):
    comment = make_comment(status="approved")
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/replies", json=payload, headers=bearer)
    assert r.status_code == 400


def test_the_featured_block_is_cacheable_and_cookieless(client, bearer, make_comment):
    comment = make_comment(status="approved", title="Giá xăng", url=f"{ORIGIN}/bai-viet-1")
    client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=bearer)
    r = client.get("/api/v1/featured?limit=3", headers={"Origin": ORIGIN})
    assert r.status_code == 200
    [item] = r.get_json()["comments"]
    assert (item["id"], item["article"]) == (comment.id, {"id": "bai-viet-1", "title": "Giá xăng",
                                                          "url": f"{ORIGIN}/bai-viet-1"})
    assert r.headers["Cache-Control"].startswith("public, max-age=")
    assert r.headers["Access-Control-Allow-Origin"] == ORIGIN and r.headers["Vary"] == "Origin"
    assert "Set-Cookie" not in r.headers
    again = client.get("/api/v1/featured?limit=3", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and not again.data


def test_the_etag_changes_when_a_pick_does(client, bearer, make_comment):
    comment = make_comment(status="approved")
    before = client.get("/api/v1/featured").headers["ETag"]
    client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=bearer)
    after = client.get("/api/v1/featured")
    assert after.headers["ETag"] != before and len(after.get_json()["comments"]) == 1


@pytest.mark.parametrize("limit", ["0", "21", "abc", "-1", "²"])
def test_a_bad_limit_is_a_json_400(client, limit):
    r = client.get(f"/api/v1/featured?limit={limit}")
    assert r.status_code == 400 and "limit" in r.get_json()["error"]["fields"]


def test_the_site_path_lists_that_sites_picks_and_an_unknown_site_is_404(client, make_comment):
    other = make_site("truong-a")
    admin = {"Authorization": "Bearer " + create_token(create_moderator("quantri", "mat-khau-dai", "admin",
                                                                        actor=None), actor=None)}
    here, there = make_comment(status="approved"), make_comment(site_id=other.id, status="approved")
    for comment in (here, there):
        client.post(f"/api/v1/moderation/comments/{comment.id}/feature", headers=admin)
    r = client.get("/api/v1/sites/truong-a/featured", headers={"Origin": "https://truong-a.edu.vn"})
    assert [c["id"] for c in r.get_json()["comments"]] == [there.id] and r.get_json()["site"] == "truong-a"
    assert r.headers["Access-Control-Allow-Origin"] == "https://truong-a.edu.vn"
    assert [c["id"] for c in client.get("/api/v1/featured").get_json()["comments"]] == [here.id]
    assert client.get("/api/v1/sites/khong-co/featured").status_code == 404


def test_the_moderation_listing_filters_picks(client, bearer, make_comment):
    picked, plain = make_comment(status="approved"), make_comment(status="approved")
    client.post(f"/api/v1/moderation/comments/{picked.id}/feature", headers=bearer)
    r = client.get("/api/v1/moderation/comments?status=approved&featured=true", headers=bearer)
    assert [(c["id"], c["featured"]) for c in r.get_json()["comments"]] == [(picked.id, True)]
    assert len(client.get("/api/v1/moderation/comments?status=approved", headers=bearer).get_json()["comments"]) == 2
    assert client.get("/api/v1/moderation/comments?featured=yes", headers=bearer).status_code == 400
