"""What our mails say: subject, plain text and a simple HTML part, rendered from templates/mail/.

Every link is absolute, built on ``PUBLIC_URL`` (or the article's own URL for a comment's place
on the article page), because a mail is read far from any request. Mails are Vietnamese: the
templates render under the ``vi`` locale whatever the caller's.
"""
from dataclasses import dataclass, field

from flask import current_app, render_template
from flask_babel import force_locale

from moderation.core.text import normalize_line
from moderation.models import DEFAULT_SITE_SLUG, Comment

QUOTE_LENGTH = 160


@dataclass
class Mail:
    subject: str
    text: str
    html: str
    headers: dict = field(default_factory=dict)


def public_url(path):
    return current_app.config["PUBLIC_URL"] + path


def _site_prefix(site):
    return "" if site is None or site.slug == DEFAULT_SITE_SLUG else f"/sites/{site.slug}"


def comment_link(comment):
    """The comment on the article page (the CMS's URL) or, without one, on our own section page."""
    anchor = f"#c{comment.id}"
    article = comment.article
    if article is not None and article.url:
        return article.url.split("#", 1)[0] + anchor
    return public_url(f"{_site_prefix(comment.site)}/articles/{comment.article_id}/comments{anchor}")


def quote(comment):
    text = normalize_line(comment.body_text)
    return text if len(text) <= QUOTE_LENGTH else text[:QUOTE_LENGTH - 1].rstrip() + "…"


def title_of(comment):
    return (comment.article.title if comment.article is not None else None) or comment.article_id


def render(name, **context):
    """(subject, text, html) of templates/mail/<name>.{txt,html}; the subject is the text's first line."""
    with force_locale("vi"):
        text = render_template(f"mail/{name}.txt", **context).strip() + "\n"
        html = render_template(f"mail/{name}.html", **context)
    subject, _, body = text.partition("\n")
    return Mail(subject.strip(), body.lstrip("\n"), html)


def with_unsubscribe(mail, link):
    """RFC 8058 one-click: the URL accepts a POST with no cookie and no CSRF token."""
    mail.headers.update({"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    return mail


def reader_items(rows):
    """What each event row says: the comment it is about and the sentence introducing it."""
    items = []
    for row in rows:
        comment = row.comment if isinstance(row.comment, Comment) else None
        if comment is None:
            continue
        items.append({"event": row.event.value, "comment": comment, "title": title_of(comment),
                      "quote": quote(comment), "link": comment_link(comment),
                      "author": comment.author, "badge": comment.staff_badge})
    return items
