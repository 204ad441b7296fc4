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
                       "created_at": {"type": "string", "format": "date-time"},
                       "likes": {"type": "integer", "minimum": 0},
                       "featured": {"type": "boolean", "description": "An editor's pick (Bình luận nổi bật)."},
                       "staff": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Staff"}],
                                 "description": "A newsroom reply's badge; null for a reader's comment."}},
    },
    "Staff": {
        "type": "object", "required": ["badge"],
        "properties": {"badge": {"type": "string", "description": "The site's label, e.g. \"Tòa soạn\"."}},
    },
    "Pick": {
        "type": "object", "required": ["id", "status", "changed", "status_label", "featured", "featured_at", "message"],
        "properties": {"id": {"type": "integer"}, "status": STATUS,
                       "changed": {"type": "boolean", "description": "False when the pick was already so."},
                       "status_label": {"type": "string"},
                       "featured": {"type": "boolean"},
                       "featured_at": {"type": ["string", "null"], "format": "date-time"},
                       "message": {"type": "string", "description": "The sentence for the moderator."}},
    },
    "NewsroomReplyInput": {
        "type": "object", "required": ["body"],
        "properties": {"body": {"type": "string", "description": "The answer's text: normalized, rendered as readers' "
                                                                 "text is, at most COMMENT_MAX_LENGTH characters."}},
    },
    "NewsroomReply": {
        "type": "object",
        "required": ["id", "parent_id", "author", "body_html", "created_at", "replies", "article_id", "status",
                     "likes", "featured", "reply_count", "staff", "created", "answered_id", "approved_ids", "message"],
        "properties": {"id": {"type": "integer"},
                       "parent_id": {"type": "integer", "description": "The top-level comment of the thread: "
                                                                       "replies hang one level deep."},
                       "author": {"type": "string", "description": "The moderator's display name."},
                       "body_html": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
                       "replies": {"type": "array", "maxItems": 0},
                       "article_id": {"type": "string"}, "status": STATUS,
                       "likes": {"type": "integer"}, "featured": {"type": "boolean"},
                       "reply_count": {"type": "integer"},
                       "staff": {"$ref": "#/components/schemas/Staff"},
                       "created": {"type": "boolean", "description": "False when a repeat within 10 minutes "
                                                                     "answered the first reply."},
                       "answered_id": {"type": "integer", "description": "The comment answered."},
                       "approved_ids": {"type": "array", "items": {"type": "integer"},
                                        "description": "Pending comments this call approved (the one answered, "
                                                       "its top-level comment)."},
                       "message": {"type": "string"}},
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
        {"name": "featured", "in": "query", "schema": {"type": "string", "enum": ["true", "false"], "default": "false"},
         "description": "true: only editor's picks."},
        {"name": "site", "in": "query", "style": "form", "explode": True,
         "schema": {"type": "array", "items": {"type": "string", "pattern": f"^{SITE_SLUG_PATTERN}$"}},
         "description": "Only these sites (repeatable); default every site the token's moderator may act on."},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}},
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
    "responses": {"200": ok("A page of comments.", "ModerationPage"), "400": error("Bad status, featured, limit or cursor."),
                  "401": error("Missing or invalid token."), "404": error("No site has a slug asked for."),
                  "503": error("Database unavailable; retry.")}}}
SITES = {"get": {
    "summary": "The sites the token's moderator may act on (every site for an admin), the default first.",
    "security": SECURED,
    "responses": {"200": ok("The sites.", "Sites"), "401": error("Missing or invalid token."),
                  "503": error("Database unavailable; retry.")}}}

def _pick(summary, conflict):
    return {"post": {
        "summary": summary, "security": SECURED,
        "requestBody": {"required": False, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/KeepInput"}}}},
        "responses": {"200": ok("The comment and its pick after the call.", "Pick"),
                      "400": error("Bad body: not JSON, or a bad `expected_status`."),
                      "413": error("Request body too large."),
                      "409": error(conflict), **ACCESS_ERRORS}}, "parameters": [COMMENT_ID]}


REPLIES = {"post": {
    "summary": "An approved reply signed as the newsroom (the moderator's display name and the site's badge).",
    "description": "Goes through readers' text pipeline (normalize, bleach, nh3) but not their rate limits or word "
                   "rules. Answering a pending comment approves it (and its top-level comment when pending) in the "
                   "same transaction. Audited (newsroom_reply).",
    "security": SECURED,
    "requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/NewsroomReplyInput"}}}},
    "responses": {"201": ok("The reply, as the thread shows it.", "NewsroomReply"),
                  "200": ok("The same text from the same moderator under the same comment within 10 minutes: "
                            "the first reply, nothing created.", "NewsroomReply"),
                  "400": error("Not a JSON object, or an empty or too long `body`."),
                  "413": error("Request body too large."),
                  "409": error("The comment (or its top-level comment) is rejected: approve it first."),
                  **ACCESS_ERRORS}}, "parameters": [COMMENT_ID]}

PATHS = {
    "/api/v1/moderation/comments": LISTING,
    "/api/v1/moderation/comments/{comment_id}/feature": _pick(
        "Make it an editor's pick (Bình luận nổi bật); a pending comment is approved with it.",
        "The comment is rejected (approve it first), or not in `expected_status`; nothing changed."),
    "/api/v1/moderation/comments/{comment_id}/unfeature": _pick(
        "Take an editor's pick back; the comment stays approved.",
        "The comment is not in `expected_status`; nothing changed."),
    "/api/v1/moderation/comments/{comment_id}/replies": REPLIES,
    "/api/v1/moderation/sites": SITES,
    "/api/v1/moderation/comments/{comment_id}/approve": _decision("Approve (pending or rejected → approved)."),
    "/api/v1/moderation/comments/{comment_id}/reject": _decision("Reject (pending or approved → rejected)."),
    "/api/v1/moderation/comments/{comment_id}/unapprove": _decision("Unapprove (approved → pending)."),
    "/api/v1/moderation/comments/{comment_id}/dismiss-reports": _decision(
        "Keep a reported comment: its open reports are dismissed (kept as history), so it leaves the "
        "reported list; the status does not change (unchanged when no report is open).", "KeepInput"),
}
