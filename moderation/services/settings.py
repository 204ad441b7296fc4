"""Site-wide defaults and per-article settings as admins change them (API and admin pages).

Articles keep ``None`` for "follow the site default"; what readers and integrations are
told is always the effective value (see ``articles.effective_moderation``).
"""
from moderation import messages
from moderation.services.articles import (SITE_DEFAULT, clean_staff_badge, comments_open, effective_moderation, find_article, get_setting, set_setting,
                       update_article)
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.core.states import Action, Target
from moderation.models import DEFAULT_SITE_ID, Moderation
from moderation.services import audit
from moderation.services.sites import close_after_days as _days, sort_value

ARTICLE_FIELDS = {"title", "url", "comments_open", "moderation"}



def site_defaults():
    return {"moderation": Moderation(get_setting("moderation")),
            "comments_open": get_setting("comments_open") == "1",
            "registered_only": get_setting("registered_only") == "1",
            "close_after_days": int(get_setting("close_after_days") or 0),
            "lockdown": get_setting("lockdown") == "1",
            "staff_badge": get_setting("staff_badge"), "default_sort": get_setting("default_sort")}


def _defaults_state():
    defaults = site_defaults()
    return {**defaults, "moderation": defaults["moderation"].value}


def _audited(actor, change):
    """Apply ``change()`` to the site settings and record the before/after that moved, in one commit."""
    before = _defaults_state()
    change()
    after = _defaults_state()
    if after != before:
        moved = {key for key in after if after[key] != before[key]}
        audit.record(actor, Action.SITE_SETTINGS, Target.SITE_SETTINGS, "default",
                     details={"before": {k: before[k] for k in moved}, "after": {k: after[k] for k in moved}})
    db.session.commit()
    return site_defaults()


def update_site_defaults(*, actor, moderation=None, comments_open=None, registered_only=None, close_after_days=None,
                         staff_badge=None, default_sort=None):
    """Change the defaults every article without its own setting follows; None leaves one alone.
    Audited with the defaults before and after (nothing is logged when nothing changed).

    ``registered_only``: accept comments only on articles the CMS registered.
    ``close_after_days``: close comments that many days after an article is first seen, 0 = never.
    ``staff_badge``: the label of newsroom replies ("Tòa soạn"), for sites without their own.
    """
    def change():
        if moderation is not None:
            set_setting("moderation", Moderation(moderation).value)
        if comments_open is not None:
            set_setting("comments_open", "1" if comments_open else "0")
        if registered_only is not None:
            set_setting("registered_only", "1" if registered_only else "0")
        if close_after_days is not None:
            set_setting("close_after_days", str(_days(close_after_days)))
        if staff_badge is not None:
            set_setting("staff_badge", clean_staff_badge(staff_badge))
        if default_sort is not None:
            set_setting("default_sort", sort_value(default_sort))
    return _audited(actor, change)


def set_lockdown(locked, *, actor):
    """Close every article at once ("khóa toàn bộ bình luận"), or reopen them as they were: the
    switch is consulted by ``comments_open`` and writes nothing into the articles. Audited."""
    return _audited(actor, lambda: set_setting("lockdown", "1" if locked else "0"))


def parse_article_update(data):
    """Validated keyword arguments for ``update_article`` from a JSON body; 400 naming each bad field."""
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    fields, values = {}, {}
    for name in data.keys() - ARTICLE_FIELDS:
        fields[name] = messages.FIELDS["unknown_field"]
    for name in ("title", "url"):
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            fields[name] = messages.FIELDS["not_text"]
        else:
            values[name] = value
    # For the two settings, an explicit null means "follow the site default again".
    if "comments_open" in data:
        if data["comments_open"] is not None and not isinstance(data["comments_open"], bool):
            fields["comments_open"] = messages.FIELDS["boolean"]
        values["comments_open"] = SITE_DEFAULT if data["comments_open"] is None else data["comments_open"]
    if "moderation" in data:
        mode = data["moderation"]
        if mode is not None and (not isinstance(mode, str) or mode not in {m.value for m in Moderation}):
            fields["moderation"] = messages.FIELDS["moderation_mode"]
        values["moderation"] = SITE_DEFAULT if data["moderation"] is None else data["moderation"]
    if fields:
        raise ServiceError("validation", 400, fields)
    return values


def _in_scope(site_id, scope):
    """A site outside the actor's grants (``scope``: site ids, None for every site) is a 404, like a missing article."""
    if scope is not None and site_id not in scope:
        raise ServiceError("not_found", 404)


def configure_article(article_id, data, *, actor, origins, site_id=DEFAULT_SITE_ID, scope=None):
    """Partial update from an integration's JSON, creating (and registering) the site's article if new;
    returns ``article_settings``. Title and URL follow the article URL rule (``articles.article_fields``)
    with the site's ``origins``."""
    _in_scope(site_id, scope)
    return article_settings(update_article(article_id, actor=actor, origins=origins, registered=True,
                                           site_id=site_id, **parse_article_update(data)))


def article_settings(article):
    """The article as integrations see it: effective open/closed and moderation mode, approved count."""
    return {"article_id": article.id, "title": article.title, "url": article.url,
            "comments_open": comments_open(article), "moderation": effective_moderation(article).value,
            "count": article.approved_count}


def get_article_settings(article_id, site_id=DEFAULT_SITE_ID, scope=None):
    _in_scope(site_id, scope)
    article = find_article(article_id, site_id)
    if article is None:
        raise ServiceError("not_found", 404)
    return article_settings(article)
