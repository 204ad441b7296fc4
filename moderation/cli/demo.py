"""``flask --app wsgi demo seed``: demo articles and comments for the demo page at ``/``."""
import click
from flask import current_app
from flask.cli import AppGroup

from moderation.messages import CLI
from moderation.services.demo import seed_demo

demo = AppGroup("demo", help="The demo article page (development only).")


@demo.command("seed")
def seed():
    """Seed the demo articles and comments if the database has none yet (safe to repeat)."""
    if seed_demo(current_app.extensions["comment_screen"]):
        click.echo(str(CLI["demo_seeded"]))
    else:
        click.echo(str(CLI["demo_present"]))
