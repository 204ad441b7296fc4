"""Moderator accounts from the command line: ``flask --app wsgi create-moderator USERNAME --role admin``.

Passwords are prompted twice (hidden), or read from the first line of stdin with
``--password-stdin`` for scripts; they never appear in arguments or shell history.
"""
import sys

import click
from flask.cli import AppGroup

from moderation.services import accounts
from moderation.services import tokens
from moderation.errors import ServiceError
from moderation.models import Role

_PROBLEMS = {"password": "the password needs at least 8 characters",
             "username": "the username needs 1 to 80 characters"}


def _password(from_stdin):
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _moderator(username):
    moderator = accounts.find_moderator(username)
    if moderator is None:
        raise click.ClickException(f"no moderator named {username!r}")
    return moderator


def _refused(error):
    if error.code == "conflict":
        return click.ClickException("that username is taken")
    if error.fields.get("username") == "characters":
        return click.ClickException("the username may not contain control characters, hidden characters or line breaks")
    return click.ClickException("; ".join(_PROBLEMS.get(name, name) for name in error.fields) or error.code)


@click.command("create-moderator")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.MODERATOR.value, show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def create_moderator(username, role, password_stdin):
    """Create a moderator account (role admin or moderator)."""
    try:
        moderator = accounts.create_moderator(username, _password(password_stdin), Role(role))
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(f"Created {moderator.role.value} {moderator.username!r}.")


@click.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def set_password(username, password_stdin):
    """Set a new password; every open session of that moderator ends."""
    moderator = _moderator(username)
    try:
        accounts.set_password(moderator, _password(password_stdin))
    except ServiceError as error:
        raise _refused(error) from None
    click.echo(f"Password of {username!r} changed; their sessions have ended.")


@click.command("deactivate")
@click.argument("username")
def deactivate(username):
    """Lock a moderator out: sessions end and API tokens are revoked."""
    accounts.deactivate(_moderator(username))
    click.echo(f"{username!r} deactivated; sessions ended and API tokens revoked.")


@click.command("create-token")
@click.argument("username")
def create_token(username):
    """Print a new API token for the moderation API. It is shown only this once."""
    moderator = _moderator(username)
    if not moderator.active:
        raise click.ClickException(f"{username!r} is deactivated")
    click.echo(accounts.create_token(moderator))


COMMANDS = (create_moderator, set_password, deactivate, create_token)

# Commands grouped by noun: ``flask --app wsgi moderators revoke-tokens USERNAME``. The
# older top-level commands above stay where they are.
moderators = AppGroup("moderators", help="Moderator accounts and their API tokens.")


@moderators.command("revoke-tokens")
@click.argument("username")
def revoke_tokens(username):
    """Revoke every API token of a moderator at once (the account stays open)."""
    count = tokens.revoke_tokens(_moderator(username))
    click.echo(f"Revoked {count} API token(s) of {username!r}.")


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
    click.echo("    Change it:  flask --app wsgi set-password admin\n")
