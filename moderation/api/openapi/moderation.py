"""OpenAPI paths and schemas of the moderation API (``api/moderation.py``)."""
from moderation.api.openapi.helpers import COMMENT_ID, SECURED, SECURITY_SCHEMES, STATUS, error, ok, values  # noqa: F401
from moderation.core.states import Flag, Status
from moderation.core.ids import SITE_SLUG_PATTERN
ACCESS_ERRORS = {"401": error("Missing or invalid token."), "403": error("Role may not act."),
                 "404": error("No such comment."), "503": error("Database unavailable; retry.")}

SCHEMAS = {
    "Decision": {
        "type": "object", "required": ["id", "status", "changed", "status_label", "message"],
        "properties": {"id": {"type": "integer"},
                       "status": STATUS,
                       "changed": {"type": "boolean", "description": "False when already in the target state."},
                       "status_label": {"type": "string", "description": "The status as moderators read it."},
                       "message": {"type": "string",
                                   "description": "The sentence for the moderator, e.g. \"Đã duyệt bình luận #5.\" "
                                                  "or, unchanged, \"admin đã duyệt bình luận này lúc 15:03.\""},
                       "decided_by": {"type": "string", "description": "Who made the current state, when unchanged."},
                       "decided_at": {"type": "string", "format": "date-time",
                                      "description": "When the current state was made, when unchanged."}},
    },
    "DecisionInput": {
        "type": "object",
        "properties": {
            "reason": {"type": "string", "maxLength": 500, "description": "Stored in the audit log (reject)."},
            "expected_status": {"type": "string", "enum": values(Status),
                                "description": "The status the caller saw. When the comment has moved since "
                                               "(a colleague acted), the answer is 409 and nothing changes."}},
    },
    "KeepInput": {
        "type": "object",
        "properties": {"expected_status": {"type": "string", "enum": values(Status),
                                           "description": "As for decisions: 409 when the comment has moved."}},
    },
    "Flag": {
        "type": "object", "required": ["code"],
        "description": "Why a comment was held, e.g. {code: suspect_word, term, tier}, {code: links, count}, "
                       "{code: reported, count}; untimed: no valid form token, timing not checked. "
                       "A word flag with field: author fired on the name, not the body.",
        "properties": {"code": {"type": "string", "enum": values(Flag)}, "term": {"type": "string"},
                       "field": {"type": "string", "enum": ["author"]},
                       "tier": {"type": "string", "enum": ["strict", "loose"]}, "count": {"type": "integer"}},
    },
    "ModerationComment": {
        "type": "object",
        "required": ["id", "site", "article_id", "parent_id", "author", "email", "body_text", "body_html", "status",
                     "flags", "reports", "created_at"],
        "properties": {"id": {"type": "integer"}, "site": {"type": "string", "description": "The site's slug."},
                       "article_id": {"type": "string"},
                       "parent_id": {"type": ["integer", "null"]}, "author": {"type": "string"},
                       "email": {"type": ["string", "null"]}, "body_text": {"type": "string"},
                       "body_html": {"type": "string", "description": "As readers see it once approved."},
                       "status": STATUS,
                       "flags": {"type": "array", "items": {"$ref": "#/components/schemas/Flag"}},
                       "reports": {"type": "integer", "minimum": 0},
                       "created_at": {"type": "string", "format": "date-time"}},
    },
    "Sites": {
        "type": "object", "required": ["sites"],
        "properties": {"sites": {"type": "array", "items": {
            "type": "object", "required": ["slug", "name", "origins"],
            "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                           "origins": {"type": "array", "items": {"type": "string"}}}}}},
    },
    "ModerationPage": {
        "type": "object", "required": ["comments", "next"],
        "properties": {"comments": {"type": "array", "items": {"$ref": "#/components/schemas/ModerationComment"}},
                       "next": {"type": ["string", "null"], "description": "Cursor of the next page, or null."}},
    },
}


CONFLICT = error("The comment is not in `expected_status`, or its state forbids this action; nothing changed. "
                 "`message` says who made the current state and when (\"admin đã duyệt bình luận này lúc 15:03.\").")


def _decision(summary, body="DecisionInput"):
    return {"post": {
        "summary": summary, "security": SECURED,
        "requestBody": {"required": False, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{body}"}}}},
        "responses": {"200": ok("The comment's state after the call.", "Decision"),
                      "400": error("Bad body: not JSON, or a bad `reason` or `expected_status`."),
                      "413": error("Request body too large."),
                      "409": CONFLICT,
                      **ACCESS_ERRORS}}, "parameters": [COMMENT_ID]}


LISTING = {"get": {
    "summary": "Comments in one state, keyset-paginated (pending oldest first; the others newest first).",
    "security": SECURED,
    "parameters": [
        {"name": "status", "in": "query",
         "schema": {"type": "string", "enum": values(Status, "reported"), "default": "pending"},
         "description": "reported: open reports, not rejected, most reported first."},
        {"name": "article_id", "in": "query", "schema": {"type": "string"}},
        {"name": "site", "in": "query", "style": "form", "explode": True,
         "schema": {"type": "array", "items": {"type": "string", "pattern": f"^{SITE_SLUG_PATTERN}$"}},
         "description": "Only these sites (repeatable); default every site the token's moderator may act on."},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
    "responses": {"200": ok("A page of comments.", "ModerationPage"), "400": error("Bad status, limit or cursor."),
                  "401": error("Missing or invalid token."), "404": error("No site has a slug asked for."),
                  "503": error("Database unavailable; retry.")}}}
SITES = {"get": {
    "summary": "The sites the token's moderator may act on (every site for an admin), the default first.",
    "security": SECURED,
    "responses": {"200": ok("The sites.", "Sites"), "401": error("Missing or invalid token."),
                  "503": error("Database unavailable; retry.")}}}

PATHS = {
    "/api/v1/moderation/comments": LISTING,
    "/api/v1/moderation/sites": SITES,
    "/api/v1/moderation/comments/{comment_id}/approve": _decision("Approve (pending or rejected → approved)."),
    "/api/v1/moderation/comments/{comment_id}/reject": _decision("Reject (pending or approved → rejected)."),
    "/api/v1/moderation/comments/{comment_id}/unapprove": _decision("Unapprove (approved → pending)."),
    "/api/v1/moderation/comments/{comment_id}/dismiss-reports": _decision(
        "Keep a reported comment: its open reports are dismissed (kept as history), so it leaves the "
        "reported list; the status does not change (unchanged when no report is open).", "KeepInput"),
}
