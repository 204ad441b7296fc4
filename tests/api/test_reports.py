"""POST /api/v1/comments/<id>/reports: a reader flags an approved comment for the moderators."""
import pytest

from moderation.http.clientip import hash_ip
from moderation.extensions import db
from moderation.models import Comment, Report


def report(client, comment_id, ip="198.51.100.3", **kwargs):
    if "data" not in kwargs:
        kwargs.setdefault("json", {"reason": "Xúc phạm người khác"})
    return client.post(f"/api/v1/comments/{comment_id}/reports", environ_base={"REMOTE_ADDR": ip}, **kwargs)


def test_a_reader_can_report_an_approved_comment(client, make_comment):
    comment = make_comment(status="approved")
    r = report(client, comment.id)
    assert r.status_code == 202
    assert r.get_json() == {"message": "Cảm ơn bạn, chúng tôi đã nhận được báo cáo."}
    assert db.session.get(Comment, comment.id).report_count == 1
    assert db.session.query(Report).one().reason == "Xúc phạm người khác"


@pytest.mark.parametrize("kwargs", [{"json": {}}, {"data": b""}, {"data": {"reason": ""}}])
def test_the_reason_is_optional(client, make_comment, kwargs):
    comment = make_comment(status="approved")
    assert report(client, comment.id, **kwargs).status_code == 202


def test_the_same_reader_reporting_twice_counts_once(client, make_comment):
    comment = make_comment(status="approved")
    assert [report(client, comment.id).status_code for _ in range(2)] == [202, 202]
    assert db.session.get(Comment, comment.id).report_count == 1


def test_two_readers_count_twice(client, make_comment):
    comment = make_comment(status="approved")
    report(client, comment.id, ip="198.51.100.3")
    report(client, comment.id, ip="198.51.100.4")
    assert db.session.get(Comment, comment.id).report_count == 2


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_comment_readers_cannot_see_cannot_be_reported(client, make_comment, status):
    comment = make_comment(status=status)
    assert report(client, comment.id).status_code == 404


def test_an_unknown_comment_gets_404(client):
    assert report(client, 987654).status_code == 404


@pytest.mark.parametrize("reason, status", [("x" * 501, 400), (["x"], 400), (5, 400)])
def test_a_bad_reason_gets_400(client, make_comment, reason, status):
    comment = make_comment(status="approved")
    r = report(client, comment.id, json={"reason": reason})
    assert r.status_code == status
    assert "reason" in r.get_json()["error"]["fields"]


def test_the_reporters_address_is_stored_only_as_a_hash(app, client, make_comment):
    comment = make_comment(status="approved")
    report(client, comment.id, ip="203.0.113.77")
    assert db.session.query(Report).one().ip_hash == hash_ip("203.0.113.77", app.config["SECRET_KEY"])


def test_another_content_type_gets_415(client, make_comment):
    comment = make_comment(status="approved")
    assert report(client, comment.id, data="spam", content_type="text/plain").status_code == 415
