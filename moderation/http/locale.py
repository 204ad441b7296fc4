"""Language and display: Vietnamese unless the reader asks for English; times in Vietnam."""
from flask import has_request_context, request
from flask_babel import format_decimal, get_locale

from moderation.core.times import VIETNAM, local_iso

LOCALES = ("vi", "en")


def select_locale():
    """Explicit choice only (``?lang=`` or the ``lang`` cookie): the site's language is Vietnamese.

    The JSON API always answers in Vietnamese: its error messages are part of the public contract.
    """
    if not has_request_context() or request.path.startswith("/api/"):  # the CLI speaks Vietnamese too
        return "vi"
    choice = request.args.get("lang") or request.cookies.get("lang")
    return choice if choice in LOCALES else "vi"


def local_time(moment):
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")


def vn_number(value):
    return format_decimal(value)


def init_app(app):
    app.jinja_env.filters.update(local_time=local_time, local_iso=local_iso, vn_number=vn_number)
    app.jinja_env.globals.update(current_locale=lambda: str(get_locale()))
