"""Shared reading of an installation's state after an import: the public API's view of it."""
from pathlib import Path

from sqlalchemy import func, select

from moderation.extensions import db
from moderation.models import Article, Comment, Status

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def public_thread(client, article_id, site=None):
    """[(author, [reply authors])] as a reader sees the thread (of ``site``, else the default one)."""
    prefix = f"/api/v1/sites/{site}" if site else "/api/v1"
    body = client.get(f"{prefix}/articles/{article_id}/comments").get_json()
    return [(c["author"], [r["author"] for r in c["replies"]]) for c in body["comments"]]


def counts(client, *ids):
    return client.get("/api/v1/counts?ids=" + ",".join(ids)).get_json()


def statuses():
    rows = db.session.execute(select(Comment.status, func.count()).group_by(Comment.status)).all()
    return {status.value: n for status, n in rows}


def counts_are_exact():
    """Every article's approved_count equals its approved comments."""
    for article in db.session.execute(select(Article)).scalars():
        real = db.session.execute(select(func.count()).where(Comment.site_id == article.site_id,
                                                             Comment.article_id == article.id,
                                                             Comment.status == Status.APPROVED)).scalar()
        if real != article.approved_count:
            return False
    return True


def reply_counts_are_exact():
    """Every top-level comment's reply_count equals its approved replies."""
    for comment in db.session.execute(select(Comment).where(Comment.parent_id.is_(None))).scalars():
        real = db.session.execute(select(func.count()).where(Comment.parent_id == comment.id,
                                                             Comment.status == Status.APPROVED)).scalar()
        if real != comment.reply_count:
            return False
    return True


def snapshot(site_id=None):
    """Everything an import must reproduce: articles with counts, comments with status, parent,
    text and likes (of one site when ``site_id``, else all)."""
    db.session.expire_all()
    articles = select(Article) if site_id is None else select(Article).where(Article.site_id == site_id)
    articles = sorted((a.id, a.title, a.url, a.approved_count) for a in db.session.execute(articles).scalars())
    query = select(Comment).order_by(Comment.created_at, Comment.id)
    comments = db.session.execute(query if site_id is None else query.where(Comment.site_id == site_id)).scalars().all()
    text_of = {c.id: c.body_text for c in comments}
    shaped = sorted((c.article_id, c.author, c.body_text, c.status.value, text_of.get(c.parent_id),
                     tuple(sorted(f["code"] for f in c.flags)), c.created_at.isoformat(), c.likes)
                    for c in comments)
    return articles, shaped
