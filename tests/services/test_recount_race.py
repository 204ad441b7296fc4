"""An import's reply recount and a moderator's approval at the same instant, on PostgreSQL: the
count is exact whichever commits first.

Under READ COMMITTED, one ``UPDATE ... SET reply_count = (SELECT count(*) ...)`` that waits for
the parent's row lock recounts it from the snapshot it took before waiting, so a reply approved
(and counted +1) by the transaction it waited for was lost. The recount locks the parents first,
then counts in a statement of its own, which sees what committed before it got the locks.
"""
import threading
import time

import pytest
from sqlalchemy import text

from moderation.extensions import db
from moderation.models import Comment
from moderation.services.counts import recount_replies
from tests.factories import make_comment

pytestmark = pytest.mark.postgresql


def _waiting_for_a_lock(connection):
    return connection.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar() > 0


def test_a_recount_waiting_for_an_approval_counts_the_approved_reply(app):
    parent = make_comment(article_id="bai-1", status="approved")
    reply = make_comment(article_id="bai-1", parent_id=parent.id)
    parent_id, reply_id = parent.id, reply.id
    db.session.commit()

    # The moderator's approval, in flight: the reply approved and its parent's count moved, not committed.
    approval = db.engine.connect()
    in_flight = approval.begin()
    approval.execute(text("UPDATE comments SET status = 'approved' WHERE id = :id"), {"id": reply_id})
    approval.execute(text("UPDATE comments SET reply_count = reply_count + 1 WHERE id = :id"), {"id": parent_id})

    def import_batch():
        with app.app_context():
            recount_replies([parent_id])
            db.session.commit()
            db.session.remove()

    batch = threading.Thread(target=import_batch)
    batch.start()
    with db.engine.connect() as watcher:
        deadline = time.monotonic() + 10
        while not _waiting_for_a_lock(watcher) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _waiting_for_a_lock(watcher), "the recount should wait for the approval's row lock"
    in_flight.commit()
    approval.close()
    batch.join(timeout=10)
    assert not batch.is_alive()

    db.session.expire_all()
    assert db.session.get(Comment, parent_id).reply_count == 1
