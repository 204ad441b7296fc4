"""Language and display: Vietnamese unless the reader asks for English; times in Vietnam."""
from babel import Locale
from flask import has_request_context, request
from flask_babel import format_decimal, get_locale

from moderation.core.times import VIETNAM, local_iso

# Parsed once: Flask-Babel parses whatever the selector returns, unless it is already a Locale,
# and a submission's one message paid ~50 µs for Locale.parse("vi").
LOCALES = {code: Locale.parse(code) for code in ("vi", "en")}


def select_locale():
    """Explicit choice only (``?lang=`` or the ``lang`` cookie): the site's language is Vietnamese.

    The JSON API always answers in Vietnamese: its error messages are part of the public contract.
    """
    if not has_request_context() or request.path.startswith("/api/"):  # the CLI speaks Vietnamese too
        return LOCALES["vi"]
    choice = request.args.get("lang") or request.cookies.get("lang")
    return LOCALES.get(choice, LOCALES["vi"])


def local_time(moment):
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")


def vn_number(value):
    return format_decimal(value)


def init_app(app):
    app.jinja_env.filters.update(local_time=local_time, local_iso=local_iso, vn_number=vn_number)
    app.jinja_env.globals.update(current_locale=lambda: str(get_locale()))
