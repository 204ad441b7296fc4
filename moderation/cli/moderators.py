"""Moderator accounts from the command line: ``flask --app wsgi moderators new USERNAME --role admin``.

The group ``moderators`` holds ``new``, ``password``, ``deactivate`` and ``token``; the first
names (``create-moderator``, ``set-password``, ``deactivate``, ``create-token``) stay as
top-level aliases of the same commands, since the README and operators' scripts use them.

Commands act as the system in the audit log (the operator at the shell has no account there).
Passwords are prompted twice (hidden), or read from the first line of stdin with
``--password-stdin`` for scripts; they never appear in arguments or shell history.
"""
import sys

import click
from flask.cli import AppGroup

from moderation.services import accounts
from moderation.services import tokens
from moderation.services.sites import set_grants
from moderation.errors import ServiceError
from moderation.messages import CLI, ERRORS, MAIL_PREFERENCES, ROLE_NAMES
from moderation.models import MailPreference, Role
from moderation.services import moderator_mail

def _password(from_stdin):
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _moderator(username):
    moderator = accounts.find_moderator(username)
    if moderator is None:
        raise click.ClickException(str(CLI["no_moderator"] % {"username": username}))
    return moderator


def _refused(error):
    """The service's own sentences (the same the admin pages show), one per refused field."""
    return click.ClickException(" ".join(str(reason) for reason in error.fields.values()) or error.code)


@click.command("new")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MODERATOR.value, show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--site", "site_slugs", multiple=True, help="A site the account may act on; repeatable (default: default).")
@click.option("--display-name", help="The name that signs the account's newsroom replies (default: the username).")
@click.option("--email", default=None, help="Where alerts or digests go.")
@click.option("--mail", "preference", type=click.Choice([p.value for p in MailPreference]), default=None,
              help="What the account receives by e-mail (default none).")
def create_moderator(username, role, password_stdin, site_slugs, display_name, email, preference):
    """Create a moderator account (role admin or moderator) granted the sites given."""
    try:
        moderator = accounts.create_moderator(username, _password(password_stdin), Role(role), actor=None,
                                              sites=site_slugs or ("default",), display_name=display_name)
        if email or preference:
            moderator_mail.set_mail(moderator, email, preference or MailPreference.NONE.value, actor=None)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["created"] % {"role": ROLE_NAMES[moderator.role.value], "username": moderator.username}))


@click.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def set_password(username, password_stdin):
    """Set a new password; every open session of that moderator ends."""
    moderator = _moderator(username)
    try:
        accounts.set_password(moderator, _password(password_stdin), actor=None)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["password_changed"] % {"username": username}))


@click.command("deactivate")
@click.argument("username")
def deactivate(username):
    """Lock a moderator out: sessions end and API tokens are revoked."""
    try:
        accounts.deactivate(_moderator(username), actor=None)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["deactivated"] % {"username": username}))


@click.command("token")
@click.argument("username")
def create_token(username):
    """Print a new API token for the moderation API. It is shown only this once."""
    try:
        click.echo(accounts.create_token(_moderator(username), actor=None))
    except ServiceError as error:
        raise _refused(error) from None


moderators = AppGroup("moderators", help="Moderator accounts and their API tokens.")
for _command in (create_moderator, set_password, deactivate, create_token):
    moderators.add_command(_command)

# The first release's top-level names, kept working as aliases of the group's commands.
ALIASES = {"create-moderator": create_moderator, "set-password": set_password, "deactivate": deactivate,
           "create-token": create_token}


@moderators.command("display-name")
@click.argument("username")
@click.argument("name")
def display_name(username, name):
    """Set the name that signs a moderator's newsroom replies ("" signs with the username again)."""
    try:
        accounts.set_display_name(_moderator(username), name, actor=None)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["display_name"] % {"username": username, "name": name or username}))


@moderators.command("revoke-tokens")
@click.argument("username")
def revoke_tokens(username):
    """Revoke every API token of a moderator at once (the account stays open)."""
    count = tokens.revoke_tokens(_moderator(username), actor=None)
    click.echo(str(CLI["tokens_revoked"] % {"count": count, "username": username}))


def _grants(username, slugs, grant):
    try:
        set_grants(_moderator(username), slugs, actor=None, grant=grant)
    except ServiceError as error:
        raise click.ClickException(str(error.message or ERRORS.get(error.code, error.code))) from None


@moderators.command("grant")
@click.argument("username")
@click.argument("slugs", metavar="SITE [SITE ...]", nargs=-1, required=True)
def grant(username, slugs):
    """Let a moderator act on these sites too."""
    _grants(username, slugs, True)
    click.echo(str(CLI["granted"] % {"username": username, "sites": ", ".join(slugs)}))


@moderators.command("revoke")
@click.argument("username")
@click.argument("slugs", metavar="SITE [SITE ...]", nargs=-1, required=True)
def revoke(username, slugs):
    """Take these sites away from a moderator."""
    _grants(username, slugs, False)
    click.echo(str(CLI["revoked"] % {"username": username, "sites": ", ".join(slugs)}))


@moderators.command("mail")
@click.argument("username")
@click.option("--email", default=None, help="The account's address (empty keeps none).")
@click.option("--receive", type=click.Choice([p.value for p in MailPreference]), required=True,
              help="none, alerts (queue too old or too long, at most hourly) or digest (each morning).")
def mail(username, email, receive):
    """Set where a moderator's alerts or daily digest go, and which of them they get."""
    moderator = _moderator(username)
    try:
        moderator_mail.set_mail(moderator, email if email is not None else moderator.email, receive, actor=None)
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(str(CLI["mail"] % {"username": username, "receive": MAIL_PREFERENCES[receive]}))
