"""Shared reading of an installation's state after an import: the public API's view of it."""
from pathlib import Path

from sqlalchemy import func, select

from moderation.extensions import db
from moderation.models import Article, Comment, Status

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def public_thread(client, article_id):
    """[(author, text, [reply authors])] as a reader sees the thread."""
    body = client.get(f"/api/v1/articles/{article_id}/comments").get_json()
    return [(c["author"], [r["author"] for r in c["replies"]]) for c in body["comments"]]


def counts(client, *ids):
    return client.get("/api/v1/counts?ids=" + ",".join(ids)).get_json()


def statuses():
    rows = db.session.execute(select(Comment.status, func.count()).group_by(Comment.status)).all()
    return {status.value: n for status, n in rows}


def counts_are_exact():
    """Every article's approved_count equals its approved comments."""
    for article in db.session.execute(select(Article)).scalars():
        real = db.session.execute(select(func.count()).where(Comment.article_id == article.id,
                                                             Comment.status == Status.APPROVED)).scalar()
        if real != article.approved_count:
            return False
    return True


def snapshot():
    """Everything an import must reproduce: articles with counts, comments with status, parent and text."""
    db.session.expire_all()
    articles = sorted((a.id, a.title, a.url, a.approved_count) for a in db.session.execute(select(Article)).scalars())
    comments = db.session.execute(select(Comment).order_by(Comment.created_at, Comment.id)).scalars().all()
    text_of = {c.id: c.body_text for c in comments}
    shaped = sorted((c.article_id, c.author, c.body_text, c.status.value, text_of.get(c.parent_id), 
                     tuple(sorted(f["code"] for f in c.flags)), c.created_at.isoformat()) for c in comments)
    return articles, shaped
