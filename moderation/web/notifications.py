"""A reader's e-mail links: confirm the opt-in, unsubscribe. No login, no cookie, no CSRF token.

GET shows a page with one button and changes nothing, because mail scanners and link previews
fetch every link in a mail; POST acts. The POSTs are exempt from CSRF on purpose: CSRF protects
an ambient credential (a cookie) that a forged cross-site request would carry along, and these
routes have none. The only credential is the signed token in the URL, which only the mailbox
that received it knows; a forged request that knows it could act as well by a plain POST, so a
CSRF token would add nothing. For the one-click unsubscribe it is also required: RFC 8058 has
the mail provider POST ``List-Unsubscribe=One-Click`` to the URL with no cookie and no token.
"""
from flask import Blueprint, render_template

from moderation.services import notifications

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _page(template, subscription, done=False, status=200):
    html = render_template(template, done=done, site_name=notifications.site_name(subscription))
    # The token is in the URL: no other page may see it in a Referer, no cache may keep the page.
    return html, status, {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.get("/confirm/<token>")
def confirm_page(token):
    return _page("notifications/confirm.html", notifications.check_confirm(token))


@bp.post("/confirm/<token>")
def confirm(token):
    return _page("notifications/confirm.html", notifications.confirm(token), done=True)


@bp.get("/unsubscribe/<token>")
def unsubscribe_page(token):
    return _page("notifications/unsubscribe.html", notifications.check_unsubscribe(token))


@bp.post("/unsubscribe/<token>")
def unsubscribe(token):
    """The page's button and the RFC 8058 one-click POST (body ``List-Unsubscribe=One-Click``) alike."""
    return _page("notifications/unsubscribe.html", notifications.unsubscribe(token), done=True)
