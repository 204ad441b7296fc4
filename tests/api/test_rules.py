"""GET/PUT /api/v1/moderation/rules: admin token only, and submissions obey the new lists at once."""
import pytest


RULES = "/api/v1/moderation/rules"


def submit(client, body, article="bai-1"):
    return client.post(f"/api/v1/articles/{article}/comments", json={"author": "An", "body": body})


@pytest.mark.parametrize("method", ["get", "put"])
def test_no_token_is_401(client, method):
    r = getattr(client, method)(RULES, json={"banned": []})
    assert r.status_code == 401


def test_bad_token_is_401(client):
    assert client.get(RULES, headers={"Authorization": "Bearer ykbd_nope"}).status_code == 401


@pytest.mark.parametrize("method", ["get", "put"])
def test_moderator_token_is_403(client, moderator_token, method):
    r = getattr(client, method)(RULES, headers=moderator_token, json={"banned": ["ngu"]})
    assert r.status_code == 403
    assert r.get_json()["error"]["code"] == "forbidden"


def test_lists_start_empty(client, admin_token):
    assert client.get(RULES, headers=admin_token).get_json() == {"banned": [], "suspect": [], "version": 0}


def test_put_replaces_both_lists_canonically(client, admin_token):
    r = client.put(RULES, headers=admin_token, json={"banned": ["NGU", " Đồ  chó ", "ngu"], "suspect": ["chửi"]})
    assert r.status_code == 200
    assert r.get_json() == {"banned": ["ngu", "đồ chó"], "suspect": ["chửi"], "version": 1}
    r = client.put(RULES, headers=admin_token, json={"banned": ["cặc"], "suspect": []})
    assert r.get_json() == {"banned": ["cặc"], "suspect": [], "version": 2}
    assert client.get(RULES, headers=admin_token).get_json()["banned"] == ["cặc"]


def test_put_with_one_list_leaves_the_other(client, admin_token):
    client.put(RULES, headers=admin_token, json={"banned": ["ngu"], "suspect": ["chửi"]})
    r = client.put(RULES, headers=admin_token, json={"suspect": ["giết"]})
    assert r.get_json()["banned"] == ["ngu"] and r.get_json()["suspect"] == ["giết"]


@pytest.mark.parametrize("body, field", [
    ({"banned": "ngu"}, "banned"),
    ({"banned": [1, 2]}, "banned"),
    ({"suspect": ["!!!"]}, "suspect"),
    ({"suspect": ["x" * 201]}, "suspect"),
    ({"banned": [], "extra": []}, "extra"),
    ({}, "banned"),
])
def test_bad_lists_are_400_in_vietnamese(client, admin_token, body, field):
    r = client.put(RULES, headers=admin_token, json=body)
    assert r.status_code == 400
    error = r.get_json()["error"]
    assert error["code"] == "validation" and field in error["fields"]
    assert client.get(RULES, headers=admin_token).get_json()["version"] == 0


def test_put_needs_json(client, admin_token):
    r = client.put(RULES, headers=admin_token, data="ngu", content_type="text/plain")
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "invalid_json"


def test_banned_strict_hit_is_rejected_politely(client, admin_token):
    client.put(RULES, headers=admin_token, json={"banned": ["đồ chó"], "suspect": []})
    r = submit(client, "Mày là Đ.Ồ C.H.Ó")
    assert r.status_code == 202
    body = r.get_json()
    assert body["status"] == "rejected"
    assert body["message"] == "Bình luận có từ ngữ không phù hợp nên chưa thể đăng. Vui lòng sửa lại."


@pytest.mark.parametrize("body", ["chửi gì mà chửi", "chui vào", "do cho thật"])
def test_suspect_or_loose_hit_is_held_even_when_post_moderated(client, admin_token, body):
    client.put(RULES, headers=admin_token, json={"banned": ["đồ chó"], "suspect": ["chửi"]})
    client.put("/api/v1/articles/bai-1", headers=admin_token, json={"moderation": "post"})
    assert submit(client, body).get_json()["status"] == "pending"


def test_clean_comment_on_post_moderated_article_is_published(client, admin_token):
    client.put(RULES, headers=admin_token, json={"banned": ["đồ chó"], "suspect": ["chửi"]})
    client.put("/api/v1/articles/bai-1", headers=admin_token, json={"moderation": "post"})
    assert submit(client, "các bạn nói đúng, ngủ ngon").get_json()["status"] == "approved"


def test_flags_stored_on_the_comment_name_the_rule_and_tier(client, admin_token):
    from moderation.extensions import db
    from moderation.models import Comment
    client.put(RULES, headers=admin_token, json={"banned": ["cặc"], "suspect": []})
    cid = submit(client, "cac ban oi").get_json()["id"]
    flags = db.session.get(Comment, cid).flags
    assert {"code": "banned_word", "term": "cặc", "tier": "loose"} in flags


def test_rules_survive_across_app_instances(make_app, admin_token):
    # ``admin_token`` was created in the default app; a second instance shares the database.
    first = make_app()
    first.test_client().put(RULES, headers=admin_token, json={"banned": ["ngu"]})
    r = make_app().test_client().post("/api/v1/articles/bai-1/comments", json={"author": "An", "body": "ngu"})
    assert r.get_json()["status"] == "rejected"
