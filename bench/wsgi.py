"""The shipped app plus the benchmarks' ceiling: ``GET /bench/noop``, the cheapest answer a Flask
route can give on this server. Serve it as ``gunicorn -c gunicorn.conf.py "bench.wsgi:create_bench_app()"``.

The route lives here, not in the package, so production can never have it.
"""
from flask import current_app

from moderation import create_app
from moderation.extensions import limiter


def noop():
    return current_app.response_class(b'{"ok":true}', mimetype="application/json")


def with_noop(app):
    """``app`` with the no-op route, dispatched by Flask like every route it is compared with."""
    app.add_url_rule("/bench/noop", "bench_noop", limiter.exempt(noop))
    return app


def create_bench_app():
    """gunicorn's factory form, ``bench.wsgi:create_bench_app()``: nothing is built at import."""
    return with_noop(create_app())
