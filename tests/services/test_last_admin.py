"""Two admins demoting each other at the same instant, on two instances, leave one admin."""
import threading

import pytest

from sqlalchemy import event
from sqlalchemy.orm import Session

from moderation.core.states import Role
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import ApiToken, Moderator
from moderation.services import accounts

RACING = threading.local()


def _hold_commit_for_the_other(barrier):
    """Before committing, wait (bounded) for the other demotion to reach its commit too.

    Without the lock both demotions pass the check and meet here, then both commit. With it the
    second one waits inside the check, so the first times out here, commits, and the second is
    refused. The bound is a synchronization limit, not a timing assumption.
    """
    def before_commit(_session):
        if getattr(RACING, "on", False):
            try:
                barrier.wait(timeout=3)
            except threading.BrokenBarrierError:
                pass
    return before_commit


def test_two_admins_demoting_each_other_at_once_leave_one_admin(make_app):
    first_app, second_app = make_app(), make_app()
    with first_app.app_context():
        ids = [accounts.create_moderator(name, "mat-khau-du-dai", Role.ADMIN, actor=None).id for name in ("an", "binh")]
        db.session.remove()
    barrier, refusals = threading.Barrier(2), []
    listener = _hold_commit_for_the_other(barrier)
    event.listen(Session, "before_commit", listener)

    def demote(app, actor_id, target_id):
        with app.app_context():
            actor, target = db.session.get(Moderator, actor_id), db.session.get(Moderator, target_id)
            RACING.on = True
            try:
                accounts.change_role(target, Role.MODERATOR, actor=actor)
            except ServiceError as error:
                refusals.append(error)
            finally:
                RACING.on = False
                db.session.remove()

    threads = [threading.Thread(target=demote, args=(first_app, ids[0], ids[1])),
               threading.Thread(target=demote, args=(second_app, ids[1], ids[0]))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        event.remove(Session, "before_commit", listener)

    with first_app.app_context():
        admins = db.session.query(Moderator).filter_by(role=Role.ADMIN, active=True).count()
    assert admins == 1
    assert [error.status for error in refusals] == [403]


def test_the_cli_cannot_deactivate_the_last_admin(runner):
    runner.invoke(args=["moderators", "new", "quantri", "--role", "admin", "--password-stdin"],
                  input="mat-khau-du-dai\n")
    result = runner.invoke(args=["moderators", "deactivate", "quantri"])
    assert result.exit_code == 1 and "quản trị viên cuối cùng" in result.output
    assert accounts.find_moderator("quantri").active is True


def test_a_token_is_never_issued_to_a_deactivated_account(app):
    accounts.create_moderator("quantri", "mat-khau-du-dai", Role.ADMIN, actor=None)
    locked = accounts.create_moderator("bientap", "mat-khau-du-dai", actor=None)
    accounts.deactivate(locked, actor=None)
    with pytest.raises(ServiceError) as refused:
        accounts.create_token(locked, actor=None)
    assert refused.value.status == 409
    accounts.set_active(locked, True, actor=None)
    assert db.session.query(ApiToken).filter_by(moderator_id=locked.id).count() == 0
