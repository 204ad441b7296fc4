"""``GET /``: a demo article page laid out like a Vietnamese news site, in development and tests only.

It is what an integrating newsroom's page looks like: the article, the comment section
through ``comments.js`` and a "Tin khác" list whose counts come through ``counts.js``.
create_app registers this blueprint only outside production.
"""
from flask import Blueprint, render_template

from moderation.services.demo import HEADLINES, MAIN
from moderation.extensions import limiter

bp = Blueprint("demo", __name__)


@bp.get("/")
@limiter.exempt
def article():
    return render_template("demo/article.html", article=MAIN, headlines=HEADLINES)
