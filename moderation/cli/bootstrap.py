"""``flask --app wsgi bootstrap``: the first-run step of ``make run``."""
import click
from flask import current_app

from moderation.services import accounts


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
    click.echo(mail_notice(current_app.config))
    first_admin_notice(base)


def mail_notice(config):
    """Where this server's mail goes: the development server runs the outbox worker in a thread."""
    if config.get("MAIL_BACKEND") == "smtp":
        return f"  E-mail:               SMTP {config['MAIL_SERVER']}:{config['MAIL_PORT']} (outbox worker in-process)"
    if config.get("MAIL_BACKEND") == "console":
        return "  E-mail:               MAIL_SERVER is not set: mails are printed in this console (outbox worker in-process)"
    return "  E-mail:               notifications are off (MAIL_SERVER is not set)"


def first_admin_notice(base_url):
    """The bootstrap step: on a fresh install, create ``admin`` and print its password once."""
    created = accounts.ensure_first_admin()
    if created is None:
        return
    moderator, password = created
    click.echo("\n  First run: created the administrator account (shown only this once)")
    click.echo(f"    Log in at:  {base_url}/moderation/login")
    click.echo(f"    Username:   {moderator.username}")
    click.echo(f"    Password:   {password}")
    click.echo("    Change it:  flask --app wsgi moderators password admin\n")
