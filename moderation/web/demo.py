"""``GET /`` and ``GET /tin/<id>``: demo article pages laid out like a Vietnamese news site, in
development and tests only.

They are what an integrating newsroom's page looks like: the article, the comment section
through ``comments.js`` (with a ``<noscript>`` link to the server-rendered section) and a
"Tin khác" list of the other demo articles whose counts come through ``counts.js``.
create_app registers this blueprint only outside production.
"""
from flask import Blueprint, abort, render_template

from moderation.services.demo import MAIN, demo_article, other_articles
from moderation.extensions import limiter

bp = Blueprint("demo", __name__)


@bp.get("/", defaults={"article_id": MAIN["id"]})
@bp.get("/tin/<article:article_id>")
@limiter.exempt
def article(article_id):
    shown = demo_article(article_id)
    if shown is None:
        abort(404)
    return render_template("demo/article.html", article=shown, headlines=other_articles(article_id))
