"""The reported tab can be emptied: "keep" dismisses a comment's open reports (audited, the reports
kept as history), a rejected comment leaves the tab, and the most reported come first."""
from moderation.extensions import db
from moderation.models import Action, Comment, Report, Status
from moderation.services.audit import AuditQuery, audit_log
from moderation.services.decisions import keep, transition
from moderation.services.undo import undo_last
from moderation.services.queue import QueueQuery, list_comments, queue_page, report_reasons, tab_totals
from moderation.services.threads import report_comment
from tests.moderators import moderator  # noqa: F401 (fixture)


def _reported(make_comment, reports=1, **fields):
    comment = make_comment(status="approved", **fields)
    for n in range(reports):
        report_comment(comment.id, f"lý do {n}", f"ip-report-{comment.id}-{n}")
    return comment


def _tab(tab="reported"):
    return [c.id for c in list_comments(QueueQuery.parse(tab=tab), limit=100)[0]]


def test_keep_takes_the_comment_out_of_the_reported_tab(moderator, make_comment):
    comment = _reported(make_comment, reports=2)
    answer = moderator.act(f"/moderation/comments/{comment.id}/keep", expected_status="approved").get_json()
    assert answer["changed"] is True and answer["message"] == f"Đã giữ bình luận #{comment.id} (bỏ qua báo cáo)."
    assert _tab() == [] and tab_totals(QueueQuery.parse(tab="reported"))["reported"] == 0


def test_keep_is_audited_and_the_reports_stay_as_history(moderator, make_comment):
    comment = _reported(make_comment, reports=2)
    moderator.act(f"/moderation/comments/{comment.id}/keep")
    entry = audit_log(AuditQuery(comment_id=comment.id))[0][0]
    assert (entry.action, entry.moderator_id) == (Action.KEEP, moderator.moderator.id)
    reports = db.session.query(Report).filter_by(comment_id=comment.id).all()
    assert len(reports) == 2 and all(r.dismissed_at is not None for r in reports)
    assert sorted(entry.details["reports"]) == sorted(r.id for r in reports)


def test_a_new_report_after_keep_brings_the_comment_back(make_comment):
    comment = _reported(make_comment)
    keep(comment.id, moderator_id=None)
    report_comment(comment.id, "vẫn xúc phạm", "ip-late")
    assert _tab() == [comment.id]
    assert report_reasons([db.session.get(Comment, comment.id)]) == {comment.id: ["vẫn xúc phạm"]}


def test_undo_of_keep_reopens_the_same_reports(moderator, make_comment):
    comment = _reported(make_comment, reports=3)
    moderator.act(f"/moderation/comments/{comment.id}/keep")
    undo_last(moderator.moderator.id)
    assert _tab() == [comment.id] and db.session.get(Comment, comment.id).report_count == 3


def test_a_rejected_comment_leaves_the_reported_tab(make_comment):
    comment = _reported(make_comment)
    transition(comment.id, "reject")
    assert _tab() == [] and tab_totals(QueueQuery.parse(tab="reported"))["reported"] == 0


def test_the_reported_tab_lists_the_most_reported_first_across_pages(make_comment):
    once, thrice, twice = (_reported(make_comment, reports=n) for n in (1, 3, 2))
    seen, cursor = [], None
    while True:
        page, cursor = list_comments(QueueQuery.parse(tab="reported"), limit=1, cursor=cursor)
        seen += [c.id for c in page]
        if cursor is None:
            break
    assert seen == [thrice.id, twice.id, once.id]


def test_the_reported_total_and_listing_share_one_predicate(make_comment):
    shown = _reported(make_comment)
    transition(_reported(make_comment).id, "reject")
    kept = _reported(make_comment)
    keep(kept.id, moderator_id=None)
    query = QueueQuery.parse(tab="reported")
    assert tab_totals(query)["reported"] == len(_tab()) == 1 and _tab() == [shown.id]
    assert tab_totals(query, queue_page(query)) == tab_totals(query)


def test_report_reasons_are_at_most_five_of_the_latest(make_comment):
    comment = _reported(make_comment, reports=7)
    assert report_reasons([db.session.get(Comment, comment.id)]) == {
        comment.id: ["lý do 6", "lý do 5", "lý do 4", "lý do 3", "lý do 2"]}


def test_the_row_of_a_reported_comment_offers_keep(client, moderator, make_comment):
    comment = _reported(make_comment)
    html = moderator.get("/moderation/?tab=reported").get_data(as_text=True)
    assert f'action="/moderation/comments/{comment.id}/keep"' in html
    assert "Giữ bình luận (bỏ qua báo cáo)" in html


def test_the_api_dismisses_reports_with_the_decision_shape(client, moderator_token, make_comment):
    comment = _reported(make_comment, reports=2)
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/dismiss-reports", headers=moderator_token)
    assert r.status_code == 200
    assert r.get_json() == {"id": comment.id, "status": "approved", "changed": True, "status_label": "Đã duyệt",
                            "message": f"Đã giữ bình luận #{comment.id} (bỏ qua báo cáo)."}
    again = client.post(f"/api/v1/moderation/comments/{comment.id}/dismiss-reports", headers=moderator_token)
    assert again.status_code == 200 and again.get_json()["changed"] is False
    listed = client.get("/api/v1/moderation/comments?status=reported", headers=moderator_token).get_json()
    assert listed["comments"] == []


def test_dismiss_reports_with_a_stale_status_is_a_409(client, moderator_token, make_comment):
    comment = _reported(make_comment)
    r = client.post(f"/api/v1/moderation/comments/{comment.id}/dismiss-reports", headers=moderator_token,
                    json={"expected_status": "pending"})
    assert r.status_code == 409 and db.session.get(Comment, comment.id).report_count == 1


def test_dismiss_reports_on_a_missing_comment_is_a_404(client, moderator_token):
    r = client.post("/api/v1/moderation/comments/999/dismiss-reports", headers=moderator_token)
    assert r.status_code == 404
