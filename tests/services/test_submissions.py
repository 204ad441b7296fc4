"""moderation.comments: retries and double submissions get the first answer and create nothing."""
import pytest

from moderation.services.articles import update_article
from moderation.extensions import db
from moderation.models import Article, Comment, Status
from moderation.services.decisions import transition

URL = "/api/v1/articles/bai-1/comments"
BODY = {"author": "Lê Thị Hoa", "body": "Tôi đồng ý với tác giả."}


def count_comments():
    return db.session.query(Comment).count()


def send(client, body=BODY, key=None, path=URL, ip="198.51.100.4"):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(path, json=body, headers=headers, environ_base={"REMOTE_ADDR": ip})


# --- Idempotency-Key ---------------------------------------------------------------------

def test_a_retry_with_the_same_key_and_body_gets_the_same_answer_and_creates_nothing(client):
    first = send(client, key="k-1")
    again = send(client, key="k-1")
    assert (again.status_code, again.get_json()) == (first.status_code, first.get_json())
    assert count_comments() == 1


def test_a_retry_from_another_address_is_still_the_same_submission(client):
    first = send(client, key="k-1", ip="198.51.100.4")
    again = send(client, key="k-1", ip="198.51.100.99")
    assert again.get_json() == first.get_json()
    assert count_comments() == 1


def test_the_same_key_with_a_different_body_is_a_409(client):
    send(client, key="k-1")
    r = send(client, body={**BODY, "body": "Nội dung khác"}, key="k-1")
    assert r.status_code == 409
    assert r.get_json()["error"]["code"] == "idempotency_mismatch"
    assert count_comments() == 1


def test_the_same_key_on_another_article_is_another_submission(client):
    send(client, key="k-1")
    send(client, key="k-1", path="/api/v1/articles/bai-2/comments")
    assert count_comments() == 2


def test_a_retry_after_the_moderator_acted_still_gets_the_first_answer(client):
    first = send(client, key="k-1")
    transition(first.get_json()["id"], "approve")
    assert send(client, key="k-1").get_json() == first.get_json()


def test_a_retry_of_a_published_comment_gets_the_published_answer(client):
    update_article("bai-1", actor=None, moderation="post")
    first = send(client, key="k-1")
    assert first.get_json()["status"] == "approved"
    assert send(client, key="k-1").get_json() == first.get_json()
    assert db.session.get(Article, (1, "bai-1")).approved_count == 1


# --- double submission -------------------------------------------------------------------

def test_the_same_body_from_the_same_address_on_the_same_article_gets_the_first_answer(client):
    first = send(client)
    again = send(client)
    assert (again.status_code, again.get_json()) == (202, first.get_json())
    assert count_comments() == 1


def test_a_double_submission_differing_only_in_unicode_form_is_still_a_double(client):
    import unicodedata
    first = send(client)
    again = send(client, body={**BODY, "body": unicodedata.normalize("NFD", BODY["body"]) + "  "})
    assert again.get_json() == first.get_json()


@pytest.mark.parametrize("change", [
    {"ip": "198.51.100.5"},
    {"path": "/api/v1/articles/bai-2/comments"},
    {"body": {**BODY, "body": "Một ý kiến khác."}},
])
def test_a_different_address_article_or_body_is_a_new_comment(client, change):
    first = send(client)
    again = send(client, **change)
    assert again.get_json()["id"] != first.get_json()["id"]
    assert count_comments() == 2


def test_the_same_body_after_the_window_is_a_new_comment(make_app):
    app = make_app(DUPLICATE_WINDOW_SECONDS=0)
    with app.app_context():
        client = app.test_client()
        first, again = send(client), send(client)
        assert again.get_json()["id"] != first.get_json()["id"]


def test_the_same_body_from_another_address_is_held_as_a_duplicate(client):
    update_article("bai-1", actor=None, moderation="post")
    send(client, ip="198.51.100.4")
    r = send(client, ip="198.51.100.5")
    comment = db.session.get(Comment, r.get_json()["id"])
    assert comment.status == Status.PENDING
    assert {"code": "duplicate"} in comment.flags
