"""The moderators' queue (/moderation/): list, filter, and act on comments.

Every action is a plain form post (CSRF field, 303 back to the queue: works with JavaScript
off) and answers JSON instead when the request asks for it (``Accept: application/json``,
CSRF in the X-CSRFToken header), which is how queue.js acts without a page reload.
"""
from datetime import timedelta

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from moderation.services import decisions as review
from moderation.services import picks
from moderation.services.newsroom import reply_as_newsroom
from moderation.services.undo import undo_last
from moderation.core import wordrules as rules
from moderation.core.ids import parse_id
from moderation.errors import ServiceError
from moderation.http.errors import error_page
from moderation.messages import ERRORS
from moderation.models import utcnow
from moderation.services.queue import FLAG_CODES, QueueQuery, queue_page, scoped_sites, tab_totals
from moderation.services.sites import find_site, granted_site_ids, visible_sites
from moderation.web import present
from moderation.web.auth import safe_next
from moderation.web.forms import REJECT_REASONS, BanForm, BulkForm, EditForm, RejectForm
from moderation.api.shapes import bulk_decisions, decision, pick, reply_decision
from moderation.web.outcomes import bulk_answer, undo_answer

bp = Blueprint("queue", __name__, url_prefix="/moderation")
present.register(bp)


@bp.before_request
@login_required
def require_login():
    """Every queue page and action needs a logged-in moderator (anonymous → login page)."""


def wants_json():
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def _back():
    return redirect(safe_next(request.form.get("next")), 303)


def _highlighter():
    """``rules.highlight(text, site_id)`` with each site's rules as compiled now: one version
    check per site per page, not per row."""
    screen = current_app.extensions.get("comment_screen")
    if screen is None:
        return None
    rulesets = {}

    def highlight(text, site_id):
        if site_id not in rulesets:
            rulesets[site_id] = screen.current(site_id)
        return rules.highlight(text, rulesets[site_id]) if rulesets[site_id] else []
    return highlight


@bp.get("/")
def index():
    """The queue of the moderator's sites (all of them unless ``site=`` picks some); with more
    than one site, a filter control and each row's site name."""
    slugs = [slug for slug in request.args.getlist("site") if slug]
    asked = [find_site(slug).id for slug in slugs] or None
    query = QueueQuery.parse(request.args.get("tab"), request.args.get("article"), request.args.get("flag"),
                             request.args.get("q"), request.args.get("email"), request.args.get("ip"),
                             sites=scoped_sites(granted_site_ids(current_user), asked),
                             featured=request.args.get("featured") == "1")
    page = queue_page(query, current_app.config["QUEUE_PAGE_SIZE"], request.args.get("cursor") or None,
                      highlighter=_highlighter())
    mine = visible_sites(current_user)
    return render_template("moderation/queue.html", query=query, page=page, totals=tab_totals(query, page),
                           reject_reasons=REJECT_REASONS, flag_codes=FLAG_CODES, my_sites=mine,
                           site_slug=slugs[0] if len(slugs) == 1 else None,
                           site_names={site.id: site.name for site in mine} if len(mine) > 1 else None)


def _decided(outcome, action):
    body = decision(outcome, action)
    if wants_json():
        return jsonify(body)
    flash(body["message"], "success" if outcome.changed else "warning")
    return _back()


def _valid(form):
    if not form.validate():
        raise ServiceError("validation", 400, {name: "; ".join(map(str, errors)) for name, errors in form.errors.items()})
    return form


def _expected():
    """The status the row showed when the moderator acted; the queue always sends it."""
    return review.parse_expected(request.form.get("expected_status"))


@bp.post("/comments/<int:comment_id>/approve")
def approve(comment_id):
    return _decided(review.transition(comment_id, "approve", moderator_id=current_user.id,
                                      expected_status=_expected()), "approve")


@bp.post("/comments/<int:comment_id>/reject")
def reject(comment_id):
    reason = _valid(RejectForm()).reason()
    return _decided(review.transition(comment_id, "reject", moderator_id=current_user.id, reason=reason,
                                      expected_status=_expected()), "reject")


@bp.post("/comments/<int:comment_id>/unapprove")
def unapprove(comment_id):
    return _decided(review.transition(comment_id, "unapprove", moderator_id=current_user.id,
                                      expected_status=_expected()), "unapprove")


@bp.post("/comments/<int:comment_id>/keep")
def keep(comment_id):
    return _decided(review.keep(comment_id, moderator_id=current_user.id, expected_status=_expected()), "keep")


@bp.post("/comments/<int:comment_id>/edit")
def edit(comment_id):
    form = _valid(EditForm())
    outcome = review.edit_and_approve(comment_id, form.body.data, moderator_id=current_user.id,
                                      max_length=current_app.config["COMMENT_MAX_LENGTH"],
                                      expected_status=_expected())
    return _decided(outcome, "edit")


def _answered(body, changed):
    """A JSON answer for queue.js, or a flash and back to the queue."""
    if wants_json():
        return jsonify(body)
    flash(body["message"], "success" if changed else "warning")
    return _back()


@bp.post("/comments/<int:comment_id>/feature")
def feature(comment_id):
    """Key ``f`` on a row that is not a pick: a pending comment is approved with it."""
    result = picks.feature(comment_id, moderator_id=current_user.id, expected_status=_expected())
    return _answered(pick(result), result.changed)


@bp.post("/comments/<int:comment_id>/unfeature")
def unfeature(comment_id):
    result = picks.unfeature(comment_id, moderator_id=current_user.id, expected_status=_expected())
    return _answered(pick(result), result.changed)


@bp.post("/comments/<int:comment_id>/reply")
def reply(comment_id):
    """The row's box "Trả lời với tư cách Tòa soạn". The answer names the row's state after it
    (a held comment answered is approved), so queue.js moves the row as after any decision."""
    result = reply_as_newsroom(comment_id, request.form.get("body"), moderator_id=current_user.id,
                               max_length=current_app.config["COMMENT_MAX_LENGTH"])
    return _answered(reply_decision(result), result.created)


@bp.post("/comments/<int:comment_id>/ban")
def ban(comment_id):
    form = _valid(BanForm())
    expires_at = utcnow() + timedelta(days=form.days.data) if form.days.data else None
    ip_expires_at = utcnow() + timedelta(days=form.ip_days.data) if form.ip_days.data else None
    outcome = review.ban_and_reject(comment_id, moderator_id=current_user.id,
                                    reason=(form.reason.data or "").strip() or None, expires_at=expires_at,
                                    expected_status=_expected(), by_email=form.by_email.data,
                                    by_ip=form.by_ip.data, ip_expires_at=ip_expires_at)
    return _decided(outcome, "ban")


def _selection():
    """The ticked rows: ids, each optionally with the status its row showed ("113:pending")."""
    values = request.form.getlist("ids")
    ids, expected = [], {}
    for value in values:
        comment_id, _, status = value.partition(":")
        comment_id = parse_id(comment_id)
        if comment_id is None:
            raise ServiceError("validation", 400, {"ids": ERRORS["validation"]})
        ids.append(comment_id)
        if status:
            expected[comment_id] = review.parse_expected(status)
    if not ids:
        raise ServiceError("validation", 400, {"ids": ERRORS["validation"]})
    return ids, expected


@bp.post("/bulk")
def bulk():
    form = _valid(BulkForm())
    ids, expected = _selection()
    results = review.bulk_transition(ids, form.action.data, moderator_id=current_user.id, expected=expected,
                                     reason=form.reason() if form.action.data == "reject" else None)
    body = bulk_answer(results, form.action.data)
    if wants_json():
        return jsonify(body)
    flash(body["message"], "success")
    return _back()


@bp.post("/undo")
def undo():
    outcomes = undo_last(current_user.id)
    message = undo_answer(outcomes)
    changed = any(o.changed for o in outcomes)
    if wants_json():
        if len(outcomes) == 1:
            return jsonify(decision(outcomes[0], message=message))
        return jsonify(bulk_decisions([review.BulkResult(o.comment.id, o) for o in outcomes], message))
    flash(str(message), "success" if changed else "warning")
    return _back()


@bp.errorhandler(ServiceError)
def refused(error):
    """A refused action: JSON for queue.js, else a flash and back to the queue (PRG). A 409's
    message is the service's sentence (who acted, when), never rebuilt here."""
    message = str(error.message or ERRORS.get(error.code, ERRORS["internal"]))
    if request.method == "GET" and not wants_json():
        return error_page(error.status, error.code, message)
    if wants_json():
        return jsonify({"error": {"code": error.code, "message": message,
                                  "fields": {k: str(v) for k, v in error.fields.items()}}}), error.status
    flash(message, "error")
    return _back()


@bp.errorhandler(400)
def bad_request(error):
    """Chiefly a missing or stale CSRF token: 400, as JSON for queue.js."""
    if wants_json():
        return jsonify({"error": {"code": "bad_request", "message": str(ERRORS["bad_request"]), "fields": {}}}), 400
    return error_page(400)


def queue_url(**args):
    return url_for("queue.index", **{k: v for k, v in args.items() if v})
