"""Newsroom replies: approved at once, signed with the display name and the site's badge,
through readers' text pipeline, counted and audited; a held comment answered is published."""
import pytest

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Action, Article, AuditEntry, Comment, Status
from moderation.services.accounts import create_moderator, set_display_name
from moderation.services.newsroom import reply_as_newsroom
from moderation.services.settings import update_site_defaults
from moderation.services.sites import update_site
from tests.factories import make_site


@pytest.fixture
def editor(app):
    return create_moderator("bientap", "mat-khau-dai", "moderator", actor=None, display_name="Minh Anh")


def _count(comment):
    return db.session.get(Article, (comment.site_id, comment.article_id)).approved_count


def test_a_reply_is_approved_signed_and_badged(editor, make_comment):
    parent = make_comment(status="approved")
    result = reply_as_newsroom(parent.id, "Cảm ơn bạn đã góp ý.", moderator_id=editor.id)
    reply = result.reply
    assert result.created and reply.status == Status.APPROVED and reply.parent_id == parent.id
    assert (reply.author, reply.staff_id, reply.staff_badge) == ("Minh Anh", editor.id, "Tòa soạn")
    assert db.session.get(Comment, parent.id).reply_count == 1
    assert _count(parent) == 2
    entry = db.session.query(AuditEntry).filter_by(comment_id=reply.id).one()
    assert (entry.action, entry.to_status, entry.details["parent_id"]) == (Action.NEWSROOM_REPLY, Status.APPROVED,
                                                                           parent.id)


def test_without_a_display_name_the_username_signs(app, make_comment):
    plain = create_moderator("tongbientap", "mat-khau-dai", "moderator", actor=None)
    parent = make_comment(status="approved")
    assert reply_as_newsroom(parent.id, "Xin cảm ơn.", moderator_id=plain.id).reply.author == "tongbientap"


def test_a_changed_display_name_signs_the_next_reply(editor, make_comment):
    parent = make_comment(status="approved")
    set_display_name(editor, "  Ban Thời sự ", actor=None)
    assert reply_as_newsroom(parent.id, "Chúng tôi đã cập nhật bài.", moderator_id=editor.id).reply.author == "Ban Thời sự"


def test_the_sites_badge_is_used(editor, make_comment):
    update_site_defaults(actor=None, staff_badge="Ban biên tập")
    parent = make_comment(status="approved")
    assert reply_as_newsroom(parent.id, "Cảm ơn.", moderator_id=editor.id).reply.staff_badge == "Ban biên tập"
    other = make_site("truong-a")
    update_site("truong-a", actor=None, default_origins=[], staff_badge="Nhà trường")
    admin = create_moderator("quantri", "mat-khau-dai", "admin", actor=None)
    there = make_comment(site_id=other.id, status="approved")
    assert reply_as_newsroom(there.id, "Cảm ơn.", moderator_id=admin.id).reply.staff_badge == "Nhà trường"


def test_the_text_goes_through_the_readers_pipeline(editor, make_comment):
    parent = make_comment(status="approved")
    reply = reply_as_newsroom(parent.id, "Xem <script>x()</script> https://news.example.vn/a\u200b\r\n",
                              moderator_id=editor.id).reply
    assert "<script>" not in reply.body_html and "&lt;script&gt;" in reply.body_html
    assert 'rel="nofollow ugc noopener noreferrer"' in reply.body_html
    assert reply.body_text == "Xem <script>x()</script> https://news.example.vn/a"


@pytest.mark.parametrize("body", ["", "   ", "x" * 3001])
def test_an_empty_or_too_long_reply_is_refused(editor, make_comment, body):
    parent = make_comment(status="approved")
    with pytest.raises(ServiceError) as refused:
        reply_as_newsroom(parent.id, body, moderator_id=editor.id)
    assert refused.value.status == 400 and "body" in refused.value.fields
    assert db.session.get(Comment, parent.id).reply_count == 0


def test_answering_a_reply_hangs_under_the_top_level_comment(editor, make_comment):
    top = make_comment(status="approved")
    reader_reply = make_comment(parent_id=top.id, status="approved")
    result = reply_as_newsroom(reader_reply.id, "Đúng vậy.", moderator_id=editor.id)
    assert result.reply.parent_id == top.id and result.answered == reader_reply.id
    assert db.session.get(Comment, top.id).reply_count == 2


def test_answering_a_pending_comment_approves_it_too(editor, make_comment):
    held = make_comment()
    result = reply_as_newsroom(held.id, "Cảm ơn bạn.", moderator_id=editor.id)
    assert result.approved == (held.id,)
    assert db.session.get(Comment, held.id).status == Status.APPROVED
    assert _count(held) == 2
    actions = [e.action for e in db.session.query(AuditEntry).filter(AuditEntry.comment_id.is_not(None)).order_by(AuditEntry.id)]
    assert actions == [Action.APPROVE, Action.NEWSROOM_REPLY]
    assert "Đã duyệt bình luận" in result.message


def test_a_rejected_comment_cannot_be_answered(editor, make_comment):
    rejected = make_comment(status="rejected")
    with pytest.raises(ServiceError) as refused:
        reply_as_newsroom(rejected.id, "Cảm ơn.", moderator_id=editor.id)
    assert refused.value.status == 409
    assert db.session.query(Comment).filter(Comment.staff_id.is_not(None)).count() == 0


def test_a_double_click_posts_once(editor, make_comment):
    parent = make_comment(status="approved")
    first = reply_as_newsroom(parent.id, "Cảm ơn bạn.", moderator_id=editor.id)
    again = reply_as_newsroom(parent.id, "Cảm ơn bạn.", moderator_id=editor.id)
    assert not again.created and again.reply.id == first.reply.id
    assert db.session.get(Comment, parent.id).reply_count == 1


def test_another_sites_comment_is_not_found(editor, make_comment):
    other = make_site("truong-a")
    comment = make_comment(site_id=other.id, status="approved")
    with pytest.raises(ServiceError) as missing:
        reply_as_newsroom(comment.id, "Cảm ơn.", moderator_id=editor.id)
    assert missing.value.status == 404


@pytest.mark.parametrize("name", ["a\nb", "x" * 81, "\u202eabc"])
def test_a_display_name_with_hidden_characters_or_too_long_is_refused(editor, name):
    with pytest.raises(ServiceError) as refused:
        set_display_name(editor, name, actor=None)
    assert "display_name" in refused.value.fields
