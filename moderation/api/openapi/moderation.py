"""OpenAPI paths and schemas of the moderation API (``moderation.py``)."""
from moderation.api.openapi.reader import error, ok

SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer",
                               "description": "A token from `flask --app wsgi create-token USERNAME`."}}
SECURED = [{"bearer": []}]
COMMENT_ID = {"name": "comment_id", "in": "path", "required": True,
               "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647}}
ACCESS_ERRORS = {"401": error("Missing or invalid token."), "403": error("Role may not act."),
                 "404": error("No such comment."), "503": error("Database unavailable; retry.")}

SCHEMAS = {
    "Decision": {
        "type": "object", "required": ["id", "status", "changed"],
        "properties": {"id": {"type": "integer"},
                       "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
                       "changed": {"type": "boolean", "description": "False when already in the target state."},
                       "decided_by": {"type": "string", "description": "Who made the current state, when unchanged."}},
    },
    "ReasonInput": {"type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}},
    "Flag": {
        "type": "object", "required": ["code"],
        "description": "Why a comment was held, e.g. {code: suspect_word, term, tier}, {code: links, count}, "
                       "{code: reported, count}; codes: banned_word, suspect_word, links, duplicate, too_fast, "
                       "honeypot, first_comment, untimed (no valid form token: timing not checked), reported. "
                       "A word flag with field: author fired on the name, not the body.",
        "properties": {"code": {"type": "string"}, "term": {"type": "string"},
                       "field": {"type": "string", "enum": ["author"]},
                       "tier": {"type": "string", "enum": ["strict", "loose"]}, "count": {"type": "integer"}},
    },
    "ModerationComment": {
        "type": "object",
        "required": ["id", "article_id", "parent_id", "author", "email", "body_text", "body_html", "status",
                     "flags", "reports", "created_at"],
        "properties": {"id": {"type": "integer"}, "article_id": {"type": "string"},
                       "parent_id": {"type": ["integer", "null"]}, "author": {"type": "string"},
                       "email": {"type": ["string", "null"]}, "body_text": {"type": "string"},
                       "body_html": {"type": "string", "description": "As readers see it once approved."},
                       "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
                       "flags": {"type": "array", "items": {"$ref": "#/components/schemas/Flag"}},
                       "reports": {"type": "integer", "minimum": 0},
                       "created_at": {"type": "string", "format": "date-time"}},
    },
    "ModerationPage": {
        "type": "object", "required": ["comments", "next"],
        "properties": {"comments": {"type": "array", "items": {"$ref": "#/components/schemas/ModerationComment"}},
                       "next": {"type": ["string", "null"], "description": "Cursor of the next page, or null."}},
    },
}


def _decision(summary):
    return {"post": {
        "summary": summary, "security": SECURED,
        "requestBody": {"required": False, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ReasonInput"}}}},
        "responses": {"200": ok("The comment's state after the call.", "Decision"),
                      "400": error("Bad body."),
                      "409": error("The current state forbids this action; `message` names the state and, "
                                   "when known, the moderator who made it."),
                      **ACCESS_ERRORS}}, "parameters": [COMMENT_ID]}


LISTING = {"get": {
    "summary": "Comments in one state, keyset-paginated (pending oldest first; the others newest first).",
    "security": SECURED,
    "parameters": [
        {"name": "status", "in": "query",
         "schema": {"type": "string", "enum": ["pending", "approved", "rejected", "reported"], "default": "pending"}},
        {"name": "article_id", "in": "query", "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
    "responses": {"200": ok("A page of comments.", "ModerationPage"), "400": error("Bad status, limit or cursor."),
                  "401": error("Missing or invalid token."), "503": error("Database unavailable; retry.")}}}

PATHS = {
    "/api/v1/moderation/comments": LISTING,
    "/api/v1/moderation/comments/{comment_id}/approve": _decision("Approve (pending or rejected → approved)."),
    "/api/v1/moderation/comments/{comment_id}/reject": _decision("Reject (pending or approved → rejected)."),
    "/api/v1/moderation/comments/{comment_id}/unapprove": _decision("Unapprove (approved → pending)."),
}
