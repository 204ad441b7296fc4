"""Who may frame our pages, which scripts they may run, and who may keep a copy of them.

A page on a sibling subdomain once framed the logged-in queue invisibly, and one click
approved a comment. So every answer under ``/moderation/`` (the queue, the log, the admin
pages, login and logout; errors included, and any route added later) says:

- ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``: no page anywhere may frame it;
- a script policy of ``'self'`` only: the pages load ``/static/*.js`` and have no inline
  script or handler, so an injected ``<script>`` or ``onclick`` would not run;
- ``Cache-Control: no-store``: what a moderator saw is not kept by a browser or proxy.

Only the readers' section (``/articles/<id>/comments``) may be framed, by the site's own
origins (``site_origins``), which the news site's article pages use for the no-JS section.
"""
from flask import request

from moderation.http.cors import site_origins

STAFF_PREFIX = "/moderation/"
STAFF_POLICY = "; ".join((
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"))
STAFF_HEADERS = {
    "Content-Security-Policy": STAFF_POLICY,
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def reader_frame_policy(response):
    """Let the site's origins (and ourselves) frame this answer, and nobody else."""
    ancestors = " ".join(["'self'", *site_origins()])
    response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
    return response


def _staff_headers(response):
    if request.path.startswith(STAFF_PREFIX) or request.path == STAFF_PREFIX.rstrip("/"):
        response.headers.update(STAFF_HEADERS)
    return response


def init_app(app):
    app.after_request(_staff_headers)
