"""Liveness and readiness probes for load balancers and orchestrators."""
from flask import Blueprint, jsonify

from moderation.extensions import limiter
from moderation.services.health import readiness

bp = Blueprint("ops", __name__)


@bp.get("/healthz")
@limiter.exempt
def healthz():
    return jsonify({"status": "ok"})


@bp.get("/readyz")
@limiter.exempt
def readyz():
    status, body = readiness()
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
