"""flask readers export / erase: a reader's data request, counts fixed, audited by a keyed hash."""
import json

import pytest
from sqlalchemy import select

from moderation.core.emails import hash_email
from moderation.core.states import Action
from moderation.extensions import db
from moderation.models import AuditEntry, Comment, Status
from moderation.services.decisions import edit_and_approve
from tests.cli.imports_helpers import counts, counts_are_exact, public_thread

EMAIL = "an@example.vn"


@pytest.fixture
def reader(make_comment):
    """An's approved comment with a reply, An's lone approved one, someone else's, An's pending one."""
    top = make_comment("bai-1", status=Status.APPROVED, author="Nguyễn Văn An", email=EMAIL, body="Ý kiến có trả lời")
    make_comment("bai-1", status=Status.APPROVED, parent_id=top.id, author="Trần Thị Bình", email="binh@example.vn")
    lone = make_comment("bai-1", status=Status.APPROVED, author="Nguyễn Văn An", email="An@Example.vn", body="Ý kiến lẻ")
    make_comment("bai-2", status=Status.PENDING, author="Nguyễn Văn An", email=EMAIL)
    return top, lone


def _comments(email):
    return db.session.execute(select(Comment).where(Comment.email == email)).scalars().all()


def test_export_prints_every_comment_sent_with_that_email(runner, reader):
    result = runner.invoke(args=["readers", "export", "AN@example.vn"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert [c["text"] for c in document["comments"]][:2] == ["Ý kiến có trả lời", "Ý kiến lẻ"]
    assert len(document["comments"]) == 3


@pytest.mark.parametrize("command", [["export", EMAIL], ["erase", EMAIL, "--anonymize"], ["erase", EMAIL, "--delete"]])
def test_each_request_is_audited_with_the_email_only_as_a_keyed_hash(runner, reader, app, command):
    assert runner.invoke(args=["readers", *command]).exit_code == 0
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action.in_(
        [Action.READER_EXPORT, Action.READER_ERASE]))).scalar_one()
    assert entry.target_id == hash_email(EMAIL, app.config["SECRET_KEY"])
    assert EMAIL not in json.dumps(entry.details) and EMAIL not in (entry.reason or "")


def test_anonymize_keeps_the_text_and_clears_name_email_and_address(runner, reader, client):
    top, _ = reader
    assert runner.invoke(args=["readers", "erase", EMAIL, "--anonymize"]).exit_code == 0
    comment = db.session.get(Comment, top.id)
    assert (comment.author, comment.email, comment.ip_hash, comment.body_text) == ("Bạn đọc", None, "", "Ý kiến có trả lời")
    assert counts(client, "bai-1")["counts"] == {"bai-1": 3}


def test_delete_keeps_a_replied_comment_as_a_placeholder_and_fixes_the_counts(runner, reader, client):
    assert runner.invoke(args=["readers", "erase", EMAIL, "--delete"]).exit_code == 0
    assert _comments(EMAIL) == []
    assert public_thread(client, "bai-1") == [("Bạn đọc", ["Trần Thị Bình"])]
    body = client.get("/api/v1/articles/bai-1/comments").get_json()["comments"][0]["body_html"]
    assert "Bình luận đã bị xóa" in body
    assert counts(client, "bai-1")["counts"] == {"bai-1": 2} and counts_are_exact()


def test_delete_removes_the_text_everywhere_including_the_edit_history(runner, make_comment):
    comment = make_comment("bai-1", author="An", email=EMAIL, body="Văn bản riêng tư")
    edit_and_approve(comment.id, "Văn bản đã sửa", moderator_id=None)
    assert runner.invoke(args=["readers", "erase", EMAIL, "--delete"]).exit_code == 0
    stored = json.dumps([e.details for e in db.session.execute(select(AuditEntry)).scalars()], ensure_ascii=False)
    texts = [c.body_text + c.search_text for c in db.session.execute(select(Comment)).scalars()]
    assert "riêng tư" not in stored and "đã sửa" not in stored and not any("rieng tu" in t for t in texts)


def test_erase_needs_a_mode(runner, reader):
    result = runner.invoke(args=["readers", "erase", EMAIL])
    assert result.exit_code != 0 and "ẩn danh" in result.output
    assert len(_comments(EMAIL)) == 3


def test_an_invalid_email_is_refused_in_vietnamese(runner):
    result = runner.invoke(args=["readers", "export", "khong-phai-email"])
    assert result.exit_code != 0 and "Địa chỉ email không hợp lệ" in result.output


def test_deleting_a_readers_reply_fixes_its_parents_reply_count(runner):
    from tests.cli.imports_helpers import FIXTURES, reply_counts_are_exact
    assert runner.invoke(args=["import", "disqus", str(FIXTURES / "disqus.xml")]).exit_code == 0
    top = db.session.execute(select(Comment).where(Comment.author == "Nguyễn Văn An")).scalar_one()
    assert top.reply_count == 2
    assert runner.invoke(args=["readers", "erase", "binh@example.vn", "--delete"]).exit_code == 0
    db.session.refresh(top)
    assert top.reply_count == 1 and reply_counts_are_exact()
