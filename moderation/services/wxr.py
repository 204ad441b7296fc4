"""Taking comments out as WordPress reads them: a WXR 1.2 file of the articles and their
approved comments (what readers could see; pending and rejected ones stay here).

WordPress's importer wants numeric post ids, so each article gets its position (1, 2, ...)
as ``wp:post_id`` and keeps our id as ``wp:post_name`` and in ``guid``; comments keep our ids
and their parent (0 for a top-level one). Text is the stored plain text, in CDATA. Every field
WordPress's importer reads (its ``WXR_Parser``) is written; ``*_date`` is Vietnam's local time,
``*_date_gmt`` UTC. Checked by the importer's own parser: docs/wxr-check.md. E-mails only
when asked, IP hashes never. Written as it is read, one article at a time.
"""
from datetime import timezone
from xml.sax.saxutils import escape

from sqlalchemy import select

from moderation.core.states import Status
from moderation.core.times import VIETNAM, utcnow
from moderation.extensions import db
from moderation.models import Article, Comment
from moderation.services.imports import resolve_site

_HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>{site}</title>
<link>{link}</link>
<description></description>
<pubDate>{now}</pubDate>
<language>vi</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{link}</wp:base_site_url>
<wp:base_blog_url>{link}</wp:base_blog_url>
"""


def _cdata(text):
    return "<![CDATA[" + (text or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _gmt(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _local(moment):
    """WordPress's ``*_date`` is the blog's local time (``*_date_gmt`` is UTC): ours is Vietnam's."""
    return moment.astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M:%S")


def _comment(row, with_emails):
    email = _cdata(row.email) if with_emails and row.email else ""
    return (f"<wp:comment><wp:comment_id>{row.id}</wp:comment_id>"
            f"<wp:comment_author>{_cdata(row.author)}</wp:comment_author>"
            f"<wp:comment_author_email>{email}</wp:comment_author_email>"
            f"<wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP></wp:comment_author_IP>"
            f"<wp:comment_date>{_local(row.created_at)}</wp:comment_date>"
            f"<wp:comment_date_gmt>{_gmt(row.created_at)}</wp:comment_date_gmt>"
            f"<wp:comment_content>{_cdata(row.body_text)}</wp:comment_content>"
            f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
            f"<wp:comment_parent>{row.parent_id or 0}</wp:comment_parent>"
            f"<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n")


def _item(number, article, comments, with_emails):
    link = escape(article.url or "")
    head = (f"<item><title>{_cdata(article.title or article.id)}</title><link>{link}</link>"
            f"<guid isPermaLink=\"false\">{escape(article.id)}</guid><content:encoded><![CDATA[]]></content:encoded>"
            f"<wp:post_id>{number}</wp:post_id><wp:post_date>{_local(article.created_at)}</wp:post_date>"
            f"<wp:post_date_gmt>{_gmt(article.created_at)}</wp:post_date_gmt>"
            f"<wp:comment_status>open</wp:comment_status><wp:ping_status>closed</wp:ping_status>"
            f"<wp:post_name>{_cdata(article.id)}</wp:post_name><wp:status>publish</wp:status>"
            f"<wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>"
            f"<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>\n")
    return head + "".join(_comment(c, with_emails) for c in comments) + "</item>\n"


def export_wordpress(site, out, *, link="", with_emails=False):
    """Write the WXR file to the text stream ``out``; returns (articles, comments)."""
    site = resolve_site(site)
    out.write(_HEAD.format(site=escape(site.slug), link=escape(link), now=utcnow().strftime("%a, %d %b %Y %H:%M:%S +0000")))
    totals = [0, 0]
    articles = db.session.execute(select(Article.id, Article.title, Article.url, Article.created_at)
                                  .where(Article.site_id == site.id).order_by(Article.id)).all()
    for number, article in enumerate(articles, 1):
        comments = db.session.execute(
            select(Comment.id, Comment.parent_id, Comment.author, Comment.email, Comment.body_text, Comment.created_at)
            .where(Comment.site_id == site.id, Comment.article_id == article.id,
                   Comment.status == Status.APPROVED).order_by(Comment.id)).all()
        out.write(_item(number, article, comments, with_emails))
        totals[0] += 1
        totals[1] += len(comments)
    out.write("</channel>\n</rss>\n")
    db.session.rollback()
    return tuple(totals)
