"""A page loaded before a colleague acted never overrides them: ``expected_status`` and the 409
that names who acted and when, one sentence for the token API and the queue alike."""
import pytest

from moderation.extensions import db
from moderation.messages import clock
from moderation.models import AuditEntry, Comment, Status
from moderation.services.audit import AuditQuery, audit_log
from moderation.services.decisions import transition
from tests.moderators import signed_in

ACTIONS = [("approve", "rejected"), ("reject", "approved"), ("unapprove", "rejected")]


def _status(comment_id):
    comment = db.session.get(Comment, comment_id)
    db.session.refresh(comment)
    return comment.status


def _audit_rows(comment_id):
    return db.session.query(AuditEntry).filter_by(comment_id=comment_id).count()


def _decided_at(comment_id):
    return clock(audit_log(AuditQuery(comment_id=comment_id))[0][0].created_at)


@pytest.fixture
def colleague(app):
    """A moderator who acted first, through the same service the queue calls."""
    from moderation.services.accounts import create_moderator
    return create_moderator("admin", "mat-khau-dai", "admin", actor=None)


def test_the_api_refuses_a_stale_approve_with_409_naming_who_and_when(client, moderator_token, colleague,
                                                                      make_comment):
    comment = make_comment()
    transition(comment.id, "approve", moderator_id=colleague.id)
    rows = _audit_rows(comment.id)
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/reject", headers=moderator_token,
                    json={"expected_status": "pending"})
    assert r.status_code == 409
    assert r.get_json() == {"error": {"code": "conflict", "fields": {},
                                      "message": f"admin đã duyệt bình luận này lúc {_decided_at(comment.id)}."}}
    assert _status(comment.id) == Status.APPROVED and _audit_rows(comment.id) == rows


@pytest.mark.parametrize("action, seen", ACTIONS)
def test_an_expected_status_the_comment_no_longer_has_changes_nothing(client, moderator_token, make_comment,
                                                                     action, seen):
    comment = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/{action}", headers=moderator_token,
                    json={"expected_status": seen})
    assert r.status_code == 409 and _status(comment.id) == Status.PENDING


def test_a_matching_expected_status_decides(client, moderator_token, make_comment):
    comment = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=moderator_token,
                    json={"expected_status": "pending", "reason": "ổn"})
    assert r.status_code == 200 and r.get_json()["changed"] is True


@pytest.mark.parametrize("body", [{"expected_status": "done"}, {"expected_status": 3}])
def test_a_bad_expected_status_is_a_400(client, moderator_token, make_comment, body):
    comment = make_comment()
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=moderator_token, json=body)
    assert r.status_code == 400 and "expected_status" in r.get_json()["error"]["fields"]


def test_the_system_is_named_when_it_made_the_state(client, moderator_token, make_comment):
    comment = make_comment(status="approved")  # the factory approves with no moderator: the system
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/reject", headers=moderator_token,
                    json={"expected_status": "pending"})
    assert r.get_json()["error"]["message"] == f"Hệ thống đã duyệt bình luận này lúc {_decided_at(comment.id)}."


def test_the_queue_refuses_a_stale_key_press_with_the_same_sentence(app, client, colleague, make_comment):
    comment = make_comment()
    transition(comment.id, "approve", moderator_id=colleague.id)
    late = signed_in(client, "bientap")
    r = late.act(f"/moderation/comments/{comment.id}/reject", expected_status="pending", reason_code="spam")
    assert r.status_code == 409
    assert r.get_json()["error"]["message"] == f"admin đã duyệt bình luận này lúc {_decided_at(comment.id)}."
    assert _status(comment.id) == Status.APPROVED


def test_a_stale_form_post_flashes_who_acted(app, client, colleague, make_comment):
    comment = make_comment()
    transition(comment.id, "reject", moderator_id=colleague.id)
    late = signed_in(client, "bientap")
    response = late.post(f"/moderation/comments/{comment.id}/approve", {"expected_status": "pending"})
    assert response.status_code == 303
    html = late.get(response.headers["Location"]).get_data(as_text=True)
    assert f"admin đã từ chối bình luận này lúc {_decided_at(comment.id)}." in html
    assert _status(comment.id) == Status.REJECTED


def test_the_queue_sends_the_status_each_row_shows(client, make_comment):
    comment = make_comment()
    html = signed_in(client, "bientap").get("/moderation/").get_data(as_text=True)
    assert html.count('name="expected_status" value="pending"') >= 3
    assert f'name="ids" value="{comment.id}:pending"' in html


def test_a_stale_row_in_a_bulk_action_is_left_alone(app, client, colleague, make_comment):
    stale, fresh = make_comment(), make_comment()
    transition(stale.id, "approve", moderator_id=colleague.id)
    late = signed_in(client, "bientap")
    body = late.client.post("/moderation/bulk", data={"csrf_token": late.token, "action": "reject",
                                                      "ids": [f"{stale.id}:pending", f"{fresh.id}:pending"]},
                            headers={"Accept": "application/json"}).get_json()
    assert [(r["id"], r["changed"], r["error"]) for r in body["results"]] == [
        (stale.id, False, "conflict"), (fresh.id, True, None)]
    assert _status(stale.id) == Status.APPROVED and _status(fresh.id) == Status.REJECTED


def test_an_unchanged_repeat_says_who_and_when_in_both_shapes(app, client, moderator_token, colleague,
                                                              make_comment):
    comment = make_comment()
    transition(comment.id, "approve", moderator_id=colleague.id)
    api = client.post(f"/api/v1/moderation/comments/{comment.id}/approve", headers=moderator_token).get_json()
    web = signed_in(app.test_client(), "nguoi2").act(f"/moderation/comments/{comment.id}/approve").get_json()
    assert api == web
    assert api["decided_by"] == "admin" and api["changed"] is False
    assert api["message"] == f"admin đã duyệt bình luận này lúc {_decided_at(comment.id)}."
