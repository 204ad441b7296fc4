"""Moderators' login and logout (/moderation/login, /moderation/logout).

Login answers a wrong password and an unknown user with the same page, is rate limited
per address (failures only) and slowed per username without locking its owner out
(``services.login_throttle``), starts a fresh session, and follows ``next`` only to a
path on this site.
"""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from moderation.services.login_throttle import LoginThrottle, TryLater, attempt_login
from moderation.services.sessions import end_session, start_session
from moderation.http.clientip import client_ip
from moderation.extensions import limiter
from moderation.web.forms import LoginForm

bp = Blueprint("auth", __name__, url_prefix="/moderation")


def safe_next(target, default=None):
    """``target`` when it is a path on this site, else ``default`` (the queue).

    Rejects absolute and scheme-relative URLs ("//evil", "/\\evil"), other schemes and
    control characters, so a crafted login link cannot send a moderator elsewhere.
    """
    default = default or url_for("queue.index")
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target


def _throttle():
    config = current_app.config
    return LoginThrottle(limiter.limiter.storage, per_user=config["LOGIN_RATE_LIMIT_PER_USER"],
                         per_address=config["LOGIN_RATE_LIMIT_PER_IP"], prefix=config["RATELIMIT_KEY_PREFIX"])


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        if current_user.is_authenticated:
            return redirect(safe_next(request.args.get("next")), 303)
        form.next.data = request.args.get("next", "")
        return render_template("moderation/login.html", form=form)
    moderator = None
    if form.validate_on_submit():
        try:
            moderator = attempt_login(form.username.data, form.password.data, address=client_ip(),
                                      throttle=_throttle())
        except TryLater as wait:
            return _blocked(wait.retry_after)
    if moderator is None:
        return render_template("moderation/login.html", form=form, failed=True), 200
    target = safe_next(form.next.data)
    # A new session: nothing planted before login (a fixed session, a stale CSRF token) survives it.
    session.clear()
    start_session(moderator)
    login_user(moderator)
    return redirect(target, 303)


def _wait_message(retry_after):
    if retry_after is None:
        return _("Quá nhiều lần đăng nhập không thành công. Vui lòng thử lại sau ít phút.")
    if retry_after < 120:
        return _("Quá nhiều lần đăng nhập không thành công. Vui lòng thử lại sau %(n)s giây.", n=retry_after)
    return _("Quá nhiều lần đăng nhập không thành công. Vui lòng thử lại sau %(n)s phút.", n=-(-retry_after // 60))


def _blocked(retry_after=None):
    form = LoginForm(formdata=None)
    headers = {"Retry-After": str(retry_after or 60)}
    return render_template("moderation/login.html", form=form, blocked=_wait_message(retry_after)), 429, headers


@bp.errorhandler(429)
def too_many_attempts(_error):
    return _blocked()


@bp.post("/logout")
def logout():
    """POST only (with CSRF): a link or an image on another site cannot log a moderator out.

    Ends this session on the server too, so a copy of its cookie opens nothing afterwards.
    """
    if current_user.is_authenticated:
        end_session(current_user.login_key)
    logout_user()
    session.clear()
    return redirect(url_for(".login"), 303)
