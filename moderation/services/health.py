"""Readiness: can this instance reach what it needs? Probes call it every few seconds."""
from sqlalchemy import text

from moderation.extensions import db, limiter


def database_ok():
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception:  # any failure means "not reachable", which is the answer sought
        db.session.rollback()
        return False
    finally:
        db.session.remove()


def limiter_storage_ok():
    try:
        return bool(limiter.storage.check())
    except Exception:
        return False


def readiness():
    """(http_status, body): 503 without the database; degraded, still serving, without Redis."""
    checks = {"database": database_ok(), "limiter_storage": limiter_storage_ok()}
    if not checks["database"]:
        return 503, {"status": "unavailable", "checks": checks}
    if not checks["limiter_storage"]:
        return 200, {"status": "degraded", "checks": checks,
                     "degraded": ["limiter_storage"]}
    return 200, {"status": "ok", "checks": checks}
