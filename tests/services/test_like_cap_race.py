"""One address rotating reader keys in parallel still adds at most MAX_PER_IP likes to a comment (PostgreSQL).

Under READ COMMITTED each INSERT's cap counts the likes committed before it began; a burst of
parallel likes from one address would each see room under the cap. The like locks the comment's
row first (the row its count UPDATE locks anyway), so likes of one comment take turns.
"""
import threading

import pytest

from moderation.extensions import db
from moderation.models import Comment, CommentLike
from moderation.services.likes import MAX_PER_IP, like
from tests.factories import make_comment

pytestmark = pytest.mark.postgresql

BURST = MAX_PER_IP + 10


def test_a_parallel_burst_from_one_address_stops_at_the_cap(app):
    comment_id = make_comment(status="approved").id
    db.session.commit()
    barrier = threading.Barrier(BURST)
    answers = []

    def send(n):
        with app.app_context():
            barrier.wait()
            answers.append(like(comment_id, reader_hash=f"key-{n:03d}", ip_hash="ip-one-nat"))
            db.session.remove()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    db.session.expire_all()
    assert db.session.query(CommentLike).filter_by(comment_id=comment_id).count() == MAX_PER_IP
    assert db.session.get(Comment, comment_id).likes == MAX_PER_IP
    assert sum(answer.liked for answer in answers) == MAX_PER_IP
