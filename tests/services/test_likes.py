"""Likes: one per reader key, at most MAX_PER_IP per address, only on approved comments, the column kept."""
import pytest

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Comment, CommentLike
from moderation.services.likes import MAX_PER_IP, like, unlike


def _column(comment):
    db.session.expire_all()
    return db.session.get(Comment, comment.id).likes


def test_a_like_is_counted_once_per_reader_key(make_comment):
    comment = make_comment(status="approved")
    assert like(comment.id, reader_hash="a", ip_hash="ip").likes == 1
    assert like(comment.id, reader_hash="a", ip_hash="ip") == (comment.id, 1, True)
    assert like(comment.id, reader_hash="b", ip_hash="ip").likes == 2
    assert _column(comment) == 2


def test_unlike_takes_back_only_that_readers_like_and_repeats_harmlessly(make_comment):
    comment = make_comment(status="approved")
    like(comment.id, reader_hash="a", ip_hash="ip")
    like(comment.id, reader_hash="b", ip_hash="ip")
    assert unlike(comment.id, reader_hash="a") == (comment.id, 1, False)
    assert unlike(comment.id, reader_hash="a") == (comment.id, 1, False)
    assert unlike(comment.id, reader_hash="nobody") == (comment.id, 1, False)
    assert _column(comment) == 1


def test_one_address_adds_at_most_the_cap_whatever_keys_it_makes_up(make_comment):
    comment = make_comment(status="approved")
    for n in range(MAX_PER_IP):
        assert like(comment.id, reader_hash=f"key-{n}", ip_hash="ip-nat").liked
    over = like(comment.id, reader_hash="one-more", ip_hash="ip-nat")
    assert over == (comment.id, MAX_PER_IP, False)
    assert like(comment.id, reader_hash="elsewhere", ip_hash="ip-other").likes == MAX_PER_IP + 1
    # A key already counted is still answered as liked once the address is at the cap.
    assert like(comment.id, reader_hash="key-0", ip_hash="ip-nat").liked


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_only_approved_comments_can_be_liked(make_comment, status):
    comment = make_comment(status=status)
    for call in (lambda: like(comment.id, reader_hash="a", ip_hash="ip"), lambda: unlike(comment.id, reader_hash="a")):
        with pytest.raises(ServiceError) as refused:
            call()
        assert refused.value.status == 404
    assert db.session.query(CommentLike).count() == 0 and _column(comment) == 0


def test_a_missing_comment_is_a_404(app):
    with pytest.raises(ServiceError) as refused:
        like(999999, reader_hash="a", ip_hash="ip")
    assert refused.value.status == 404


def test_a_comment_rejected_after_its_likes_takes_no_like_and_loses_none(make_comment):
    """The like's own statement checks the status: a liked comment rejected since is a 404 for a
    repeat, a new reader and an unlike alike, and its rows and count stay as they were."""
    from moderation.services.decisions import transition
    comment = make_comment(status="approved")
    like(comment.id, reader_hash="a", ip_hash="ip")
    transition(comment.id, "reject")
    for call in (lambda: like(comment.id, reader_hash="a", ip_hash="ip"),
                 lambda: like(comment.id, reader_hash="b", ip_hash="ip"),
                 lambda: unlike(comment.id, reader_hash="a")):
        with pytest.raises(ServiceError) as refused:
            call()
        assert refused.value.status == 404
    assert db.session.query(CommentLike).filter_by(comment_id=comment.id).count() == 1 and _column(comment) == 1


def test_the_cap_counts_the_address_on_this_comment_only(make_comment):
    first, second = make_comment(status="approved"), make_comment(status="approved")
    for n in range(MAX_PER_IP):
        like(first.id, reader_hash=f"key-{n}", ip_hash="ip-nat")
    assert like(second.id, reader_hash="key-0", ip_hash="ip-nat") == (second.id, 1, True)
