"""Command-line tools, grouped by noun (``flask --app wsgi moderators new USERNAME``).

``moderators`` (new, password, deactivate, token; the first release's names stay as aliases),
``articles`` (set), ``sites`` (add, list, set), ``import`` (disqus, wordpress, isso, jsonl), ``export`` (jsonl,
wordpress), ``readers`` (export, erase), ``outbox`` (run), ``demo`` (seed) and ``bootstrap`` (the first run of ``make run``).
May import services, models and core; never a blueprint nor ``db.session`` directly.
"""
from moderation.cli import articles, bootstrap, demo, moderators, outbox, readers, sites, transfer


def init_app(app):
    for group in (articles.articles, demo.demo, moderators.moderators, outbox.outbox, readers.readers, sites.sites):
        app.cli.add_command(group)
    app.cli.add_command(bootstrap.bootstrap)
    app.cli.add_command(transfer.import_group)
    app.cli.add_command(transfer.export_group)
    for name, command in moderators.ALIASES.items():
        app.cli.add_command(command, name=name)
