"""Test data built through the real services, so it obeys the same rules as production data."""
import itertools

from flask import current_app

from moderation.services.submissions import Policy, submit_comment
from moderation.extensions import db
from moderation.models import Comment, Status
from moderation.services.decisions import transition
from moderation.services.sites import add_site

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


def make_site(slug="truong-b", name=None, origins=None):
    """A second site of the installation (a school of the district's portal), with origins of its
    own, ``https://<slug>.edu.vn`` unless given, named "Trường B" for ``truong-b``; the Site."""
    return add_site(slug, name=name or "Trường " + slug.rsplit("-", 1)[-1].upper(),
                    origins=[f"https://{slug}.edu.vn"] if origins is None else list(origins),
                    actor=None, default_origins=current_app.config["ALLOWED_ORIGINS"])
