"""Undo takes back a whole bulk action as one action, only this moderator's, only of the last 30 minutes."""
from datetime import timedelta

import pytest

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Action, AuditEntry, Comment, Status, utcnow
from moderation.services.decisions import bulk_transition, transition
from moderation.services.undo import UNDO_WINDOW, undo_last
from tests.moderators import moderator, signed_in  # noqa: F401 (fixtures)


def _statuses(*comments):
    result = []
    for comment in comments:
        row = db.session.get(Comment, comment.id)
        db.session.refresh(row)
        result.append(row.status)
    return result


def _bulk(session, action, *comments):
    return session.client.post("/moderation/bulk", data={"csrf_token": session.token, "action": action,
                                                          "ids": [f"{c.id}:pending" for c in comments]},
                               headers={"Accept": "application/json", "X-CSRFToken": session.token}).get_json()


def test_undo_after_a_bulk_action_reverses_the_whole_batch(moderator, make_comment):
    a, b, c = make_comment(), make_comment(), make_comment()
    _bulk(moderator, "approve", a, b, c)
    body = moderator.act("/moderation/undo").get_json()
    assert _statuses(a, b, c) == [Status.PENDING] * 3
    assert [r["id"] for r in body["results"]] == [c.id, b.id, a.id] and all(r["changed"] for r in body["results"])
    assert body["message"] == f"Đã hoàn tác: #{c.id}, #{b.id}, #{a.id} về chờ duyệt."


def test_the_undo_of_a_batch_is_one_action(moderator, make_comment):
    single, a, b = make_comment(), make_comment(), make_comment()
    moderator.act(f"/moderation/comments/{single.id}/reject")
    _bulk(moderator, "approve", a, b)
    moderator.act("/moderation/undo")
    answer = moderator.act("/moderation/undo").get_json()
    assert answer["id"] == single.id and answer["message"] == f"Đã hoàn tác: #{single.id} về chờ duyệt."
    assert _statuses(single, a, b) == [Status.PENDING] * 3


def test_each_comment_of_an_undone_batch_has_its_audit_row(moderator, make_comment):
    a, b = make_comment(), make_comment()
    _bulk(moderator, "reject", a, b)
    moderator.act("/moderation/undo")
    undos = db.session.query(AuditEntry).filter_by(action=Action.UNDO).all()
    assert sorted(e.comment_id for e in undos) == [a.id, b.id]
    assert {e.moderator_id for e in undos} == {moderator.moderator.id}
    assert len({e.details["batch"] for e in undos}) == 1


def test_a_comment_a_colleague_moved_since_stays_as_they_left_it(app, moderator, make_comment):
    a, b = make_comment(), make_comment()
    _bulk(moderator, "approve", a, b)
    other = signed_in(app.test_client(), "nguoi2")
    transition(b.id, "reject", moderator_id=other.moderator.id)
    body = moderator.act("/moderation/undo").get_json()
    assert _statuses(a, b) == [Status.PENDING, Status.REJECTED]
    assert {r["id"]: r["changed"] for r in body["results"]} == {a.id: True, b.id: False}


def test_undo_reaches_only_the_last_30_minutes(app, make_comment):
    from moderation.services.accounts import create_moderator
    me = create_moderator("bientap", "mat-khau-dai", actor=None)
    comment = make_comment()
    transition(comment.id, "approve", moderator_id=me.id)
    with pytest.raises(ServiceError) as refused:
        undo_last(me.id, now=utcnow() + UNDO_WINDOW + timedelta(seconds=1))
    assert refused.value.status == 404 and _statuses(comment) == [Status.APPROVED]
    assert undo_last(me.id, now=utcnow() + UNDO_WINDOW - timedelta(seconds=5))[0].changed


def test_undo_reaches_only_this_moderators_decisions(app, make_comment):
    from moderation.services.accounts import create_moderator
    me, other = create_moderator("bientap", "mat-khau-dai", actor=None), create_moderator("nguoi2", "mat-khau-dai", actor=None)
    mine, theirs = make_comment(), make_comment()
    transition(mine.id, "approve", moderator_id=me.id)
    bulk_transition([theirs.id], "approve", moderator_id=other.id)
    assert [o.comment.id for o in undo_last(me.id)] == [mine.id]
    assert _statuses(mine, theirs) == [Status.PENDING, Status.APPROVED]
