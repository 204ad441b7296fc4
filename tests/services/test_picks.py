"""Editor's picks: featuring approves a pending comment in one audited transaction, and the
counts follow; a rejected comment is refused; unfeature keeps the comment approved."""
import pytest

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Action, Article, AuditEntry, Comment, Status
from moderation.services.accounts import create_moderator
from moderation.services.picks import feature, featured_comments, unfeature
from tests.factories import make_site


@pytest.fixture
def editor(app):
    return create_moderator("bientap", "mat-khau-dai", "moderator", actor=None)


def _article(comment):
    return db.session.get(Article, (comment.site_id, comment.article_id))


def _entries(comment_id):
    return db.session.query(AuditEntry).filter_by(comment_id=comment_id).order_by(AuditEntry.id).all()


def test_featuring_a_pending_comment_approves_it_with_one_audit_row(editor, make_comment):
    comment = make_comment()
    result = feature(comment.id, moderator_id=editor.id)
    assert result.changed and result.approved
    stored = db.session.get(Comment, comment.id)
    assert stored.status == Status.APPROVED and stored.featured_at is not None and stored.featured_by_id == editor.id
    assert _article(comment).approved_count == 1
    [entry] = _entries(comment.id)
    assert (entry.action, entry.from_status, entry.to_status, entry.moderator_id) == (
        Action.FEATURE, Status.PENDING, Status.APPROVED, editor.id)


def test_featuring_a_pending_reply_counts_it_under_its_parent(editor, make_comment):
    parent = make_comment(status="approved")
    reply = make_comment(parent_id=parent.id)
    feature(reply.id, moderator_id=editor.id)
    assert db.session.get(Comment, parent.id).reply_count == 1
    assert _article(parent).approved_count == 2


def test_featuring_an_approved_comment_keeps_the_counts(editor, make_comment):
    comment = make_comment(status="approved")
    result = feature(comment.id, moderator_id=editor.id)
    assert result.changed and not result.approved
    assert _article(comment).approved_count == 1
    assert _entries(comment.id)[-1].action == Action.FEATURE


def test_featuring_twice_changes_nothing_the_second_time(editor, make_comment):
    comment = make_comment(status="approved")
    first = feature(comment.id, moderator_id=editor.id).comment.featured_at
    again = feature(comment.id, moderator_id=editor.id)
    assert not again.changed and again.comment.featured_at == first
    assert [e.action for e in _entries(comment.id)].count(Action.FEATURE) == 1
    assert "đã là bình luận nổi bật" in again.message


def test_a_rejected_comment_is_refused_and_stays_rejected(editor, make_comment):
    comment = make_comment(status="rejected")
    with pytest.raises(ServiceError) as refused:
        feature(comment.id, moderator_id=editor.id)
    assert refused.value.status == 409 and "Hãy duyệt bình luận trước" in str(refused.value.message)
    stored = db.session.get(Comment, comment.id)
    assert stored.status == Status.REJECTED and stored.featured_at is None


def test_unfeature_keeps_the_comment_approved(editor, make_comment):
    comment = make_comment()
    feature(comment.id, moderator_id=editor.id)
    result = unfeature(comment.id, moderator_id=editor.id)
    assert result.changed
    stored = db.session.get(Comment, comment.id)
    assert stored.status == Status.APPROVED and stored.featured_at is None and stored.featured_by_id is None
    assert _article(comment).approved_count == 1
    assert _entries(comment.id)[-1].action == Action.UNFEATURE
    assert not unfeature(comment.id, moderator_id=editor.id).changed


def test_another_sites_comment_is_not_found(editor, make_comment):
    other = make_site("truong-a")
    comment = make_comment(site_id=other.id)
    for act in (feature, unfeature):
        with pytest.raises(ServiceError) as missing:
            act(comment.id, moderator_id=editor.id)
        assert missing.value.status == 404
    assert db.session.get(Comment, comment.id).status == Status.PENDING


def test_expected_status_guards_a_stale_page(editor, make_comment):
    comment = make_comment(status="approved")
    with pytest.raises(ServiceError) as moved:
        feature(comment.id, moderator_id=editor.id, expected_status=Status.PENDING)
    assert moved.value.status == 409
    assert db.session.get(Comment, comment.id).featured_at is None


def test_the_block_lists_approved_picks_newest_pick_first_with_their_article(editor, make_comment):
    first = make_comment(article_id="bai-1", status="approved", title="Giá xăng", url="https://news.example.vn/bai-1")
    second = make_comment(article_id="bai-2")
    hidden = make_comment(article_id="bai-3", status="approved")
    for comment in (first, second, hidden):
        feature(comment.id, moderator_id=editor.id)
    from moderation.services.decisions import transition
    transition(hidden.id, "unapprove", moderator_id=editor.id)
    block = featured_comments(1, 5)
    assert [c["id"] for c in block] == [second.id, first.id]
    assert block[1]["article"] == {"id": "bai-1", "title": "Giá xăng", "url": "https://news.example.vn/bai-1"}
    assert featured_comments(1, 1)[0]["id"] == second.id
