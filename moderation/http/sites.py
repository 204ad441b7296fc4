"""Which site a reader's request is for: ``/sites/<site>/...`` names it, every other path is the default's.

``scope_blueprint(bp)`` resolves the ``site`` URL value before any view or hook of ``bp``
runs: ``g.site_id`` and ``g.site_origins`` for the views and for CORS, framing and the
article URL rule (``http.cors.site_origins``), the slug for the rate-limit keys. An unknown
slug is ServiceError(404, "unknown_site"): a JSON 404 on /api/, the 404 page elsewhere.
URLs a view builds (``url_for``) keep the site it was asked for.

``site_routes(bp, rule)`` registers a view under both paths: today's unprefixed one, which
stays the default site's unchanged, and the ``/sites/<site>`` one.
"""
from flask import current_app, g

from moderation.errors import ServiceError
from moderation.models import DEFAULT_SITE_ID, DEFAULT_SITE_SLUG
from moderation.services.sites import comment_site, origins_of, site_id

SITE_PREFIX = "/sites/<site:site>"

# A comment never changes site, so each worker keeps the site of the comments it has seen:
# one query less per like (the lookup was 15 % of a like's CPU, pool checkout included).
MAX_KEPT_SITES = 50_000


def comment_origins(comment_id):
    """The origins of the site ``comment_id`` belongs to, or None for no such comment (needs the
    app context). Routes named by a comment id (likes) answer CORS for that site's origins only."""
    kept = current_app.extensions.setdefault("comment_sites", {})
    site = kept.get(comment_id)
    if site is None:
        site = comment_site(comment_id)
        if site is None:
            return None
        if len(kept) >= MAX_KEPT_SITES:
            kept.clear()
        kept[comment_id] = site
    return origins_of(site, current_app.config["ALLOWED_ORIGINS"])


def _resolve(endpoint, values):
    slug = (values or {}).pop("site", DEFAULT_SITE_SLUG)
    g.site_slug = slug
    g.site_origins = []
    try:
        g.site_id = site_id(slug)
    except ServiceError:
        g.site_id = None
        raise
    g.site_origins = origins_of(g.site_id, current_app.config["ALLOWED_ORIGINS"])


def _keep_site(endpoint, values):
    slug = g.get("site_slug")
    if slug and slug != DEFAULT_SITE_SLUG:
        values.setdefault("site", slug)


def scope_blueprint(bp):
    bp.url_value_preprocessor(_resolve)
    bp.url_defaults(_keep_site)
    return bp


def site_routes(bp, rule, **options):
    """``@bp.route(rule)`` and ``@bp.route("/sites/<site>" + rule)`` for one view."""
    def register(view):
        bp.add_url_rule(rule, view_func=view, **options)
        bp.add_url_rule(SITE_PREFIX + rule, view_func=view, **options)
        return view
    return register


def current_site_id():
    """The site of this request (the default site outside the site-scoped blueprints)."""
    return g.get("site_id") or DEFAULT_SITE_ID


def current_site_slug():
    return g.get("site_slug") or DEFAULT_SITE_SLUG
