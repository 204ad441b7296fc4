"""``GET /bench/noop``: the cheapest answer this app and server can give, the benchmarks' ceiling.

Registered only when BENCH_NOOP=1 (``make bench``); production never has the route.
"""
from flask import Blueprint, current_app

from moderation.extensions import limiter

bp = Blueprint("bench_noop", __name__)


@bp.get("/bench/noop")
@limiter.exempt
def noop():
    return current_app.response_class(b'{"ok":true}', mimetype="application/json")
