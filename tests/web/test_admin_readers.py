"""The admin page for readers' data requests: the same service as ``flask readers``."""
import json

import pytest
from sqlalchemy import select

from moderation.core.states import Action
from moderation.extensions import db
from moderation.models import AuditEntry, Comment, Status
from tests.moderators import admin, signed_in  # noqa: F401 (admin fixture)
from tests.factories import make_site

PAGE = "/moderation/admin/readers"
EMAIL = "an@example.vn"


@pytest.fixture
def comment(make_comment):
    return make_comment("bai-1", status=Status.APPROVED, author="Nguyễn Văn An", email=EMAIL, body="Ý kiến của An")


def test_a_moderator_gets_403(client):
    signed_in(client, "bientap", "moderator")
    assert client.get(PAGE).status_code == 403


def test_export_downloads_the_readers_comments_as_json(admin, comment):
    response = admin.post(PAGE, {"email": EMAIL, "action": "export"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert [c["text"] for c in json.loads(response.get_data(as_text=True))["comments"]] == ["Ý kiến của An"]


@pytest.mark.parametrize("action, author, text", [("anonymize", "Bạn đọc", "Ý kiến của An"),
                                                   ("delete", "Bạn đọc", "Bình luận đã bị xóa")])
def test_erase_acts_and_is_audited_under_the_admins_name(admin, comment, action, author, text):
    response = admin.post(PAGE, {"email": EMAIL, "action": action})
    assert response.status_code == 303
    stored = db.session.get(Comment, comment.id)
    db.session.refresh(stored)
    assert (stored.author, stored.body_text, stored.email) == (author, text, None)
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == Action.READER_ERASE)).scalar_one()
    assert entry.moderator_id == admin.moderator.id


def test_an_invalid_email_is_shown_on_the_form(admin):
    response = admin.post(PAGE, {"email": "khong-phai-email", "action": "export"})
    assert response.status_code == 400 and "Địa chỉ email không hợp lệ" in response.get_data(as_text=True)


def test_the_request_acts_on_the_chosen_site_only(admin, comment, make_comment):
    other = make_site()
    theirs = make_comment("bai-1", status=Status.APPROVED, email=EMAIL, body="Ở trường B", site_id=other.id)
    assert "Trường B" in admin.get(PAGE).get_data(as_text=True)
    assert admin.post(PAGE, {"email": EMAIL, "action": "anonymize", "site": "truong-b"}).status_code == 303
    db.session.expire_all()
    assert db.session.get(Comment, theirs.id).email is None and db.session.get(Comment, comment.id).email == EMAIL


def test_a_site_not_offered_is_refused(admin, comment):
    response = admin.post(PAGE, {"email": EMAIL, "action": "anonymize", "site": "khong-co"})
    assert response.status_code == 400
    assert "Vui lòng chọn một mục trong danh sách." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).email == EMAIL


def test_a_bad_action_is_refused_in_vietnamese(admin, comment):
    html = admin.post(PAGE, {"email": EMAIL, "action": "xoa-het"}).get_data(as_text=True)
    assert "Vui lòng chọn một mục trong danh sách." in html and "Not a valid choice" not in html
