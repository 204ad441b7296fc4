"""A service's refusal on an HTML form: each reason under the field it names, the rest flashed once.

The reader's page, the admin pages and the accounts pages all show refusals this way; the
sentences come from the service (``messages.FIELDS``), never from a table of codes here.
"""
from flask import flash

from moderation.messages import ERRORS


def show_refusal(form, error, visible=None):
    """Put ``error``'s field reasons on ``form``'s fields (only those in ``visible`` when given:
    a hidden field shows nothing), and flash what no field shows, or the error's own sentence."""
    unshown = []
    for name, reason in error.fields.items():
        field = getattr(form, name, None) if form is not None else None
        if field is not None and (visible is None or name in visible):
            field.errors = [*field.errors, str(reason)]
        else:
            unshown.append(str(reason))
    if unshown or not error.fields:
        flash(" ".join(unshown) or str(error.message or ERRORS.get(error.code, ERRORS["internal"])), "error")
