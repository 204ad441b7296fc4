"""Readers' data requests on an admin page (/moderation/admin/readers): the same export and
erasure as ``flask readers``, through ``services.readers``, audited under the admin's name, on
one site chosen among those the admin may act on (a slug not offered fails the form)."""
import json

from flask import Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderation import messages
from moderation.core.emails import hash_email
from moderation.errors import ServiceError
from moderation.services import readers as service
from moderation.models import DEFAULT_SITE_SLUG
from moderation.services.sites import visible_sites
from moderation.web.admin.access import bp
from moderation.web.admin.forms import ReaderRequestForm


def _hasher():
    secret = current_app.config["SECRET_KEY"]
    return lambda email: hash_email(email, secret)


def _site_choices():
    return [(site.slug, site.name) for site in visible_sites(current_user)]


def _answer(form):
    email, action, site = form.email.data, form.action.data, form.site.data
    if action == "export":
        document = service.reader_data(email, site=site, actor=current_user, email_hash=_hasher())
        return Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json",
                        headers={"Content-Disposition": "attachment; filename=du-lieu-ban-doc.json"})
    count = service.erase(email, site=site, mode=action, actor=current_user, email_hash=_hasher())
    flash(str(messages.erased(count, action)), "success")
    return redirect(url_for(".readers"), 303)


@bp.route("/readers", methods=["GET", "POST"])
def readers():
    form = ReaderRequestForm()
    form.site.choices = _site_choices()
    if form.site.data is None:
        form.site.data = DEFAULT_SITE_SLUG
    if form.validate_on_submit():
        try:
            return _answer(form)
        except ServiceError as error:
            form.email.errors = [*form.email.errors, *(str(r) for r in error.fields.values())]
    status = 400 if form.errors else 200
    return render_template("admin/readers.html", form=form, title=_("Yêu cầu của bạn đọc")), status
