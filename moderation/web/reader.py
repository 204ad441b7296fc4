"""The server-rendered "Ý kiến bạn đọc" section: works with JavaScript off, frameable by allowed origins."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale

from moderation.api.reader import limit_article, limit_comments
from moderation.extensions import limiter
from moderation.http.clientip import current_ip_hash
from moderation.http.cors import refuse_cross_site
from moderation.http.security_headers import reader_frame_policy
from moderation.services.submissions import Policy, submit_comment
from moderation.errors import ServiceError
from moderation.messages import ERRORS, REPORTED, REPORT_REASONS
from moderation.web.reader_forms import CommentForm
from moderation.core.spam import issue_form_token
from moderation.services.paging import parse_limit
from moderation.services.threads import public_thread, report_comment

bp = refuse_cross_site(Blueprint("reader", __name__))


def _render(article_id, form, status=200):
    try:
        count, items, next_cursor = public_thread(article_id, parse_limit(request.args.get("limit")),
                                                  request.args.get("cursor") or None)
    except ServiceError:
        count, items, next_cursor = public_thread(article_id)
    form.form_token.data = issue_form_token(current_app.config["SECRET_KEY"])
    html = render_template("reader/thread.html", article_id=article_id, count=count, items=items,
                           next_cursor=next_cursor, form=form, report_reasons=REPORT_REASONS)
    return reader_frame_policy(current_app.make_response((html, status)))


@bp.get("/articles/<article:article_id>/comments")
def thread(article_id):
    return _render(article_id, CommentForm())


@bp.post("/articles/<article:article_id>/comments")
@limit_comments
@limit_article
def submit(article_id):
    form = CommentForm()
    if not form.validate_on_submit():
        return _render(article_id, form, 400)
    try:
        receipt = submit_comment(article_id, form.submission(), ip_hash=current_ip_hash(),
                                 policy=Policy.from_config(current_app.config),
                                 screen=current_app.extensions["comment_screen"])
    except ServiceError as error:
        for name, reason in error.fields.items():
            field = getattr(form, name, None)
            if field is not None:
                field.errors = [str(reason)]
        if not error.fields:
            flash(str(error.message or ERRORS[error.code]), "error")
        return _render(article_id, form, error.status)
    flash(str(receipt.message), "success" if receipt.status.value != "rejected" else "error")
    return reader_frame_policy(redirect(url_for(".thread", article_id=article_id, _anchor="y-kien-ban-doc"), 303))


@bp.post("/articles/<article:article_id>/comments/<int:comment_id>/report")
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
