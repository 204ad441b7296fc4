"""The OpenAPI 3.1 document of every /api/ route, assembled from each blueprint's spec module.

A test compares it with the URL map, and the HTTP tests validate real responses against it.
"""
from flask import Blueprint, jsonify

from moderation.api.openapi import admin as spec_admin
from moderation.api.openapi import counts as spec_counts
from moderation.api.openapi import moderation as spec_moderation
from moderation.api.openapi import reader as spec_public

SPEC_MODULES = (spec_public, spec_moderation, spec_admin, spec_counts)

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


def document():
    paths, schemas, security = {}, {}, {}
    for module in SPEC_MODULES:
        for path, item in module.PATHS.items():
            # Merged per operation: one module may add an operation (e.g. a preflight) to another's path.
            paths.setdefault(path, {}).update(item)
        schemas.update(module.SCHEMAS)
        security.update(getattr(module, "SECURITY_SCHEMES", {}))
    return {
        "openapi": "3.1.0",
        "info": {"title": "Ý kiến bạn đọc: comment moderation API", "version": "1.0.0",
                 "description": "Errors are always JSON: {\"error\": {\"code\", \"message\" (Vietnamese), \"fields\"}}."},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": security},
    }


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(document())
