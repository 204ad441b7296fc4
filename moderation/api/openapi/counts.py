"""OpenAPI paths and schemas of counts, held-comment status and CORS preflights (``counts.py``, ``receipts.py``).

Path items here are merged into those of other spec modules, operation by operation,
so the preflight ``options`` sits beside the readers' ``get`` and ``post``.
"""
from moderation.api.openapi.helpers import ARTICLE_ID, STATUS, error
from moderation.api.openapi.reader import COMMON_ERRORS

CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Strong; a hash of the counts answered."},
    "Cache-Control": {"schema": {"type": "string"},
                      "description": "public, max-age=COUNTS_MAX_AGE (default 30), less the whole seconds the worker "
                                     "has kept this answer (at most COUNTS_CACHE_SECONDS, default 5)."},
    "Vary": {"schema": {"type": "string"}, "description": "Origin."},
    "Access-Control-Allow-Origin": {"schema": {"type": "string"},
                                    "description": "The request's Origin, only when it is in ALLOWED_ORIGINS."},
}
NOT_MODIFIED = {"description": "If-None-Match matched: the client's copy is current (no body).",
                "headers": {"ETag": CACHE_HEADERS["ETag"], "Cache-Control": CACHE_HEADERS["Cache-Control"]}}
IF_NONE_MATCH = {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}
PREFLIGHT = {
    "summary": "CORS preflight; allowed origins get the Access-Control-Allow-* headers.",
    "parameters": [{"name": "Origin", "in": "header", "schema": {"type": "string"}},
                   {"name": "Access-Control-Request-Method", "in": "header", "schema": {"type": "string"}}],
    "responses": {"204": {"description": "No body.", "headers": {
        name: {"schema": {"type": "string"}} for name in (
            "Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
            "Access-Control-Max-Age", "Vary")}},
                  # Preflights are answered before any view, but only on a path the routes match.
                  "404": error("Not a path of this API (e.g. an id the path does not accept).")},
}

SCHEMAS = {
    "Counts": {
        "type": "object", "required": ["counts"],
        "properties": {"counts": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                                  "description": "Approved totals by article id; unknown ids count 0."}},
    },
    "HeldKeys": {
        "type": "object", "required": ["keys"],
        "properties": {"keys": {"type": "array", "minItems": 1, "maxItems": 50,
                                "items": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,128}$"},
                                "description": "Idempotency-Key values this browser sent its comments with."}},
    },
    "HeldStatuses": {
        "type": "object", "required": ["comments"],
        "properties": {"comments": {"type": "object", "additionalProperties": {
            "type": "object", "required": ["id", "status"],
            "properties": {"id": {"type": "integer"},
                           "status": STATUS}},
            "description": "By key; keys that sent nothing to this article are left out."}},
    },
}

PATHS = {
    "/api/v1/counts": {
        "get": {
            "summary": "Approved totals of 1 to 100 articles in one answer, cacheable (one indexed query).",
            "parameters": [{"name": "ids", "in": "query", "required": True,
                            "schema": {"type": "string",
                                       "pattern": r"^[A-Za-z0-9._~:\-]{1,128}(,[A-Za-z0-9._~:\-]{1,128}){0,99}$"},
                            "description": "1 to 100 comma-separated article ids; duplicates collapse."}, IF_NONE_MATCH],
            "responses": {
                "200": {"description": "The counts.", "headers": CACHE_HEADERS, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Counts"}}}},
                "304": NOT_MODIFIED,
                "400": error("No ids, more than 100, or a malformed id; `fields.ids` says which."),
                "503": COMMON_ERRORS["503"],
            },
        },
        "options": PREFLIGHT,
    },
    "/api/v1/articles/{article_id}/comments/status": {
        "parameters": [ARTICLE_ID],
        "post": {
            "summary": "What became of the comments this browser sent, proven by their Idempotency-Key.",
            "description": "Spam-trapped comments keep answering pending. Never cached.",
            "requestBody": {"required": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/HeldKeys"}}}},
            "responses": {
                "200": {"description": "Statuses by key.", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/HeldStatuses"}}}},
                "400": error("Missing or malformed keys."), "413": error("Request body too large."),
                "415": error("Not JSON."), **COMMON_ERRORS,
            },
        },
        "options": PREFLIGHT,
    },
    "/api/v1/articles/{article_id}/comments": {"options": PREFLIGHT},
    "/api/v1/articles/{article_id}/count": {"options": PREFLIGHT},
    "/api/v1/comments/{comment_id}/reports": {"options": PREFLIGHT},
}
