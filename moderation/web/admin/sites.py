"""The admins' sites page (/moderation/admin/sites): every site with its origins and totals,
a form to add one, and each site's page to edit its name, origins and own settings and to
grant or revoke its moderators.

Behind the admin blueprint's one access check (admins only). Each view calls one service of
``services.sites``, which audits the change; refusals come back under their fields.
"""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderation.errors import ServiceError
from moderation.models import DEFAULT_SITE_ID, Role
from moderation.services import accounts
from moderation.services import sites as service
from moderation.web.admin.access import bp
from moderation.web.admin.forms import AccountActionForm, GrantForm, NewSiteForm, SiteForm
from moderation.web.refusals import show_refusal


def _defaults():
    return current_app.config["ALLOWED_ORIGINS"]


@bp.route("/sites", methods=["GET", "POST"])
def sites():
    form = NewSiteForm()
    if form.validate_on_submit():
        try:
            site = service.add_site(form.slug.data.strip(), name=form.name.data, origins=form.origin_list(),
                                    actor=current_user, default_origins=_defaults())
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã thêm trang %(name)s. Nhúng bình luận với data-site=\"%(slug)s\".",
                    name=site.name, slug=site.slug), "success")
            return redirect(url_for(".site", slug=site.slug), 303)
    totals = service.site_totals()
    rows = [{"site": site, "origins": origins, "totals": totals.get(site.id, (0, 0))}
            for site, origins in service.list_sites(_defaults())]
    return render_template("admin/sites.html", rows=rows, form=form), 400 if form.errors else 200


def _site_form(site):
    own = service.own_settings(site)
    form = SiteForm(formdata=None)
    form.name.data = site.name
    form.origin.data = "\n".join(service.origins_of(site.id, _defaults()))
    form.moderation.data = own.get("moderation", "")
    form.comments_open.data = own.get("comments_open", "")
    form.close_after_days.data = _number(own.get("close_after_days"))
    form.lockdown.data = own.get("lockdown") == "1"
    form.alert_pending_minutes.data = _number(own.get("alert_pending_minutes"))
    form.alert_pending_count.data = _number(own.get("alert_pending_count"))
    return form


def _number(text):
    return int(text) if text is not None else None


def _own(value):
    """A number field's value for ``update_site``: blank drops the site's own, follows the installation."""
    return service.FOLLOW if value is None else value


def _grant_form(site):
    """The moderators who may still be granted ``site`` (admins act on every site without a grant)."""
    granted = {m.id for m in service.granted_moderators(site)}
    form = GrantForm()
    form.username.choices = [(m.username, m.username) for m in accounts.list_moderators()
                             if m.role == Role.MODERATOR and m.id not in granted]
    return form


def _page(site, form, grant_form=None, status=200):
    return render_template("admin/site.html", site=site, form=form, grant_form=grant_form or _grant_form(site),
                           revoke_form=AccountActionForm(formdata=None), granted=service.granted_moderators(site),
                           is_default=site.id == DEFAULT_SITE_ID), status


@bp.route("/sites/<slug>", methods=["GET", "POST"])
def site(slug):
    site = service.find_site(slug)
    form = SiteForm()
    if not form.is_submitted():
        return _page(site, _site_form(site))
    if form.validate():
        try:
            service.update_site(
                site.slug, actor=current_user, default_origins=_defaults(), name=form.name.data,
                origins=None if site.id == DEFAULT_SITE_ID else form.origin_list(),
                moderation=form.moderation.data or service.FOLLOW,
                comments_open={"1": True, "0": False}.get(form.comments_open.data, service.FOLLOW),
                close_after_days=_own(form.close_after_days.data),
                # Unticked drops the site's own lock: the installation's switch still holds every site.
                lockdown=True if form.lockdown.data else service.FOLLOW,
                alert_pending_minutes=_own(form.alert_pending_minutes.data),
                alert_pending_count=_own(form.alert_pending_count.data))
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã lưu trang %(name)s.", name=form.name.data), "success")
            return redirect(url_for(".site", slug=site.slug), 303)
    return _page(site, form, status=400)


@bp.post("/sites/<slug>/grants")
def grant(slug):
    site = service.find_site(slug)
    form = _grant_form(site)
    moderator = accounts.find_moderator(form.username.data or "") if form.validate_on_submit() else None
    if moderator is not None:
        service.set_grants(moderator, [site.slug], actor=current_user, grant=True)
        flash(_("Đã giao trang %(site)s cho %(name)s.", site=site.name, name=moderator.username), "success")
    else:
        flash(_("Vui lòng chọn một kiểm duyệt viên."), "error")
    return redirect(url_for(".site", slug=site.slug), 303)


@bp.post("/sites/<slug>/grants/<int:moderator_id>/revoke")
def revoke(slug, moderator_id):
    site = service.find_site(slug)
    moderator = accounts.get_moderator(moderator_id)
    if AccountActionForm().validate_on_submit():
        service.set_grants(moderator, [site.slug], actor=current_user, grant=False)
        flash(_("Đã thu hồi trang %(site)s của %(name)s.", site=site.name, name=moderator.username), "success")
    return redirect(url_for(".site", slug=site.slug), 303)
