"""The queue's picks and newsroom replies over HTTP: form posts and queue.js's JSON, the row's
marks (likes, pick, newsroom badge) and the featured filter."""
from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.picks import feature
from tests.moderators import moderator  # noqa: F401 (fixture)


def _comment(comment_id):
    comment = db.session.get(Comment, comment_id)
    db.session.refresh(comment)
    return comment


def test_feature_by_script_approves_and_answers_the_pick(moderator, make_comment):
    comment = make_comment()
    body = moderator.act(f"/moderation/comments/{comment.id}/feature", expected_status="pending").get_json()
    assert (body["status"], body["featured"], body["changed"]) == ("approved", True, True)
    assert "Đã duyệt và chọn bình luận" in body["message"]
    body = moderator.act(f"/moderation/comments/{comment.id}/unfeature", expected_status="approved").get_json()
    assert (body["status"], body["featured"]) == ("approved", False)


def test_feature_by_form_redirects_back(client, moderator, make_comment):
    comment = make_comment(status="approved")
    r = moderator.post(f"/moderation/comments/{comment.id}/feature", {"next": "/moderation/?tab=approved"})
    assert r.status_code == 303 and r.headers["Location"] == "/moderation/?tab=approved"
    assert _comment(comment.id).featured_at is not None


def test_a_rejected_comment_is_refused_in_json(moderator, make_comment):
    comment = make_comment(status="rejected")
    r = moderator.act(f"/moderation/comments/{comment.id}/feature")
    assert r.status_code == 409 and "Hãy duyệt bình luận trước" in r.get_json()["error"]["message"]


def test_a_reply_from_the_queue_publishes_the_held_comment_with_it(moderator, make_comment):
    held = make_comment()
    body = moderator.act(f"/moderation/comments/{held.id}/reply", body="Cảm ơn bạn, tòa soạn đã ghi nhận.",
                         expected_status="pending").get_json()
    assert (body["id"], body["status"], body["changed"]) == (held.id, "approved", True)
    assert body["reply"]["staff"] == {"badge": "Tòa soạn"} and body["reply"]["author"] == "bientap"
    assert _comment(held.id).reply_count == 1


def test_an_empty_reply_is_refused_naming_the_field(moderator, make_comment):
    comment = make_comment(status="approved")
    r = moderator.act(f"/moderation/comments/{comment.id}/reply", body="  ")
    assert r.status_code == 400 and "body" in r.get_json()["error"]["fields"]


def test_rows_show_likes_picks_and_the_newsroom_badge(client, moderator, make_comment):
    picked = make_comment(status="approved")
    db.session.execute(db.update(Comment).where(Comment.id == picked.id).values(likes=1200))
    db.session.commit()
    feature(picked.id, moderator_id=moderator.moderator.id)
    moderator.act(f"/moderation/comments/{picked.id}/reply", body="Cảm ơn.")
    html = moderator.get("/moderation/?tab=approved").get_data(as_text=True)
    assert "1.200 lượt thích" in html
    assert f'data-id="{picked.id}" data-status="approved" data-featured="1"' in html
    assert "Trả lời của Tòa soạn (Tòa soạn)" in html
    assert "Trả lời với tư cách Tòa soạn" in html and "<kbd>f</kbd>" in html


def test_the_featured_filter_lists_only_picks(moderator, make_comment):
    picked, plain = make_comment(status="approved"), make_comment(status="approved")
    feature(picked.id, moderator_id=moderator.moderator.id)
    html = moderator.get("/moderation/?tab=approved&featured=1").get_data(as_text=True)
    assert f'id="c{picked.id}"' in html and f'id="c{plain.id}"' not in html
    assert _comment(plain.id).status == Status.APPROVED
