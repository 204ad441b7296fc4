"""The admins' page for moderator accounts, under /moderation/admin/moderators.

List, create, change role, reset password (the account's sessions end), deactivate or
reactivate, and issue an API token shown once. Routes are added to the admin blueprint by
the admin blueprint, so they share its URL prefix, access check, ``admin.`` endpoint names and menu.
Every change is audited by the account service with the admin as its actor.
"""
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from moderation.services import accounts, moderator_mail
from moderation.services import tokens as api_tokens
from moderation.errors import ServiceError
from moderation.web.admin.forms import (AccountActionForm, DisplayNameForm, MailForm, NewModeratorForm, PasswordForm,
                                        RoleForm)
from moderation.web.admin.access import bp
from moderation.web.refusals import show_refusal

@bp.route("/moderators", methods=["GET", "POST"])
def moderators():
    form = NewModeratorForm()
    if form.validate_on_submit():
        try:
            moderator = accounts.create_moderator(form.username.data, form.password.data, form.role.data,
                                                  actor=current_user)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã tạo tài khoản %(name)s.", name=moderator.username), "success")
            return redirect(url_for(".moderators"), 303)
    return render_template("admin/moderators.html", form=form, moderators=accounts.list_moderators()), \
        400 if form.errors else 200


def _detail(moderator, status=200, token=None, **forms):
    forms.setdefault("role_form", RoleForm(formdata=None, role=moderator.role.value))
    forms.setdefault("password_form", PasswordForm(formdata=None))
    forms.setdefault("name_form", DisplayNameForm(formdata=None, display_name=moderator.display_name or ""))
    forms.setdefault("mail_form", MailForm(formdata=None, email=moderator.email,
                                           preference=moderator.mail_preference.value))
    headers = {"Cache-Control": "no-store"} if token else {}
    return render_template("admin/moderator.html", moderator=moderator, token=token,
                           tokens=api_tokens.list_tokens(moderator),
                           action_form=AccountActionForm(formdata=None), **forms), status, headers


@bp.route("/moderators/<int:moderator_id>", methods=["GET"])
def moderator(moderator_id):
    return _detail(accounts.get_moderator(moderator_id))


@bp.route("/moderators/<int:moderator_id>/role", methods=["POST"])
def change_role(moderator_id):
    moderator = accounts.get_moderator(moderator_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _detail(moderator, 400, role_form=form)
    try:
        accounts.change_role(moderator, form.role.data, actor=current_user)
    except ServiceError as error:
        show_refusal(form, error)
        return _detail(moderator, error.status, role_form=form)
    flash(_("Đã đổi vai trò của %(name)s.", name=moderator.username), "success")
    return redirect(url_for(".moderator", moderator_id=moderator.id), 303)


@bp.route("/moderators/<int:moderator_id>/display-name", methods=["POST"])
def display_name(moderator_id):
    """The name that signs the account's newsroom replies; blank signs with the username."""
    moderator = accounts.get_moderator(moderator_id)
    form = DisplayNameForm()
    if form.validate_on_submit():
        try:
            accounts.set_display_name(moderator, form.display_name.data, actor=current_user)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã đổi tên hiển thị của %(name)s.", name=moderator.username), "success")
            return redirect(url_for(".moderator", moderator_id=moderator.id), 303)
    return _detail(moderator, 400, name_form=form)


@bp.route("/moderators/<int:moderator_id>/password", methods=["POST"])
def reset_password(moderator_id):
    moderator = accounts.get_moderator(moderator_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.set_password(moderator, form.password.data, actor=current_user)
        except ServiceError as error:
            show_refusal(form, error)
        else:
            flash(_("Đã đặt mật khẩu mới cho %(name)s; mọi phiên đăng nhập cũ đã kết thúc.",
                    name=moderator.username), "success")
            return redirect(url_for(".moderator", moderator_id=moderator.id), 303)
    return _detail(moderator, 400, password_form=form)


def _set_active(moderator_id, active):
    moderator = accounts.get_moderator(moderator_id)
    if not AccountActionForm().validate_on_submit():
        return _detail(moderator, 400)
    try:
        accounts.set_active(moderator, active, actor=current_user)
    except ServiceError as error:
        show_refusal(None, error)
        return _detail(moderator, error.status)
    flash(_("Đã mở lại tài khoản %(name)s.", name=moderator.username) if active else
          _("Đã khóa tài khoản %(name)s; phiên đăng nhập và mã API của tài khoản đã bị thu hồi.",
            name=moderator.username), "success")
    return redirect(url_for(".moderator", moderator_id=moderator.id), 303)


@bp.route("/moderators/<int:moderator_id>/deactivate", methods=["POST"])
def deactivate(moderator_id):
    return _set_active(moderator_id, False)


@bp.route("/moderators/<int:moderator_id>/reactivate", methods=["POST"])
def reactivate(moderator_id):
    return _set_active(moderator_id, True)


@bp.route("/moderators/<int:moderator_id>/token", methods=["POST"])
def create_token(moderator_id):
    """A new API token, shown on this one answer only (never flashed: the session cookie is not secret)."""
    moderator = accounts.get_moderator(moderator_id)
    if not AccountActionForm().validate_on_submit():
        return _detail(moderator, 400)
    try:
        token = accounts.create_token(moderator, actor=current_user)
    except ServiceError as error:
        show_refusal(None, error)
        return _detail(moderator, error.status)
    return _detail(moderator, token=token)


@bp.route("/moderators/<int:moderator_id>/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_token(moderator_id, token_id):
    """End one API token at once; the row stays, so the list still shows when it was used."""
    moderator = accounts.get_moderator(moderator_id)
    if not AccountActionForm().validate_on_submit():
        return _detail(moderator, 400)
    api_tokens.revoke_token(moderator, token_id, actor=current_user)
    flash(_("Đã thu hồi mã API #%(id)s của %(name)s.", id=token_id, name=moderator.username), "success")
    return redirect(url_for(".moderator", moderator_id=moderator.id), 303)


@bp.route("/moderators/<int:moderator_id>/mail", methods=["POST"])
def change_mail(moderator_id):
    """The account's e-mail and its choice of alerts, a daily digest or nothing."""
    moderator = accounts.get_moderator(moderator_id)
    form = MailForm()
    if not form.validate_on_submit():
        return _detail(moderator, 400, mail_form=form)
    try:
        moderator_mail.set_mail(moderator, form.email.data, form.preference.data, actor=current_user)
    except ServiceError as error:
        show_refusal(form, error, visible={"email", "preference"})
        if "mail_preference" in error.fields:
            form.preference.errors = [str(error.fields["mail_preference"])]
        return _detail(moderator, error.status, mail_form=form)
    flash(_("Đã lưu email và lựa chọn nhận thư của %(name)s.", name=moderator.username), "success")
    return redirect(url_for(".moderator", moderator_id=moderator.id), 303)
