"""The readers' JSON API: submit, read a thread, count, report; each article path also under /sites/<site>."""
from flask import Blueprint, current_app, g, jsonify, request

from moderation import messages
from moderation.http.clientip import client_ip, current_ip_hash
from moderation.http.ratelimits import (ARTICLE_SCOPE, COMMENT_SCOPE, article_key, checked_first, mark_stored,
                                        seconds_to_wait, settle_after_the_response, stored_a_comment)
from moderation.services.submissions import Policy, stored_under, submit_comment
from moderation.errors import ServiceError
from moderation.http.errors import error_response
from moderation.extensions import limiter
from moderation.core.spam import issue_form_token
from moderation.http.cors import open_blueprint, refuse_cross_site, site_origins
from moderation.http.sites import current_site_id, current_site_slug, scope_blueprint, site_routes
from moderation.services.threads import report_comment, thread_answer
from moderation.api.counts import article_count, cached_json
from moderation.http.counts_cache import CountsCache
from moderation.http.submission_fast_path import FAILURE as FAST_PATH_FAILURE

bp = scope_blueprint(refuse_cross_site(open_blueprint(Blueprint("public_api", __name__, url_prefix="/api/v1"))))


@bp.before_request
def _answer_the_fast_paths_failure():
    """A comment the fast path took and the service refused or failed at (http/submission_fast_path.py):
    raised here, before the limits and the view, so this blueprint's handlers answer it without the
    work being done again."""
    found = request.environ.pop(FAST_PATH_FAILURE, None)
    if found is not None:
        failure, checks = found
        settle_after_the_response(checks)
        raise failure


@bp.record_once
def _keep_threads(state):
    """The thread's answers, kept per worker by the counts' rule with its own max-age (also read
    by http/counts_fast_path.py)."""
    config = state.app.config
    state.app.extensions["thread_cache"] = CountsCache(config["THREAD_CACHE_SECONDS"], config["THREAD_MAX_AGE"])


def comment_limit():
    return current_app.config["COMMENT_RATE_LIMIT"]


def article_limit():
    return current_app.config["COMMENT_RATE_LIMIT_PER_ARTICLE"]


def ip_and_article():
    return article_key(client_ip(), current_site_slug(), (request.view_args or {}).get("article_id", ""))


def stored_retry():
    """The id of the comment already stored under this request's Idempotency-Key, or None.

    Looked up once per request, by both limits' exemption and the submission: comments.js sends
    an Idempotency-Key with every comment."""
    if "retry_of" not in g:
        key = request.headers.get("Idempotency-Key")
        article_id = (request.view_args or {}).get("article_id")
        g.retry_of = stored_under(article_id, key, current_site_id()) if key and article_id else None
    return g.retry_of


def known_retry():
    """A retry of a comment already stored: its receipt is owed even to a sender over the limit."""
    return stored_retry() is not None


# Shared scopes: the HTML form and the JSON API draw on the same allowance, charged only
# for comments stored (moderation/http/ratelimits.py).
limit_comments = limiter.shared_limit(comment_limit, scope=COMMENT_SCOPE, deduct_when=stored_a_comment,
                                      exempt_when=known_retry)
limit_article = limiter.shared_limit(article_limit, scope=ARTICLE_SCOPE, key_func=ip_and_article,
                                     deduct_when=stored_a_comment, exempt_when=known_retry)
# Both submitting views (this one and the HTML form's) wear both limits, their plain case judged
# without Flask-Limiter's per-request resolution (http/ratelimits.checked_first).
submission_limits = checked_first(limit_comments, limit_article)


@bp.errorhandler(429)
def too_fast(_error):
    """One sentence saying exactly when to try again, and the same number in Retry-After."""
    seconds = seconds_to_wait()
    what = "report" if request.endpoint == "public_api.report" else "comment"
    return error_response("rate_limited", 429, message=messages.too_fast(seconds, what),
                          headers={"Retry-After": str(seconds)})


def submitted_data():
    """The body as a dict, from JSON or a form post; 415 for anything else."""
    if request.is_json:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ServiceError("invalid_json", 400)
        return data
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return request.form.to_dict()
    raise ServiceError("unsupported_media_type", 415)


def receipt_response(receipt):
    return jsonify(receipt.answer()), 202


def site_policy():
    """The submission policy, with the accepted article URLs of the request's site."""
    return Policy.from_config(current_app.config, site_origins())


@site_routes(bp, "/articles/<article:article_id>/comments", methods=["POST"])
@submission_limits
def submit(article_id):
    receipt = submit_comment(article_id, submitted_data(), ip_hash=current_ip_hash(), policy=site_policy(),
                             idempotency_key=request.headers.get("Idempotency-Key") or None,
                             screen=current_app.extensions["comment_screen"], site_id=current_site_id(),
                             stored_id=stored_retry())
    mark_stored(receipt)
    return receipt_response(receipt)


@site_routes(bp, "/articles/<article:article_id>/comments", methods=["GET"])
@limiter.exempt
def thread(article_id):
    """Cacheable by anyone: the same bytes for every reader (no form token, no cookie), a strong
    ETag of them, and the counts' bounded staleness. A held comment reaches its own author through
    ``receipts``, never through this answer."""
    args = request.args
    site_id = current_site_id()
    return cached_json(("thread", current_site_slug(), article_id, request.query_string),
                       lambda: thread_answer(article_id, args, site_id), cache="thread_cache")


@site_routes(bp, "/form-token", methods=["GET"])
@limiter.exempt
def form_token():
    """A fresh signed render time for the comment form: comments.js asks when the reader starts
    writing, and again at submit time when it has none or an old one. The thread no longer
    carries one, so that it can be cached; a comment sent without a valid token is still
    accepted (flagged ``untimed``), never trapped."""
    response = jsonify({"form_token": issue_form_token(current_app.config["SECRET_KEY"])})
    response.headers["Cache-Control"] = "no-store"
    return response


@site_routes(bp, "/articles/<article:article_id>/count", methods=["GET"])
@limiter.exempt
def count(article_id):
    return article_count(article_id, current_site_id(), current_site_slug())


@bp.post("/comments/<int:comment_id>/reports")
@limiter.limit(lambda: current_app.config["REPORT_RATE_LIMIT"])
def report(comment_id):
    # The reason is optional, so an empty POST (no body, no content type) is a report without one.
    data = submitted_data() if request.content_length or request.mimetype else {}
    report_comment(comment_id, data.get("reason"), current_ip_hash())
    return jsonify({"message": str(messages.REPORTED)}), 202
