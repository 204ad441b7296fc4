"""The outbox on an admin page (/moderation/admin/outbox): what is due, what went out today,
and what failed with the SMTP server's answer. Read-only: the worker does the sending."""
from flask import render_template

from moderation.services import outbox as service
from moderation.web.admin.access import bp


@bp.route("/outbox", methods=["GET"], endpoint="outbox")
def outbox():
    return render_template("admin/outbox.html", view=service.overview())
