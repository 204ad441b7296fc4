"""The OpenAPI 3.1 document of every /api/ route, assembled from each blueprint's spec module.

A test compares it with the URL map, and the HTTP tests validate real responses against it.
"""
import copy

from flask import Blueprint, jsonify

from moderation.api.openapi import admin as spec_admin
from moderation.api.openapi import counts as spec_counts
from moderation.api.openapi import featured as spec_featured
from moderation.api.openapi import likes as spec_likes
from moderation.api.openapi import moderation as spec_moderation
from moderation.api.openapi import reader as spec_public
from moderation.api.openapi.helpers import SITE, error

SPEC_MODULES = (spec_public, spec_moderation, spec_admin, spec_counts, spec_featured, spec_likes)
# Today's paths that are also served per site under /api/v1/sites/{site} (see http/sites.py).
SITE_SCOPED = ("/api/v1/articles/{article_id}/comments", "/api/v1/articles/{article_id}/comments/status", "/api/v1/articles/{article_id}/count", "/api/v1/counts",
               "/api/v1/articles/{article_id}", "/api/v1/featured", "/api/v1/form-token")
UNKNOWN_SITE = error("No site has this slug (code unknown_site), or, for a moderator's token, "
                     "the site is not granted to it (code not_found).")


def site_scoped(item):
    """A path item as served under /sites/{site}: the same operations with the site's parameter,
    and a 404 for a site that does not exist."""
    item = copy.deepcopy(item)
    item["parameters"] = [SITE, *item.get("parameters", [])]
    for method, operation in item.items():
        if method == "parameters":
            continue
        operation.setdefault("responses", {}).setdefault("404", UNKNOWN_SITE)
        if "operationId" in operation:
            operation["operationId"] += "_site"
    return item

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")


def document():
    paths, schemas, security = {}, {}, {}
    for module in SPEC_MODULES:
        for path, item in module.PATHS.items():
            # Merged per operation: one module may add an operation (e.g. a preflight) to another's path.
            paths.setdefault(path, {}).update(item)
        schemas.update(module.SCHEMAS)
        security.update(getattr(module, "SECURITY_SCHEMES", {}))
    for path in SITE_SCOPED:
        paths["/api/v1/sites/{site}" + path[len("/api/v1"):]] = site_scoped(paths[path])
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
