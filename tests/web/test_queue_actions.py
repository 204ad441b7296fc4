"""Queue actions through HTTP: approve, reject with a reason, edit then approve, ban, bulk, undo; form and JSON."""
from moderation.core.states import Target
from moderation.services.audit import AuditQuery, audit_log
from moderation.services.bans import is_banned
from moderation.extensions import db
from moderation.models import Action, Article, Comment, Status, utcnow
from moderation.services.decisions import transition
from tests.moderators import moderator, signed_in  # noqa: F401 (fixtures)

COMMENTS = AuditQuery(target=Target.COMMENT)


def _comment(comment_id):
    comment = db.session.get(Comment, comment_id)
    db.session.refresh(comment)
    return comment


def _count(article_id="bai-viet-1"):
    article = db.session.get(Article, (1, article_id))
    db.session.refresh(article)
    return article.approved_count


def test_approve_by_form_redirects_back_with_a_message(client, moderator, make_comment):
    comment = make_comment()
    response = moderator.post(f"/moderation/comments/{comment.id}/approve", {"next": "/moderation/?tab=all"})
    assert response.status_code == 303 and response.headers["Location"] == "/moderation/?tab=all"
    assert "Đã duyệt bình luận" in client.get("/moderation/?tab=all").get_data(as_text=True)
    assert _comment(comment.id).status == Status.APPROVED and _count() == 1


def test_a_hostile_next_is_ignored_after_an_action(client, moderator, make_comment):
    comment = make_comment()
    response = moderator.post(f"/moderation/comments/{comment.id}/approve", {"next": "//evil.example/"})
    assert response.headers["Location"] == "/moderation/"


def test_approve_by_script_answers_json_and_a_repeat_changes_nothing(moderator, make_comment):
    comment = make_comment()
    first = moderator.act(f"/moderation/comments/{comment.id}/approve").get_json()
    again = moderator.act(f"/moderation/comments/{comment.id}/approve").get_json()
    assert first["changed"] is True and first["status"] == "approved"
    assert again["changed"] is False and again["decided_by"] == "bientap"
    assert _count() == 1


def test_the_second_moderator_is_told_who_acted_first(app, client, make_comment):
    comment = make_comment()
    first = signed_in(app.test_client(), "nguoi1")
    second = signed_in(app.test_client(), "nguoi2")
    first.act(f"/moderation/comments/{comment.id}/reject")
    late = second.act(f"/moderation/comments/{comment.id}/reject").get_json()
    assert late["changed"] is False and "nguoi1 đã từ chối bình luận này" in late["message"]
    conflict = second.act(f"/moderation/comments/{comment.id}/unapprove")
    assert conflict.status_code == 409 and "nguoi1" in conflict.get_json()["error"]["message"]


def test_reject_stores_the_chosen_reason_or_the_free_text(moderator, make_comment):
    listed, free = make_comment(), make_comment()
    moderator.act(f"/moderation/comments/{listed.id}/reject", reason_code="spam")
    moderator.act(f"/moderation/comments/{free.id}/reject", reason_code="other", reason_text="Lạc đề hoàn toàn")
    reasons = {e.comment_id: e.reason for e in audit_log(COMMENTS)[0]}
    assert reasons == {listed.id: "Spam, quảng cáo", free.id: "Lạc đề hoàn toàn"}


def test_a_listed_reason_is_stored_in_vietnamese_whatever_the_ui_language(moderator, make_comment):
    comment = make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/reject?lang=en", reason_code="spam")
    assert audit_log(COMMENTS)[0][0].reason == "Spam, quảng cáo"


def test_edit_then_approve_keeps_the_old_text_in_history(moderator, make_comment):
    comment = make_comment(body="Viết sai chính tả <b>nhiều</b>")
    answer = moderator.act(f"/moderation/comments/{comment.id}/edit", body="Viết đúng chính tả\n\nhttp://a.vn").get_json()
    assert answer["changed"] is True and answer["status"] == "approved"
    edited = _comment(comment.id)
    assert edited.body_text == "Viết đúng chính tả\n\nhttp://a.vn"
    assert edited.body_html.startswith("<p>Viết đúng chính tả</p><p><a href=\"http://a.vn\"")
    entry = audit_log(AuditQuery(comment_id=comment.id))[0][0]
    assert entry.action == Action.EDIT and entry.from_status == Status.PENDING and entry.to_status == Status.APPROVED
    assert entry.details["old_text"] == "Viết sai chính tả <b>nhiều</b>"
    assert _count() == 1


def test_editing_an_approved_comment_keeps_it_approved_and_the_count(moderator, make_comment):
    comment = make_comment(status="approved")
    moderator.act(f"/moderation/comments/{comment.id}/edit", body="Đã sửa")
    assert _comment(comment.id).body_text == "Đã sửa" and _count() == 1


def test_an_empty_edit_is_refused(moderator, make_comment):
    comment = make_comment()
    response = moderator.act(f"/moderation/comments/{comment.id}/edit", body="   ")
    assert response.status_code == 400 and _comment(comment.id).status == Status.PENDING


def test_bulk_approve_and_reject(moderator, make_comment):
    a, b, c = make_comment(), make_comment(), make_comment(status="approved")
    body = moderator.client.post("/moderation/bulk", data={"csrf_token": moderator.token, "ids": [a.id, b.id, c.id],
                                                            "action": "approve"},
                                 headers={"Accept": "application/json"}).get_json()
    assert [(r["id"], r["changed"]) for r in body["results"]] == [(a.id, True), (b.id, True), (c.id, False)]
    assert _count() == 3
    response = moderator.post("/moderation/bulk", {"ids": [a.id, b.id], "action": "reject", "reason_code": "spam"})
    assert response.status_code == 303
    assert {_comment(a.id).status, _comment(b.id).status} == {Status.REJECTED} and _count() == 1


def test_bulk_with_no_selection_is_refused(moderator):
    assert moderator.act("/moderation/bulk", action="approve").status_code == 400


def test_undo_reverts_the_last_action_and_logs_it(moderator, make_comment):
    comment = make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/approve")
    answer = moderator.act("/moderation/undo").get_json()
    assert answer == {**answer, "id": comment.id, "status": "pending", "changed": True}
    assert _count() == 0
    entry = audit_log(AuditQuery(comment_id=comment.id))[0][0]
    assert entry.action == Action.UNDO and entry.from_status == Status.APPROVED and entry.to_status == Status.PENDING


def test_undo_walks_back_one_decision_at_a_time(moderator, make_comment):
    first, second = make_comment(), make_comment()
    moderator.act(f"/moderation/comments/{first.id}/approve")
    moderator.act(f"/moderation/comments/{second.id}/reject")
    assert moderator.act("/moderation/undo").get_json()["id"] == second.id
    assert moderator.act("/moderation/undo").get_json()["id"] == first.id
    assert moderator.act("/moderation/undo").status_code == 404


def test_undo_of_an_edit_restores_the_text(moderator, make_comment):
    comment = make_comment(body="Bản gốc")
    moderator.act(f"/moderation/comments/{comment.id}/edit", body="Bản sửa")
    moderator.act("/moderation/undo")
    restored = _comment(comment.id)
    assert restored.body_text == "Bản gốc" and restored.status == Status.PENDING and "Bản gốc" in restored.body_html


def test_undo_does_not_override_a_later_decision_by_someone_else(app, moderator, make_comment):
    comment = make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/approve")
    other = signed_in(app.test_client(), "nguoi2")
    transition(comment.id, "reject", moderator_id=other.moderator.id)
    answer = moderator.act("/moderation/undo").get_json()
    assert answer["changed"] is False and _comment(comment.id).status == Status.REJECTED


def test_undo_does_not_override_a_later_decision_that_left_the_same_status(app, moderator, make_comment):
    comment = make_comment()
    moderator.act(f"/moderation/comments/{comment.id}/approve")
    other = signed_in(app.test_client(), "nguoi2")
    transition(comment.id, "unapprove", moderator_id=other.moderator.id)
    transition(comment.id, "approve", moderator_id=other.moderator.id)
    answer = moderator.act("/moderation/undo").get_json()
    assert answer["changed"] is False and "nguoi2" in answer["message"]
    assert _comment(comment.id).status == Status.APPROVED


def test_ban_rejects_and_bans_the_submitter(moderator, make_comment):
    comment = make_comment(email="spam@example.vn", ip_hash="ip-spam")
    answer = moderator.act(f"/moderation/comments/{comment.id}/ban", reason="Quảng cáo", days="7",
                          by_email="y", by_ip="y").get_json()
    assert answer["status"] == "rejected"
    # A moderator bans on the comment's site (the default one here), where its readers post.
    assert is_banned("spam@example.vn", "ip-other", utcnow(), 1) and is_banned(None, "ip-spam", utcnow(), 1)


def test_actions_on_a_missing_comment_are_404(moderator):
    assert moderator.act("/moderation/comments/999/approve").status_code == 404
    response = moderator.post("/moderation/comments/999/approve")
    assert response.status_code == 303
    assert "Không tìm thấy nội dung yêu cầu." in moderator.get(response.headers["Location"]).get_data(as_text=True)
