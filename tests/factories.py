"""Test data built through the real services, so it obeys the same rules as production data."""
import itertools

from flask import current_app

from moderation.services.submissions import Policy, submit_comment
from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.decisions import transition

_seq = itertools.count(1)


def make_comment(article_id="bai-viet-1", status=Status.PENDING, ip_hash=None, site_id=1, **fields):
    """A comment submitted by a reader (on the default site unless ``site_id``) and, if asked,
    moved to ``status`` by a moderator."""
    n = next(_seq)
    data = {"author": f"Bạn đọc {n}", "body": f"Ý kiến số {n} về bài viết.", **fields}
    receipt = submit_comment(article_id, data, ip_hash=ip_hash or f"ip-{n}",
                             policy=Policy.from_config(current_app.config),
                             screen=current_app.extensions["comment_screen"], site_id=site_id)
    comment = db.session.get(Comment, receipt.comment_id)
    status = Status(status)
    if status == Status.APPROVED and comment.status != Status.APPROVED:
        transition(comment.id, "approve")
    elif status == Status.REJECTED and comment.status != Status.REJECTED:
        transition(comment.id, "reject")
    db.session.refresh(comment)
    return comment
