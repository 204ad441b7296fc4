"""The admins' list of articles (/moderation/admin/articles): find an article by its title and
reach its settings and its queue without knowing the internal id; ``?site=slug`` keeps to one site."""
from flask import render_template, request
from flask_login import current_user

from moderation.services.articles import closes_at, comments_open, effective_moderation, list_articles
from moderation.services.sites import find_site, visible_sites
from moderation.web.admin.access import bp


@bp.get("/articles")
def articles():
    search = (request.args.get("q") or "").strip()[:300] or None
    slug = request.args.get("site") or None
    chosen = find_site(slug) if slug else None
    rows, next_cursor = list_articles(search, cursor=request.args.get("cursor") or None,
                                      site_id=chosen.id if chosen else None)
    listed = [{"article": article, "pending": pending, "last": last, "open": comments_open(article),
               "closes_at": closes_at(article), "moderation": effective_moderation(article).value}
              for article, pending, last in rows]
    sites = visible_sites(current_user)
    return render_template("admin/articles.html", rows=listed, search=search or "", next_cursor=next_cursor,
                           sites=sites if len(sites) > 1 else None, site_slug=chosen.slug if chosen else None,
                           site_slugs={site.id: site.slug for site in sites},
                           site_names={site.id: site.name for site in sites} if len(sites) > 1 else None)
