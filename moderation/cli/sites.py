"""``flask --app wsgi sites add SLUG --name NAME --origin URL``: the sites one installation serves.

``add`` creates a site (its slug refused, not rewritten, when outside ``a-z0-9-``, 1-40),
``list`` shows each with its origins, ``set`` changes its name, origins (all of them at once),
moderation mode, open/closed default, auto-close age (``--close-after-days N|default``) and its
own emergency lock (``--lock/--unlock``). The operator at the shell acts as the system.
The default site's origins are ``ALLOWED_ORIGINS`` and are changed there.
"""
import click
from flask import current_app
from flask.cli import AppGroup

from moderation.errors import ServiceError
from moderation.messages import CLI, ERRORS
from moderation.models import Moderation
from moderation.services import sites as service
from moderation.services.moderator_mail import MAX_COUNT, MAX_MINUTES

sites = AppGroup("sites", help="The sites this installation serves: origins and settings.")


def _refused(error):
    return click.ClickException(" ".join(f"{name}: {reason}" for name, reason in error.fields.items())
                                or str(error.message or ERRORS.get(error.code, error.code)))


def _defaults():
    return current_app.config["ALLOWED_ORIGINS"]


@sites.command("add")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--origin", "origins", multiple=True, required=True, help="https://host[:port]; repeatable.")
def add(slug, name, origins):
    """Create a site with its allowed origins."""
    try:
        site = service.add_site(slug, name=name, origins=list(origins), actor=None, default_origins=_defaults())
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["site_created"] % {"slug": site.slug}))


@sites.command("list")
def list_sites():
    """Every site with its origins, the default first."""
    for site, origins in service.list_sites(_defaults()):
        click.echo(f"{site.slug}\t{site.name}\t{' '.join(origins)}")


def _days(value):
    """None (leave alone), FOLLOW for "default", else a whole number of days."""
    if value is None:
        return None
    if value == "default":
        return service.FOLLOW
    if not value.isascii() or not value.isdigit():
        raise click.BadParameter(str(CLI["days_or_default"]))
    return int(value)


@sites.command("set")
@click.argument("slug")
@click.option("--name")
@click.option("--origin", "origins", multiple=True, help="Replaces every origin of the site; repeatable.")
@click.option("--moderation", type=click.Choice([m.value for m in Moderation]))
@click.option("--open/--closed", "comments_open", default=None)
@click.option("--close-after-days", metavar="N|default", callback=lambda ctx, param, value: _days(value),
              help="Close an article's comments N days after it appears (0 = never); 'default' follows the installation.")
@click.option("--lock/--unlock", "lockdown", default=None,
              help="Lock every comment of the site at once; --unlock lifts the site's own lock "
                   "(the installation's lock, when on, still holds every site).")
@click.option("--staff-badge", help="The label of the site's newsroom replies (default: Tòa soạn).")
@click.option("--alert-minutes", type=click.IntRange(1, MAX_MINUTES), default=None,
              help="Alert moderators when a comment waits longer than this (default 60).")
@click.option("--alert-count", type=click.IntRange(1, MAX_COUNT), default=None,
              help="Alert moderators when more than this many comments wait (default 50).")
@click.option("--default-sort", type=click.Choice(service.SORTS),
              help="The order readers see first (top: \"Quan tâm nhất\", most liked).")
def set_site(slug, name, origins, moderation, comments_open, close_after_days, lockdown, staff_badge, alert_minutes,
             alert_count, default_sort):
    """Change a site's name, origins, moderation mode, open/closed default, auto-close age, lock,
    newsroom badge, alert thresholds or default sort."""
    try:
        service.update_site(slug, actor=None, default_origins=_defaults(), name=name,
                            origins=list(origins) if origins else None, moderation=moderation,
                            comments_open=comments_open, close_after_days=close_after_days,
                            lockdown={True: True, False: service.FOLLOW}.get(lockdown), staff_badge=staff_badge,
                            alert_pending_minutes=alert_minutes, alert_pending_count=alert_count,
                            default_sort=default_sort)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["site_updated"] % {"slug": slug}))
