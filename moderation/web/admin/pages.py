"""The admins' pages under /moderation/admin: word lists, bans, site and per-article settings
(moderator accounts live in ``accounts``, on the same blueprint).

Access is checked once for the blueprint (``access``); every form carries a CSRF token. Views parse a form, call one service and redirect (303) so
a reload never posts twice; service refusals come back as form errors.
"""
import re

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderation.services.articles import SITE_DEFAULT, SITE_DEFAULTS, comments_open, effective_moderation, find_article, update_article
from moderation.services.bans import ban_value, create_ban, lift_ban, list_bans
from moderation.http.clientip import hash_ip
from moderation.core.ids import ARTICLE_ID_PATTERN
from moderation.errors import ServiceError
from moderation.services.settings import set_lockdown, site_defaults, update_site_defaults
from moderation.models import DEFAULT_SITE_SLUG
from moderation.services.sites import find_site, origins_of, visible_sites
from moderation.services.wordlists import export_terms, import_terms, replace_word_lists, word_lists
from moderation.web.admin.forms import (ArticleForm, BanForm, ImportForm, LiftForm, LockdownForm, SiteSettingsForm,
                                        WordListsForm)
from moderation.web.admin.access import bp
from moderation.web.refusals import show_refusal



@bp.get("/")
def index():
    return redirect(url_for(".rules"))


def _list_owner():
    """The site whose additions the word-filter page edits (``?site=slug``), or None for the
    installation's lists; an unknown slug is the 404 page."""
    slug = (request.args.get("site") or "").strip()
    return find_site(slug) if slug else None


def _rules_page(form, import_form, site, status):
    return render_template("admin/rules.html", form=form, import_form=import_form, site=site,
                           sites=visible_sites(current_user),
                           installation=word_lists() if site is not None else None), status


@bp.route("/rules", methods=["GET", "POST"])
def rules():
    site = _list_owner()
    site_id = site.id if site is not None else None
    form = WordListsForm()
    if form.validate_on_submit():
        try:
            replace_word_lists(**form.lists(), actor=current_user, site_id=site_id)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã lưu bộ lọc từ ngữ. Bình luận mới được kiểm tra theo bộ lọc này ngay."), "success")
            return redirect(url_for(".rules", site=site.slug if site else None), 303)
    elif request.method == "GET":
        lists = word_lists(site_id)
        form.banned.data = "\n".join(lists["banned"])
        form.suspect.data = "\n".join(lists["suspect"])
    return _rules_page(form, ImportForm(formdata=None), site, 400 if form.errors else 200)


@bp.post("/rules/import")
def import_rules():
    site = _list_owner()
    site_id = site.id if site is not None else None
    form = ImportForm()
    if form.validate_on_submit():
        try:
            text = form.file.data.read().decode("utf-8-sig")
            import_terms(form.tier.data, text, actor=current_user, site_id=site_id)
        except UnicodeDecodeError:
            form.file.errors = [_("Tệp phải được mã hóa UTF-8.")]
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã nhập danh sách từ tệp."), "success")
            return redirect(url_for(".rules", site=site.slug if site else None), 303)
    lists = word_lists(site_id)
    words = WordListsForm(formdata=None, data={k: "\n".join(v) for k, v in lists.items()})
    return _rules_page(words, form, site, 400)


@bp.get("/rules/<any(banned, suspect):tier>.txt")
def export_rules(tier):
    site = _list_owner()
    name = f"{site.slug}-{tier}" if site is not None else tier
    return Response(export_terms(tier, site.id if site is not None else None), mimetype="text/plain",
                    headers={"Content-Disposition": f"attachment; filename={name}-words.txt"})


@bp.route("/bans", methods=["GET", "POST"])
def bans():
    """Ban installation-wide (every site) or on one site; the list names each ban's scope."""
    sites = visible_sites(current_user)
    form = BanForm()
    form.site.choices = [("", _("Mọi trang")), *((site.slug, site.name) for site in sites)]
    if form.validate_on_submit():
        try:
            site_id = find_site(form.site.data).id if form.site.data else None
            value = ban_value(form.kind.data, form.value.data,
                              hash_ip=lambda ip: hash_ip(ip, current_app.config["SECRET_KEY"]),
                              ipv6_prefix=current_app.config["IPV6_PREFIX"])
            create_ban(form.kind.data, value, actor=current_user, reason=form.reason.data or "",
                       expires_at=form.expires_at(), site_id=site_id)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã chặn người gửi."), "success")
            return redirect(url_for(".bans"), 303)
    show_all = request.args.get("all") == "1"
    return render_template("admin/bans.html", form=form, lift_form=LiftForm(), show_all=show_all,
                           bans=list_bans(active_only=not show_all),
                           site_names={site.id: site.name for site in sites}), 400 if form.errors else 200


@bp.post("/bans/<int:ban_id>/lift")
def lift(ban_id):
    if not LiftForm().validate_on_submit():
        return redirect(url_for(".bans"), 303)
    lift_ban(ban_id, actor=current_user)
    flash(_("Đã bỏ chặn."), "success")
    return redirect(url_for(".bans"), 303)


def _article_site():
    """The site an article's settings are read or written on: ``?site=slug``, else the default site."""
    slug = request.args.get("site") or None
    return find_site(slug) if slug else find_site(DEFAULT_SITE_SLUG)


def _article_form(article_id, site_id):
    """The article (None if new) and a form showing its own settings ("" where it follows the site)."""
    article = find_article(article_id, site_id) if article_id else None
    form = ArticleForm(formdata=None)
    form.close_after_days.data = article.close_after_days if article is not None else None
    own_open = article.comments_open if article is not None else None
    form.comments_open.data = "" if own_open is None else ("1" if own_open else "0")
    form.moderation.data = article.moderation.value if article is not None and article.moderation else ""
    return article, form


@bp.route("/settings", methods=["GET", "POST"])
def settings():
    form = SiteSettingsForm()
    if form.validate_on_submit():
        try:
            update_site_defaults(actor=current_user, moderation=form.moderation.data,
                                 comments_open=form.comments_open.data, registered_only=form.registered_only.data,
                                 close_after_days=form.close_after_days.data,
                                 staff_badge=form.staff_badge.data or SITE_DEFAULTS["staff_badge"],
                                 default_sort=form.default_sort.data or None)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã lưu cài đặt chung."), "success")
            return redirect(url_for(".settings"), 303)
    defaults = site_defaults()
    if request.method == "GET":
        form.moderation.data = defaults["moderation"].value
        form.comments_open.data = defaults["comments_open"]
        form.registered_only.data = defaults["registered_only"]
        form.close_after_days.data = defaults["close_after_days"]
        # Blank while it is the default: the label is the site's data, not the page's language.
        form.staff_badge.data = "" if defaults["staff_badge"] == SITE_DEFAULTS["staff_badge"] else defaults["staff_badge"]
        form.default_sort.data = defaults["default_sort"]
    article_id = (request.args.get("article_id") or "").strip()
    valid_id = bool(re.fullmatch(ARTICLE_ID_PATTERN, article_id))
    site = _article_site()
    article, article_form = _article_form(article_id if valid_id else None, site.id)
    sites = visible_sites(current_user)
    return render_template("admin/settings.html", form=form, article_id=article_id, valid_id=valid_id,
                           lockdown=defaults["lockdown"], lockdown_form=LockdownForm(),
                           article=article, article_form=article_form,
                           effective_open=comments_open(article, site_id=site.id),
                           effective_moderation=effective_moderation(article, site_id=site.id).value,
                           article_site=site, sites=sites if len(sites) > 1 else None), \
        400 if form.errors else 200


@bp.post("/articles/<article:article_id>")
def article(article_id):
    """Save one article's own settings, on the site ``?site=slug`` names (the default site without it)."""
    site = _article_site()
    form = ArticleForm()
    if form.validate_on_submit():
        is_open = {"1": True, "0": False}.get(form.comments_open.data, SITE_DEFAULT)
        days = form.close_after_days.data
        update_article(article_id, actor=current_user,
                       origins=origins_of(site.id, current_app.config["ALLOWED_ORIGINS"]),
                       comments_open=is_open, moderation=form.moderation.data or SITE_DEFAULT,
                       close_after_days=SITE_DEFAULT if days is None else days, site_id=site.id)
        flash(_("Đã lưu cài đặt của bài viết %(id)s.", id=article_id), "success")
    else:
        flash(_("Không lưu được cài đặt của bài viết."), "error")
    return redirect(url_for(".settings", article_id=article_id,
                            site=None if site.slug == DEFAULT_SITE_SLUG else site.slug), 303)


@bp.post("/lockdown")
def lockdown():
    """Lock every article's comments at once, or lift the lock: articles reopen as they were."""
    if LockdownForm().validate_on_submit():
        locked = request.form.get("locked") == "1"
        set_lockdown(locked, actor=current_user)
        flash(_("Đã khóa toàn bộ bình luận.") if locked else _("Đã mở khóa bình luận. Các bài viết trở lại như trước."),
              "success")
    return redirect(url_for(".settings"), 303)
