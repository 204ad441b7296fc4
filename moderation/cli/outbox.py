"""The mail worker: ``flask --app wsgi outbox run`` (long-running) or ``outbox run --once``.

Each round checks the moderators' alerts and digests (services/moderator_mail.py) once a
minute, then sends every outbox row that is due (services/outbox.py). Several workers may run
beside gunicorn: the claim makes each mail go out once. ``make run`` starts the same loop in a
thread of the development server (``start_in_process``) so mail works out of the box.
"""
import logging
import threading

import click
from flask import current_app
from flask.cli import AppGroup

from moderation.services import moderator_mail, outbox as outbox_service

log = logging.getLogger(__name__)
outbox = AppGroup("outbox", help="The mail outbox: send what is due.")
CHECK_EVERY = 60


def one_round(check=True):
    queued = moderator_mail.check() if check else 0
    return queued, outbox_service.run_once()


def work(app, stop, interval=5.0):
    """Rounds until ``stop`` is set; a failing round (SMTP, database) is logged and retried next round."""
    rounds_per_check = max(1, int(CHECK_EVERY / interval))
    count = 0
    while not stop.is_set():
        with app.app_context():
            try:
                one_round(check=count % rounds_per_check == 0)
            except Exception:  # noqa: BLE001 - the worker outlives a database or SMTP outage
                log.exception("outbox round failed")
                outbox_service.abandon()
        count += 1
        stop.wait(interval)


@outbox.command("run")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
def run(once, interval):
    """Send due mail (and queue moderators' alerts and digests) until stopped."""
    if current_app.config.get("MAIL_BACKEND") is None:
        click.echo("MAIL_SERVER is not set: notifications are off, nothing to send.")
        return
    if once:
        queued, sent = one_round()
        click.echo(f"Queued {queued} moderator mail(s); sent {sent} mail(s).")
        return
    click.echo(f"Outbox worker: backend {current_app.config['MAIL_BACKEND']}, every {interval:g} s. Ctrl+C stops it.")
    stop = threading.Event()
    try:
        work(current_app._get_current_object(), stop, interval)
    except KeyboardInterrupt:
        stop.set()


def start_in_process(app):
    """The development server's worker thread (daemon: it ends with the server)."""
    thread = threading.Thread(target=work, args=(app, threading.Event()), name="outbox", daemon=True)
    thread.start()
    return thread
