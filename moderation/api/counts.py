"""Comment counts for article pages and headline lists: the cacheable hot path.

Both count endpoints answer with ``Cache-Control: public, max-age=COUNTS_MAX_AGE`` and
a strong ETag of the counts, so browsers and CDNs keep them and revalidate with
``If-None-Match`` (304, no body). After a moderator approves, any cache serves the new
count once max-age has passed: nothing is cached inside the service, so every worker
answers from the database.
"""
import json

from flask import Blueprint, current_app, request

from ..counts import batch_counts, counts_etag, parse_ids
from ..cors import open_blueprint
from ..extensions import limiter

bp = open_blueprint(Blueprint("counts_api", __name__, url_prefix="/api/v1"))


def cached_json(body, counts):
    """The JSON answer with the caching headers, or a bare 304 when the client's copy is current."""
    etag = counts_etag(counts)
    if request.headers.get("If-None-Match") and _matches(etag):
        response = current_app.response_class(status=304)
    else:
        # Sorted keys: the body is a function of the sorted pairs the ETag hashes, as a strong ETag requires.
        response = current_app.response_class(json.dumps(body, sort_keys=True, separators=(",", ":")),
                                               mimetype="application/json")
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['COUNTS_MAX_AGE']}"
    return response


def _matches(etag):
    # If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/"x" matches "x" too.
    tags = request.if_none_match
    return tags.star_tag or tags.contains_weak(etag.strip('"'))


def article_count(article_id):
    """``GET /api/v1/articles/<id>/count``: the view lives in public.py; this builds its answer."""
    counts = batch_counts([article_id])
    return cached_json({"article_id": article_id, "count": counts[article_id]}, counts)


@bp.get("/counts")
@limiter.exempt
def counts():
    found = batch_counts(parse_ids(request.args.get("ids")))
    return cached_json({"counts": found}, found)
