"""The server-rendered "Ý kiến bạn đọc" section: works with JavaScript off, frameable by allowed origins.

It does what comments.js does, with links and one form: a "Trả lời" link under every
comment opens the form under that comment, a closed article shows a sentence instead of
the form, and a reader's own held comments stay visible to them after sending. For that
the page sends each comment with a random Idempotency-Key kept in the reader's session
cookie (the last MAX_HELD_KEYS), the same proof of authorship comments.js keeps in
localStorage.
"""
import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale

from moderation import messages
from moderation.api.reader import site_policy, submission_limits
from moderation.extensions import limiter
from moderation.http.clientip import current_ip_hash
from moderation.http.cors import refuse_cross_site
from moderation.http.security_headers import reader_frame_policy
from moderation.http.sites import current_site_id, current_site_slug, scope_blueprint, site_routes
from moderation.http.ratelimits import mark_stored, seconds_to_wait
from moderation.services.receipts import held_comments
from moderation.services.submissions import submit_comment
from moderation.errors import ServiceError
from moderation.messages import ERRORS, REPORTED, REPORT_REASONS
from moderation.models import Status
from moderation.web.reader_forms import CommentForm
from moderation.web.refusals import show_refusal
from moderation.core.spam import issue_form_token
from moderation.core.ids import parse_id
from moderation.services.paging import parse_limit
from moderation.services.threads import public_thread, report_comment

bp = scope_blueprint(refuse_cross_site(Blueprint("reader", __name__)))
MAX_HELD_KEYS = 20


def _comment_id(value):
    return parse_id(value) if isinstance(value, str) else None


def _thread_name(article_id):
    # The default site's threads are named as before sites; "/" is in no slug and no article id.
    slug = current_site_slug()
    return article_id if slug == "default" else f"{slug}/{article_id}"


def _held_keys(article_id):
    name = _thread_name(article_id)
    return [key for article, key in session.get("held", []) if article == name]


def _remember(article_id, key):
    session["held"] = [*session.get("held", []), [_thread_name(article_id), key]][-MAX_HELD_KEYS:]


def _reply_target(page, comment_id):
    """The comment on this page being replied to: the form opens under it (a stale id opens nothing)."""
    for comment, replies in page.items:
        for candidate in (comment, *replies):
            if candidate.id == comment_id:
                return candidate
    return None


def _render(article_id, form, status=200, headers=None):
    site_id = current_site_id()
    # The same order and marks as comments.js (?sort=, ?tab=); a bad value shows the first page.
    try:
        page = public_thread(article_id, parse_limit(request.args.get("limit")), request.args.get("cursor") or None,
                             site_id=site_id, sort=request.args.get("sort"), tab=request.args.get("tab"))
    except ServiceError:
        page = public_thread(article_id, site_id=site_id)
    form.form_token.data = issue_form_token(current_app.config["SECRET_KEY"])
    target = _reply_target(page, _comment_id(form.parent_id.data) or _comment_id(request.args.get("reply_to")))
    form.parent_id.data = str(target.id) if target else ""
    html = render_template("reader/thread.html", article_id=article_id, page=page, form=form, reply_target=target,
                           own=held_comments(article_id, _held_keys(article_id), site_id),
                           report_reasons=REPORT_REASONS)
    return reader_frame_policy(current_app.make_response((html, status, headers or {})))


@site_routes(bp, "/articles/<article:article_id>/comments", methods=["GET"])
def thread(article_id):
    return _render(article_id, CommentForm())


@site_routes(bp, "/articles/<article:article_id>/comments", methods=["POST"])
@submission_limits
def submit(article_id):
    form = CommentForm()
    if not form.validate_on_submit():
        return _render(article_id, form, 400)
    key = secrets.token_urlsafe(24)
    try:
        receipt = submit_comment(article_id, form.submission(), ip_hash=current_ip_hash(), policy=site_policy(),
                                 idempotency_key=key, screen=current_app.extensions["comment_screen"],
                                 site_id=current_site_id())
    except ServiceError as error:
        show_refusal(form, error, visible={"author", "email", "body"})
        return _render(article_id, form, error.status)
    mark_stored(receipt)
    if receipt.status == Status.REJECTED:
        # Refused by a word rule: the text stays in the form so the reader can fix it.
        form.body.errors = [str(receipt.message)]
        return _render(article_id, form)
    if receipt.status == Status.PENDING:
        _remember(article_id, key)
        flash(str(messages.HELD_FOR_YOU), "success")
    else:
        flash(str(receipt.message), "success")
    return reader_frame_policy(redirect(url_for(".thread", article_id=article_id, _anchor="y-kien-ban-doc"), 303))


@bp.errorhandler(429)
def too_fast(_error):
    """The section again, with what the reader typed and one sentence saying when to send it."""
    seconds = seconds_to_wait()
    flash(messages.too_fast(seconds), "error")
    return _render(request.view_args["article_id"], CommentForm(), 429, {"Retry-After": str(seconds)})


@site_routes(bp, "/articles/<article:article_id>/comments/<int:comment_id>/report", methods=["POST"])
@limiter.limit(lambda: current_app.config["REPORT_RATE_LIMIT"])
def report(article_id, comment_id):
    """"Báo vi phạm" without JavaScript: the chosen reason's Vietnamese label is the report's reason."""
    # Stored in the site's language, whatever language the reader reads the page in.
    with force_locale("vi"):
        reason = str(dict(REPORT_REASONS).get(request.form.get("reason"), ""))
    try:
        report_comment(comment_id, reason, current_ip_hash())
    except ServiceError as error:
        flash(str(error.message or ERRORS[error.code]), "error")
    else:
        flash(str(REPORTED), "success")
    return reader_frame_policy(redirect(url_for(".thread", article_id=article_id, _anchor=f"c{comment_id}"), 303))
