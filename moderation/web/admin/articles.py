"""The admins' list of articles (/moderation/admin/articles): find an article by its title and
reach its settings and its queue without knowing the internal id."""
from flask import render_template, request

from moderation.services.articles import closes_at, comments_open, effective_moderation, list_articles
from moderation.web.admin.access import bp


@bp.get("/articles")
def articles():
    search = (request.args.get("q") or "").strip()[:300] or None
    rows, next_cursor = list_articles(search, cursor=request.args.get("cursor") or None)
    listed = [{"article": article, "pending": pending, "last": last, "open": comments_open(article),
               "closes_at": closes_at(article), "moderation": effective_moderation(article).value}
              for article, pending, last in rows]
    return render_template("admin/articles.html", rows=listed, search=search or "", next_cursor=next_cursor)
