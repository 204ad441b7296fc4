"""Sites: one installation serving many news sites, each with its own origins, settings and moderators.

Contract:
- A slug is ``a-z0-9-``, 1-40 characters (``core.ids.valid_site_slug``); anything else is
  refused with a 400 naming the field, never rewritten.
- An origin is ``scheme://host[:port]`` and belongs to at most one site. The default site's
  origins are ``ALLOWED_ORIGINS`` (configuration, passed in as ``default_origins``): a
  single-site install keeps working unchanged, and no other site may claim one of them.
- A site's settings (``SITE_KEYS``) override the installation's; an absent one follows it.
- Every change is audited against ``Target.SITE`` with the site's slug as target id.
"""
from sqlalchemy import delete, func, select

from moderation import messages
from moderation.core.ids import valid_site_slug
from moderation.core.states import Action, Moderation, Role, Target
from moderation.core.text import normalize_line
from moderation.core.urls import http_origin
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import (DEFAULT_SITE_ID, DEFAULT_SITE_SLUG, Article, Comment, Moderator, ModeratorSite, Site,
                               SiteOrigin, SiteSetting, Status)
from moderation.services import audit, driver_sql
from moderation.services.articles import clean_staff_badge

NAME_MAX = 200
MAX_CLOSE_AFTER_DAYS = 3650  # for a site's setting and the installation's (services.settings) alike
# The settings a site may set for itself (the rest stay installation-wide).
SITE_KEYS = ("moderation", "comments_open", "close_after_days", "lockdown", "staff_badge", "default_sort",
             # Moderators' alerts (services/moderator_mail.py): pending longer than minutes, or more than count.
             "alert_pending_minutes", "alert_pending_count")


def find_site(slug):
    """The site of ``slug``; ServiceError(404, "unknown_site") for a slug no site has."""
    site = (db.session.execute(select(Site).where(Site.slug == slug)).scalar_one_or_none()
            if valid_site_slug(slug) else None)
    if site is None:
        raise ServiceError("unknown_site", 404)
    return site


def site_id(slug):
    """The id of the site ``slug`` (the default site without a query); 404 for an unknown one."""
    return DEFAULT_SITE_ID if slug == DEFAULT_SITE_SLUG else find_site(slug).id


def origins_of(site_id_, default_origins):
    """The site's allowed origins, in the order they were given (the default site's: ``default_origins``)."""
    if site_id_ == DEFAULT_SITE_ID:
        return list(default_origins)
    return list(db.session.execute(select(SiteOrigin.origin).where(SiteOrigin.site_id == site_id_)
                                   .order_by(SiteOrigin.origin)).scalars())


def site_setting(site_id_, key):
    """The site's own value of an installation setting, or None to follow the installation."""
    row = db.session.get(SiteSetting, (site_id_, key))
    return row.value if row else None


def _clean_origins(origins, site, default_origins):
    cleaned = []
    for raw in origins:
        origin = http_origin(raw or "")
        if origin is None or origin != (raw or "").strip().lower().rstrip("/"):
            raise ServiceError("validation", 400, {"origin": messages.FIELDS["site_origin"]})
        cleaned.append(origin)
    if not cleaned:
        raise ServiceError("validation", 400, {"origin": messages.FIELDS["site_origins_required"]})
    taken = {o.lower() for o in default_origins}
    taken |= set(db.session.execute(select(SiteOrigin.origin).where(SiteOrigin.site_id != site.id)).scalars())
    for origin in cleaned:
        if origin in taken:
            raise ServiceError("validation", 400, {"origin": messages.FIELDS["site_origin_taken"] % {"origin": origin}})
    return list(dict.fromkeys(cleaned))


def _clean_name(name):
    name = normalize_line(name or "")
    if not name or len(name) > NAME_MAX:
        raise ServiceError("validation", 400, {"name": messages.FIELDS["site_name"]})
    return name


def _state(site, default_origins):
    return {"name": site.name, "origins": origins_of(site.id, default_origins), "settings": own_settings(site)}


def add_site(slug, *, name, origins, actor, default_origins):
    """Create a site with its origins, audited; 400 naming the field for a bad or taken slug or origin."""
    if not valid_site_slug(slug):
        raise ServiceError("validation", 400, {"slug": messages.FIELDS["site_slug"]})
    if db.session.execute(select(Site.id).where(Site.slug == slug)).first() is not None:
        raise ServiceError("validation", 400, {"slug": messages.FIELDS["site_slug_taken"]})
    site = Site(slug=slug, name=_clean_name(name))
    db.session.add(site)
    db.session.flush()
    for origin in _clean_origins(origins, site, default_origins):
        db.session.add(SiteOrigin(origin=origin, site_id=site.id))
    db.session.flush()
    audit.record(actor, Action.SITE_CREATE, Target.SITE, slug, details={"after": _state(site, default_origins)},
                 site_id=site.id)
    db.session.commit()
    return site


def _set(site, key, value):
    row = db.session.get(SiteSetting, (site.id, key))
    if value is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(SiteSetting(site_id=site.id, key=key, value=value))
    else:
        row.value = value


FOLLOW = object()  # a setting argument meaning "drop the site's own value, follow the installation"


def update_site(slug, *, actor, default_origins, name=None, origins=None, moderation=None, comments_open=None,
                close_after_days=None, lockdown=None, staff_badge=None, alert_pending_minutes=None,
                alert_pending_count=None, default_sort=None):
    """Change a site; None leaves a field alone, ``FOLLOW`` clears a setting. Audited before/after.

    Every field is checked before anything is written: a refusal (400 naming the field) changes nothing.
    """
    site = find_site(slug)
    before = _state(site, default_origins)
    name = None if name is None else _clean_name(name)
    if origins is not None:
        if site.id == DEFAULT_SITE_ID:
            raise ServiceError("validation", 400, {"origin": messages.FIELDS["site_default_origins"]})
        origins = _clean_origins(origins, site, default_origins)
    values = {"moderation": moderation, "comments_open": comments_open, "close_after_days": close_after_days,
              "lockdown": lockdown, "staff_badge": staff_badge, "alert_pending_minutes": alert_pending_minutes,
              "alert_pending_count": alert_pending_count, "default_sort": default_sort}
    texts = {key: None if value is FOLLOW else _setting_text(key, value)
             for key, value in values.items() if value is not None}
    if name is not None:
        site.name = name
    if origins is not None:
        db.session.execute(delete(SiteOrigin).where(SiteOrigin.site_id == site.id))
        db.session.add_all(SiteOrigin(origin=o, site_id=site.id) for o in origins)
    for key, text in texts.items():
        _set(site, key, text)
    db.session.flush()
    after = _state(site, default_origins)
    if after != before:
        audit.record(actor, Action.SITE_UPDATE, Target.SITE, slug, details={"before": before, "after": after},
                     site_id=site.id)
    db.session.commit()
    return site


def _setting_text(key, value):
    if key == "staff_badge":
        return clean_staff_badge(value)
    if key == "moderation":
        return Moderation(value).value
    if key == "default_sort":
        return sort_value(value)
    if key in ("comments_open", "lockdown"):
        return "1" if value else "0"
    if key in ("alert_pending_minutes", "alert_pending_count"):
        # Bounded by the CLI's and the page's own ranges; here only a whole number is refused otherwise.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ServiceError("validation", 400, {key: messages.FIELDS["alert_threshold"]})
        return str(value)
    return str(close_after_days(value))


def close_after_days(value):
    """An auto-close age in days, 0 (never) to MAX_CLOSE_AFTER_DAYS; a 400 on close_after_days otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_CLOSE_AFTER_DAYS:
        raise ServiceError("validation", 400, {"close_after_days": messages.FIELDS["close_after_days"]})
    return value


SORTS = ("oldest", "newest", "top")


def sort_value(value):
    """A thread's default order as stored: oldest, newest or top ("Quan tâm nhất"); 400 otherwise."""
    if value not in SORTS:
        raise ServiceError("validation", 400, {"default_sort": messages.FIELDS["sort"]})
    return value


def list_sites(default_origins):
    """Every site, the default first, each as ``(site, origins)``."""
    sites = db.session.execute(select(Site).order_by(Site.id)).scalars().all()
    return [(site, origins_of(site.id, default_origins)) for site in sites]


def site_totals():
    """{site id: (pending, approved)}: pending counted from the comments (the queue's own index),
    approved summed from the articles' kept counts, so no approved comment is scanned."""
    pending = dict(db.session.execute(select(Comment.site_id, func.count()).where(Comment.status == Status.PENDING)
                                      .group_by(Comment.site_id)).all())
    approved = dict(db.session.execute(select(Article.site_id, func.sum(Article.approved_count))
                                       .group_by(Article.site_id)).all())
    return {site_id_: (pending.get(site_id_, 0), int(approved.get(site_id_) or 0))
            for site_id_ in pending.keys() | approved.keys()}


def own_settings(site):
    """The settings the site sets for itself ({key: text}); a key absent follows the installation."""
    return {key: value for key in SITE_KEYS if (value := site_setting(site.id, key)) is not None}


def granted_moderators(site):
    """The moderators (not admins, who need no grant) granted ``site``, by username."""
    return list(db.session.execute(select(Moderator).join(ModeratorSite, ModeratorSite.moderator_id == Moderator.id)
                                   .where(ModeratorSite.site_id == site.id, Moderator.role == Role.MODERATOR)
                                   .order_by(Moderator.username)).scalars())


def granted_site_ids(moderator):
    """The ids of the sites ``moderator`` may act on; None for an admin (every site)."""
    if moderator is None or moderator.is_admin:
        return None
    return set(db.session.execute(select(ModeratorSite.site_id)
                                  .where(ModeratorSite.moderator_id == moderator.id)).scalars())


def visible_sites(moderator):
    """The sites ``moderator`` may read and act on, the default first: every site for an admin."""
    granted = granted_site_ids(moderator)
    statement = select(Site).order_by(Site.id)
    if granted is not None:
        statement = statement.where(Site.id.in_(sorted(granted)))
    return list(db.session.execute(statement).scalars())


def may_act_on(moderator_id, site_id_):
    """Whether the moderator (an id; None is the system) may read and act on the site's data."""
    if moderator_id is None:
        return True
    moderator = db.session.get(Moderator, moderator_id)
    if moderator is None:
        return False
    return moderator.is_admin or db.session.get(ModeratorSite, (moderator_id, site_id_)) is not None


def set_grants(moderator, slugs, *, actor, grant):
    """Grant (or revoke) ``moderator`` the sites ``slugs``, audited once per site that changed."""
    sites = [find_site(slug) for slug in slugs]
    for site in sites:
        row = db.session.get(ModeratorSite, (moderator.id, site.id))
        if grant and row is None:
            db.session.add(ModeratorSite(moderator_id=moderator.id, site_id=site.id))
        elif not grant and row is not None:
            db.session.delete(row)
        else:
            continue
        audit.record(actor, Action.SITE_GRANT if grant else Action.SITE_REVOKE, Target.SITE, site.slug,
                     details={"moderator": moderator.username}, site_id=site.id)
    db.session.commit()


def comment_site(comment_id):
    """The id of the site a comment belongs to, or None for no such comment (routes named by a
    comment id, like likes, answer CORS for that site's origins)."""
    if not comment_id:
        return None
    return driver_sql.run(_COMMENT_SITE, {"comment_id": comment_id}).scalar()


# Asked before every like of a comment a worker has not seen yet: SQL text sent as it is, not an
# ORM expression built per call (which cost ~1.5 ms of a like's CPU under the profiler, the
# primary-key lookup itself a few µs).
_COMMENT_SITE = "SELECT site_id FROM comments WHERE id = :comment_id"
