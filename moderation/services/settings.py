"""Site-wide defaults and per-article settings as admins change them (API and admin pages).

Articles keep ``None`` for "follow the site default"; what readers and integrations are
told is always the effective value (see ``articles.effective_moderation``).
"""
from urllib.parse import urlsplit

from moderation import messages
from moderation.services.articles import (SITE_DEFAULT, comments_open, effective_moderation, find_article, get_setting, set_setting,
                       update_article)
from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import Moderation

ARTICLE_FIELDS = {"title", "url", "comments_open", "moderation"}


def _http_url(url):
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[::1" is refused like any other non-URL, not a 500
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def site_defaults():
    return {"moderation": Moderation(get_setting("moderation")),
            "comments_open": get_setting("comments_open") == "1"}


def update_site_defaults(*, moderation=None, comments_open=None):
    """Change the defaults every article without its own setting follows; None leaves one alone."""
    if moderation is not None:
        set_setting("moderation", Moderation(moderation).value)
    if comments_open is not None:
        set_setting("comments_open", "1" if comments_open else "0")
    db.session.commit()
    return site_defaults()


def parse_article_update(data):
    """Validated keyword arguments for ``update_article`` from a JSON body; 400 naming each bad field."""
    if not isinstance(data, dict):
        raise ServiceError("invalid_json", 400)
    fields, values = {}, {}
    for name in data.keys() - ARTICLE_FIELDS:
        fields[name] = messages.FIELDS["unknown_field"]
    for name, limit in (("title", 300), ("url", 2000)):
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            fields[name] = messages.FIELDS["not_text"]
        elif len(value.strip()) > limit:
            fields[name] = messages.FIELDS["too_long"] % {"max": limit}
        else:
            values[name] = value.strip()
    url = values.get("url")
    if url and not _http_url(url):
        fields["url"] = messages.FIELDS["http_url"]
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


def configure_article(article_id, data):
    """Partial update from an integration's JSON, creating the article if new; returns ``article_settings``."""
    return article_settings(update_article(article_id, **parse_article_update(data)))


def article_settings(article):
    """The article as integrations see it: effective open/closed and moderation mode, approved count."""
    return {"article_id": article.id, "title": article.title, "url": article.url,
            "comments_open": comments_open(article), "moderation": effective_moderation(article).value,
            "count": article.approved_count}


def get_article_settings(article_id):
    article = find_article(article_id)
    if article is None:
        raise ServiceError("not_found", 404)
    return article_settings(article)
