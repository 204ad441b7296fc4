"""The count columns equal their rows after any sequence of submissions (pre- and post-moderated
articles, top-level and replies), moderator decisions (services.decisions.transition) and
readers' likes and unlikes: ``articles.approved_count`` the approved comments, ``comments.reply_count``
the approved replies, ``comments.likes`` the imported likes plus the like rows.

Hypothesis drives the sequences; each run uses fresh article ids, so runs share the
test's database without seeing each other's rows. A model of each comment's status also
checks every decision's outcome, 409s and repeats included.
"""
import itertools

import pytest
from flask import current_app
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import func, select

from moderation.services.articles import update_article
from moderation.services.submissions import Policy, submit_comment
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Article, Comment, CommentLike, Status
from moderation.services.decisions import ALLOWED_FROM, TARGET, transition
from moderation.services.likes import like, unlike

_runs = itertools.count()
ACTIONS = ("approve", "reject", "unapprove")


def expected_outcome(status, action):
    """(new status, changed) as the rules say, or None for a 409."""
    from moderation.models import Action
    action = Action(action)
    target = TARGET[action]
    if status == target and action.value != "unapprove":
        return status, False
    if status not in ALLOWED_FROM[action]:
        return None
    return target, True


class CountMachine(RuleBasedStateMachine):
    comments = Bundle("comments")

    def __init__(self):
        super().__init__()
        run = next(_runs)
        self.articles = {f"run{run}-pre": "pre", f"run{run}-post": "post"}
        for article_id, mode in self.articles.items():
            update_article(article_id, actor=None, moderation=mode)
        self.status = {}
        self.bodies = itertools.count()

    def _submit(self, article_id, same_body, ip, parent_id=None):
        body = "lặp lại" if same_body else f"ý kiến {next(self.bodies)}"
        receipt = submit_comment(article_id, {"author": "An", "body": body, "parent_id": parent_id}, ip_hash=ip,
                                 policy=Policy.from_config(current_app.config),
                                 screen=current_app.extensions["comment_screen"])
        return receipt

    @rule(target=comments, article=st.sampled_from(["pre", "post"]), same_body=st.booleans(),
          ip=st.sampled_from(["ip-a", "ip-b"]))
    def submit(self, article, same_body, ip):
        article_id = next(a for a, mode in self.articles.items() if mode == article)
        return self._record(self._submit(article_id, same_body, ip), article)

    @rule(target=comments, parent=comments, same_body=st.booleans())
    def reply(self, parent, same_body):
        """A reply to any comment: refused (400) unless the parent is approved; to a reply, it joins the thread's top."""
        stored = db.session.get(Comment, parent)
        try:
            receipt = self._submit(stored.article_id, same_body, "ip-c", parent_id=parent)
        except ServiceError as error:
            assert error.status == 400 and self.status[parent] != Status.APPROVED
            return parent
        # A repeat of a body already stored is answered with that comment, before the parent is looked at.
        assert self.status[parent] == Status.APPROVED or not receipt.created
        return self._record(receipt, self.articles[stored.article_id])

    def _record(self, receipt, article):
        comment = receipt.comment
        if receipt.created:
            expected = Status.APPROVED if article == "post" else Status.PENDING
            # A body seen elsewhere in the last day is held even on a post-moderated article.
            assert comment.status in (expected, Status.PENDING)
        self.status[comment.id] = db.session.get(Comment, comment.id).status
        return comment.id

    @rule(comment_id=comments, action=st.sampled_from(ACTIONS))
    def decide(self, comment_id, action):
        expected = expected_outcome(self.status[comment_id], action)
        try:
            outcome = transition(comment_id, action)
        except ServiceError as error:
            assert error.status == 409 and expected is None
            return
        assert expected is not None, f"{action} from {self.status[comment_id]} should be a 409"
        assert (outcome.comment.status, outcome.changed) == expected
        self.status[comment_id] = outcome.comment.status

    @rule(comment_id=comments, key=st.sampled_from(["reader-a", "reader-b", "reader-c"]),
          ip=st.sampled_from(["ip-a", "ip-b"]), undo=st.booleans())
    def like_or_unlike(self, comment_id, key, ip, undo):
        try:
            state = (unlike(comment_id, reader_hash=key) if undo
                     else like(comment_id, reader_hash=key, ip_hash=ip))
        except ServiceError as error:
            assert error.status == 404 and self.status[comment_id] != Status.APPROVED
            return
        assert self.status[comment_id] == Status.APPROVED
        assert state.liked is not undo

    @invariant()
    def likes_column_equals_imported_plus_rows(self):
        db.session.expire_all()
        for comment_id in self.status:
            column, imported = db.session.execute(select(Comment.likes, Comment.imported_likes)
                                                  .where(Comment.id == comment_id)).one()
            rows = db.session.execute(select(func.count()).select_from(CommentLike)
                                      .where(CommentLike.comment_id == comment_id)).scalar()
            assert column == imported + rows

    @invariant()
    def reply_count_equals_approved_replies(self):
        for comment_id in self.status:
            column = db.session.execute(select(Comment.reply_count).where(Comment.id == comment_id)).scalar()
            approved = db.session.execute(select(func.count()).select_from(Comment).where(
                Comment.parent_id == comment_id, Comment.status == Status.APPROVED)).scalar()
            assert column == approved, (comment_id, column, approved)

    @invariant()
    def count_column_equals_approved_comments(self):
        db.session.expire_all()
        for article_id in self.articles:
            column = db.session.execute(select(Article.approved_count).where(Article.id == article_id)).scalar()
            approved = db.session.execute(select(func.count()).select_from(Comment).where(
                Comment.article_id == article_id, Comment.status == Status.APPROVED)).scalar()
            assert column == approved, (comment_id, column, approved)

    @invariant()
    def model_agrees_with_the_database(self):
        for comment_id, status in self.status.items():
            assert db.session.get(Comment, comment_id).status == status


@pytest.mark.slow
def test_approved_count_equals_approved_comments_after_any_sequence(app):
    run_state_machine_as_test(CountMachine, settings=settings(
        max_examples=30, stateful_step_count=20, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
