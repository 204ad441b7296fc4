"""A browser learns what became of the comments it sent, and of nothing else."""
import uuid

import pytest

from moderation.services.decisions import transition


def submit(client, article_id="bai-a", key=None, **fields):
    key = key or str(uuid.uuid4())
    data = {"author": "Lan", "body": f"Ý kiến {uuid.uuid4().hex[:6]}", **fields}
    r = client.post(f"/api/v1/articles/{article_id}/comments", json=data, headers={"Idempotency-Key": key})
    assert r.status_code == 202
    return key, r.get_json()


def statuses(client, keys, article_id="bai-a"):
    r = client.post(f"/api/v1/articles/{article_id}/comments/status", json={"keys": keys})
    assert r.status_code == 200
    assert r.headers["Cache-Control"] == "no-store"
    return r.get_json()["comments"]


def test_a_held_comment_is_pending_then_approved_or_rejected(client):
    first, receipt_a = submit(client)
    second, receipt_b = submit(client)
    assert statuses(client, [first, second]) == {first: {"id": receipt_a["id"], "status": "pending"},
                                                 second: {"id": receipt_b["id"], "status": "pending"}}
    transition(receipt_a["id"], "approve")
    transition(receipt_b["id"], "reject")
    assert statuses(client, [first, second]) == {first: {"id": receipt_a["id"], "status": "approved"},
                                                 second: {"id": receipt_b["id"], "status": "rejected"}}


def test_a_spam_trapped_comment_keeps_looking_pending(client):
    key, receipt = submit(client, website="http://spam.example")
    assert receipt["status"] == "pending"
    assert statuses(client, [key]) == {key: {"id": receipt["id"], "status": "pending"}}


def test_unknown_keys_and_other_articles_reveal_nothing(client):
    key, _ = submit(client, article_id="bai-a")
    assert statuses(client, [str(uuid.uuid4())]) == {}
    assert statuses(client, [key], article_id="bai-b") == {}


@pytest.mark.parametrize("body", [{}, {"keys": []}, {"keys": "abc"}, {"keys": ["short"]}, {"keys": [1]},
                                  {"keys": ["x" * 16 + "/"]}, {"keys": [str(uuid.uuid4())] * 51}, []])
def test_malformed_keys_are_a_400(client, body):
    r = client.post("/api/v1/articles/bai-a/comments/status", json=body)
    assert r.status_code == 400 and "keys" in r.get_json()["error"]["fields"]


def test_the_status_endpoint_takes_json_only(client):
    r = client.post("/api/v1/articles/bai-a/comments/status", data={"keys": "x"})
    assert r.status_code == 415
