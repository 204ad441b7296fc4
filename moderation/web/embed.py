"""The embed scripts a news site's pages include: ``/embed/counts.js`` and ``/embed/comments.js``.

Their URLs carry no version, so browsers and CDNs keep them for five minutes and then
revalidate with their ETag: a new release reaches readers within minutes without the
news site editing its templates.
"""
from flask import Blueprint, current_app, send_from_directory

from moderation.extensions import limiter

bp = Blueprint("embed", __name__, url_prefix="/embed")
MAX_AGE = 300


@bp.get("/<any('counts.js', 'comments.js'):name>")
@limiter.exempt
def script(name):
    response = send_from_directory(current_app.static_folder, name, mimetype="text/javascript",
                                   max_age=MAX_AGE, conditional=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
