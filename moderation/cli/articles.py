"""``flask --app wsgi articles set ID --moderation post [--site SLUG]``: per-article settings from the command line."""
import click
from flask import current_app
from flask.cli import AppGroup

from moderation.errors import ServiceError
from moderation.messages import ERRORS

from moderation.models import Moderation
from moderation.services.articles import update_article
from moderation.services.sites import find_site, origins_of

articles = AppGroup("articles", help="Per-article settings.")


@articles.command("set")
@click.argument("article_id")
@click.option("--title")
@click.option("--url")
@click.option("--moderation", type=click.Choice([m.value for m in Moderation]))
@click.option("--open/--closed", "comments_open", default=None)
@click.option("--site", "site_slug", default="default", show_default=True,
              help="The site the article belongs to (article ids are unique per site).")
def set_article(article_id, title, url, moderation, comments_open, site_slug):
    """Create or update an article's title, url, moderation mode and open/closed state; registers it like the CMS."""
    try:
        site = find_site(site_slug)
        # The operator at the shell acts as the system; the entry says it came from the CLI.
        article = update_article(article_id, actor=None, origins=origins_of(site.id, current_app.config["ALLOWED_ORIGINS"]),
                                 title=title, url=url, moderation=moderation, comments_open=comments_open,
                                 registered=True, site_id=site.id)
    except ServiceError as error:
        raise click.ClickException(" ".join(f"{name}: {reason}" for name, reason in error.fields.items())
                                   or str(error.message or ERRORS.get(error.code, error.code))) from None
    click.echo(f"{article.id}: moderation={article.moderation and article.moderation.value or 'default'} "
               f"open={'default' if article.comments_open is None else article.comments_open} "
               f"count={article.approved_count}")
