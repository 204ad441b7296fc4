"""``flask --app wsgi articles set ID --moderation post``: per-article settings from the command line."""
import click
from flask import current_app
from flask.cli import AppGroup

from moderation.errors import ServiceError

from moderation.models import Moderation
from moderation.services.articles import update_article

articles = AppGroup("articles", help="Per-article settings.")


@articles.command("set")
@click.argument("article_id")
@click.option("--title")
@click.option("--url")
@click.option("--moderation", type=click.Choice([m.value for m in Moderation]))
@click.option("--open/--closed", "comments_open", default=None)
def set_article(article_id, title, url, moderation, comments_open):
    """Create or update an article's title, url, moderation mode and open/closed state; registers it like the CMS."""
    try:
        # The operator at the shell acts as the system; the entry says it came from the CLI.
        article = update_article(article_id, actor=None, origins=current_app.config["ALLOWED_ORIGINS"], title=title,
                                 url=url, moderation=moderation, comments_open=comments_open,
                                 registered=True)
    except ServiceError as error:
        raise click.ClickException(" ".join(f"{name}: {reason}" for name, reason in error.fields.items())) from None
    click.echo(f"{article.id}: moderation={article.moderation and article.moderation.value or 'default'} "
               f"open={'default' if article.comments_open is None else article.comments_open} "
               f"count={article.approved_count}")
