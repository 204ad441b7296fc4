"""``comments.reply_count`` follows each reply in and out of the approved state, whoever moves it."""
import pytest

from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.accounts import create_moderator
from moderation.services.decisions import edit_and_approve, transition
from moderation.services.readers import erase
from moderation.services.undo import undo_last


def _replies_of(top):
    db.session.expire_all()
    return db.session.get(Comment, top.id).reply_count


@pytest.fixture
def top(make_comment):
    return make_comment(article_id="bai-1", status="approved")


def test_approving_and_unapproving_a_reply_moves_its_parents_count(make_comment, top):
    reply = make_comment(article_id="bai-1", parent_id=top.id)
    assert _replies_of(top) == 0
    transition(reply.id, "approve")
    assert _replies_of(top) == 1
    transition(reply.id, "unapprove")
    assert _replies_of(top) == 0
    transition(reply.id, "approve")
    transition(reply.id, "reject")
    assert _replies_of(top) == 0


def test_an_edit_that_approves_and_its_undo_move_the_count(make_comment, top):
    moderator = create_moderator("bientap", "mat-khau-dai", actor=None)
    reply = make_comment(article_id="bai-1", parent_id=top.id)
    edit_and_approve(reply.id, "Đã sửa lại.", moderator_id=moderator.id)
    assert _replies_of(top) == 1
    undo_last(moderator.id)
    assert _replies_of(top) == 0


def test_a_reply_on_a_post_moderated_article_counts_at_once(make_comment, top):
    from moderation.services.articles import update_article
    update_article("bai-1", actor=None, moderation="post")
    make_comment(article_id="bai-1", parent_id=top.id)
    assert _replies_of(top) == 1


def test_a_readers_erasure_that_rejects_a_reply_takes_it_off(app, make_comment, top):
    make_comment(article_id="bai-1", parent_id=top.id, status="approved", email="an@example.com")
    assert _replies_of(top) == 1
    erase("an@example.com", site="default", mode="delete", actor=None, email_hash=lambda email: "h")
    assert _replies_of(top) == 0


def test_a_batch_recount_sets_each_parents_count_to_its_approved_replies(make_comment, top):
    """The form an import's batch uses: whatever the column held, it ends equal to the rows."""
    from moderation.services.counts import recount_replies
    other = make_comment(article_id="bai-2", status="approved")
    make_comment(article_id="bai-1", parent_id=top.id, status="approved")
    make_comment(article_id="bai-1", parent_id=top.id, status="approved")
    make_comment(article_id="bai-1", parent_id=top.id)
    make_comment(article_id="bai-1", parent_id=top.id, status="rejected")
    db.session.execute(db.update(Comment).where(Comment.id.in_([top.id, other.id])).values(reply_count=7))
    recount_replies({top.id, other.id})
    db.session.commit()
    assert (_replies_of(top), _replies_of(other)) == (2, 0)
