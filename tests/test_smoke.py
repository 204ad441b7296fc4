def test_submit_then_list(client, app):
    r = client.post("/api/v1/articles/a-1/comments", json={"author": "An", "body": "Chào <b>bạn</b>"})
    assert r.status_code == 202
    assert client.get("/api/v1/articles/a-1/comments").get_json()["count"] == 0
