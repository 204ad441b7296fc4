from moderation.services.accounts import create_moderator, create_token


def test_submit_then_approve_through_the_api(client, app):
    token = create_token(create_moderator("bientap", "mat-khau-dai", "moderator", actor=None), actor=None)
    r = client.post("/api/v1/articles/a-1/comments", json={"author": "An", "body": "Chào <b>bạn</b>"})
    assert r.status_code == 202
    cid = r.get_json()["id"]
    assert client.get("/api/v1/articles/a-1/comments").get_json()["count"] == 0
    r = client.post(f"/api/v1/moderation/comments/{cid}/approve", headers={"Authorization": f"Bearer {token}"})
    assert r.get_json() == {"id": cid, "status": "approved", "changed": True, "status_label": "Đã duyệt",
                            "message": f"Đã duyệt bình luận #{cid}."}
    assert client.get("/api/v1/articles/a-1/count").get_json()["count"] == 1
