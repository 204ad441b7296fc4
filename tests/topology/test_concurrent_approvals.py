"""Two instances deciding on the same comment at the same moment apply it once.

Real concurrency, not luck: the test holds the comment's row lock, waits until both instances'
UPDATEs are queued behind it in PostgreSQL, then lets them go together.
"""
import threading

import pytest
from sqlalchemy import create_engine, func, select, text

from moderation.extensions import db
from moderation.models import Action, Article, AuditEntry, Comment, Status
from bench.http_client import post
from bench.procs import wait_until

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]


def waiting_updates(engine):
    with engine.connect() as conn:
        return conn.execute(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query ILIKE 'UPDATE comments%'")).scalar()


def decide_together(engine, comment_id, calls):
    """Send ``calls`` [(instance, action, token)] while the row is locked; release once all wait."""
    answers = [None] * len(calls)

    def send(i, instance, action, token):
        answers[i] = post(f"{instance.url}/api/v1/moderation/comments/{comment_id}/{action}",
                          headers={"Authorization": f"Bearer {token}"})

    with engine.connect() as blocker:
        blocker.execute(text("SELECT id FROM comments WHERE id = :id FOR UPDATE"), {"id": comment_id})
        threads = [threading.Thread(target=send, args=(i, *call)) for i, call in enumerate(calls)]
        for thread in threads:
            thread.start()
        wait_until(lambda: waiting_updates(engine) == len(calls), 30, 0.05, "every decision queued on the row")
        blocker.rollback()
    for thread in threads:
        thread.join(timeout=60)
    return [a.json() if a.status == 200 else (a.status, a.body) for a in answers]


@pytest.fixture
def setting(app, database_url, start_instances, moderator_tokens):
    engine = create_engine(database_url)
    tokens = moderator_tokens(2)
    instances = start_instances(2)
    yield engine, instances, tokens
    engine.dispose()


def test_two_approvals_at_once_count_once(setting, make_comment):
    engine, (a, b), (t1, t2) = setting
    comment = make_comment(article_id="dong-thoi")

    answers = decide_together(engine, comment.id, [(a, "approve", t1), (b, "approve", t2)])

    assert sorted(answer["changed"] for answer in answers) == [False, True]
    assert {answer["status"] for answer in answers} == {"approved"}
    db.session.expire_all()
    assert db.session.get(Article, (1, "dong-thoi")).approved_count == 1
    assert db.session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.comment_id == comment.id, AuditEntry.action == Action.APPROVE)).scalar() == 1


def test_approve_and_reject_at_once_leave_one_decision_and_a_true_count(setting, make_comment):
    engine, (a, b), (t1, t2) = setting
    comments = [make_comment(article_id="dong-thoi-2") for _ in range(3)]

    for comment in comments:
        answers = decide_together(engine, comment.id, [(a, "approve", t1), (b, "reject", t2)])
        assert all(isinstance(answer, dict) for answer in answers), answers
        # The second decision finds the first already made: it changes nothing and names who acted.
        assert sum(1 for answer in answers if answer["changed"]) == 1

    db.session.expire_all()
    approved = db.session.execute(select(func.count()).select_from(Comment).where(
        Comment.article_id == "dong-thoi-2", Comment.status == Status.APPROVED)).scalar()
    assert db.session.get(Article, (1, "dong-thoi-2")).approved_count == approved
