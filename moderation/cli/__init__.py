"""Command-line tools, grouped by noun: ``flask --app wsgi articles set ID --moderation post``."""
import click
from flask.cli import AppGroup

from moderation.cli import moderators as cli_accounts
from moderation.cli import demo as cli_demo
from moderation.services.articles import update_article
from moderation.models import Moderation

articles = AppGroup("articles", help="Per-article settings.")


@articles.command("set")
@click.argument("article_id")
@click.option("--title")
@click.option("--url")
@click.option("--moderation", type=click.Choice([m.value for m in Moderation]))
@click.option("--open/--closed", "comments_open", default=None)
def set_article(article_id, title, url, moderation, comments_open):
    """Create or update an article's title, url, moderation mode and open/closed state; registers it like the CMS."""
    article = update_article(article_id, title=title, url=url, moderation=moderation, comments_open=comments_open,
                             registered=True)
    click.echo(f"{article.id}: moderation={article.moderation and article.moderation.value or 'default'} "
               f"open={'default' if article.comments_open is None else article.comments_open} "
               f"count={article.approved_count}")


@click.command("bootstrap")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000)
def bootstrap(host, port):
    """First-run set-up for `make run`: print the URLs that matter."""
    base = f"http://{host}:{port}"
    click.echo("\nÝ kiến bạn đọc: comment moderation service")
    click.echo(f"  Demo article page:    {base}/")
    click.echo(f"  Reader page (no JS):  {base}/articles/demo-1/comments")
    click.echo(f"  Reader API:           {base}/api/v1/articles/demo-1/comments")
    click.echo(f"  OpenAPI document:     {base}/api/v1/openapi.json")
    click.echo(f"  Health / readiness:   {base}/healthz  {base}/readyz\n")
    click.echo(f"  Moderation queue:     {base}/moderation/")
    cli_accounts.first_admin_notice(base)


def init_app(app):
    app.cli.add_command(articles)
    app.cli.add_command(bootstrap)
    app.cli.add_command(cli_demo.demo)
    app.cli.add_command(cli_accounts.moderators)
    for command in cli_accounts.COMMANDS:
        app.cli.add_command(command)
