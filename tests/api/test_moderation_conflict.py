"""The moderation API's 409 tells the caller who made the comment's current state."""
import pytest

from moderation.services.accounts import create_moderator, create_token
from moderation.extensions import db
from moderation.messages import clock
from moderation.models import Comment, Status
from moderation.services.audit import AuditQuery, audit_log


@pytest.fixture
def tokens(app):
    return {name: {"Authorization": f"Bearer {create_token(create_moderator(name, 'mat-khau-dai', actor=None), actor=None)}"}
            for name in ("nguoi1", "nguoi2")}


def test_409_names_the_moderator_who_acted_first(client, tokens, make_comment):
    comment = make_comment()
    client.post(f"/api/v1/moderation/comments/{comment.id}/reject", headers=tokens["nguoi1"])
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/unapprove", headers=tokens["nguoi2"])
    assert r.status_code == 409
    at = clock(audit_log(AuditQuery(comment_id=comment.id))[0][0].created_at)
    assert r.get_json() == {"error": {"code": "conflict", "fields": {},
                                      "message": f"nguoi1 đã từ chối bình luận này lúc {at}."}}


def test_409_without_a_moderator_names_the_state_only(client, tokens, make_comment):
    comment = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/unapprove", headers=tokens["nguoi2"])
    assert r.status_code == 409
    assert r.get_json()["error"]["message"] == "Bình luận này đang ở trạng thái “chờ duyệt”."


def test_a_repeat_still_answers_200_with_decided_by(client, tokens, make_comment):
    comment = make_comment()
    client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=tokens["nguoi1"])
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=tokens["nguoi2"])
    assert r.status_code == 200
    body = r.get_json()
    assert {key: body[key] for key in ("id", "status", "changed", "decided_by")} == {
        "id": comment.id, "status": "approved", "changed": False, "decided_by": "nguoi1"}
    assert db.session.get(Comment, comment.id).status == Status.APPROVED
