"""OpenAPI paths and schemas of the readers' API (``api/reader.py``)."""
from moderation.api.openapi.helpers import ARTICLE_ID, RETRY_AFTER, STATUS, error, ok  # noqa: F401
from moderation.core.ids import MAX_ID

COUNT_CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Strong; a hash of the count."},
    "Cache-Control": {"schema": {"type": "string"}, "description": "public, max-age=COUNTS_MAX_AGE (default 30)."},
    "Vary": {"schema": {"type": "string"}, "description": "Origin."},
}
THREAD_CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Strong; a hash of the whole answer."},
    "Cache-Control": {"schema": {"type": "string"},
                      "description": "public, max-age=THREAD_MAX_AGE (default 15), less the whole seconds the worker "
                                     "has kept this answer (at most THREAD_CACHE_SECONDS, default 5)."},
    "Vary": {"schema": {"type": "string"}, "description": "Origin."},
}
COMMON_ERRORS = {"404": error("Bad article id or unknown comment."), "503": error("Database unavailable; retry.")}

SCHEMAS = {
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["code", "message", "fields"],
            "properties": {"code": {"type": "string"},
                           "message": {"type": "string", "description": "A Vietnamese sentence for people."},
                           "fields": {"type": "object", "additionalProperties": {"type": "string"}}}}},
    },
    "CommentInput": {
        "type": "object", "required": ["author", "body"],
        "properties": {
            "author": {"type": "string", "minLength": 1, "maxLength": 80},
            "email": {"type": "string", "description": "Optional; never shown publicly."},
            "body": {"type": "string", "minLength": 1, "description": "At most COMMENT_MAX_LENGTH characters after normalizing."},
            "parent_id": {"type": ["integer", "string", "null"], "description": "An approved comment of the same article."},
            "title": {"type": "string", "description": "Article title, stored on first sight."},
            "url": {"type": "string", "description": "Article URL on an allowed origin, stored on first sight."},
            "form_token": {"type": "string", "description": "The form_token from GET /api/v1/form-token (spam "
                           "timing); without a valid one the comment is flagged `untimed`."},
            "website": {"type": "string", "description": "Honeypot: leave empty."},
            "notify": {"type": ["boolean", "string"], "description": "E-mail me when the comment is published or "
                       "answered (double opt-in: the first time, a confirmation mail). Needs `email`: without "
                       "it, a 400 on `email`. A form post sends \"1\"/\"on\"."},
        },
    },
    "Receipt": {
        "type": "object", "required": ["id", "status", "message"],
        "properties": {"id": {"type": "integer"},
                       "status": STATUS,
                       "message": {"type": "string"}},
    },
    "PublicComment": {
        "type": "object",
        "required": ["id", "parent_id", "author", "body_html", "created_at", "likes", "featured", "reply_count",
                     "staff", "replies"],
        "properties": {"id": {"type": "integer"}, "parent_id": {"type": ["integer", "null"]},
                       "author": {"type": "string"},
                       "body_html": {"type": "string", "description": "Sanitized HTML: a, br, p only."},
                       "created_at": {"type": "string", "format": "date-time"},
                       "likes": {"type": "integer", "minimum": 0, "description": "Readers' likes (\"Thích\")."},
                       "featured": {"type": "boolean", "description": "An editor's pick (\"Bình luận nổi bật\")."},
                       "reply_count": {"type": "integer", "minimum": 0, "description": "Approved replies."},
                       "staff": {"oneOf": [{"type": "null"}, {
                           "type": "object", "required": ["badge"], "properties": {"badge": {"type": "string"}}}],
                                 "description": "The newsroom's badge (\"Tòa soạn\") on a reply it wrote; null otherwise."},
                       "replies": {"type": "array", "items": {"$ref": "#/components/schemas/PublicComment"}}},
    },
    "Thread": {
        "type": "object", "required": ["article_id", "count", "comments", "next", "open", "sort", "tab", "has_featured"],
        "properties": {"article_id": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
                       "comments": {"type": "array", "items": {"$ref": "#/components/schemas/PublicComment"}},
                       "next": {"type": ["string", "null"]},
                       "open": {"type": "boolean",
                                "description": "Whether comments are open: when false, show that the article "
                                               "is closed instead of the form (a submission would get 403)."},
                       "sort": {"enum": ["oldest", "newest", "top"], "description": "The order of this page."},
                       "tab": {"enum": ["all", "featured"]},
                       "has_featured": {"type": "boolean", "description": "The article has editor's picks."}},
    },
    "FormToken": {
        "type": "object", "required": ["form_token"],
        "properties": {"form_token": {"type": "string", "description": "Send back as `form_token` with the comment."}},
    },
    "ArticleCount": {
        "type": "object", "required": ["article_id", "count"],
        "properties": {"article_id": {"type": "string"}, "count": {"type": "integer", "minimum": 0}},
    },
    "Message": {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}},
    "Health": {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}},
}

PATHS = {
    "/api/v1/articles/{article_id}/comments": {
        "parameters": [ARTICLE_ID],
        "get": {
            "summary": "Approved comments in the asked (or the site's default) order, replies oldest first under "
                       "their parent. The same bytes for every reader: cacheable by browsers and CDNs.",
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "string"}},
                           {"name": "cursor", "in": "query", "schema": {"type": "string"},
                            "description": "From `next` of the same sort and tab; another one's is a 400."},
                           {"name": "sort", "in": "query", "schema": {"type": "string"},
                            "description": "oldest, newest or top (most liked, then newest); default: the site's setting."},
                           {"name": "tab", "in": "query", "schema": {"type": "string"},
                            "description": "all (default) or featured (editor's picks only)."},
                           {"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
            "responses": {"200": ok("A page of the thread.", "Thread", THREAD_CACHE_HEADERS),
                          "304": {"description": "If-None-Match matched (no body).",
                                  "headers": {"ETag": THREAD_CACHE_HEADERS["ETag"],
                                              "Cache-Control": THREAD_CACHE_HEADERS["Cache-Control"]}},
                          "400": error("Bad limit, sort, tab or cursor."),
                          **COMMON_ERRORS},
        },
        "post": {
            "summary": "Submit a comment; held for moderation unless the article is post-moderated.",
            "parameters": [{"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}}],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/CommentInput"}},
                "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/CommentInput"}}}},
            "responses": {
                "202": ok("Stored (committed) and acknowledged.", "Receipt"),
                "400": error("Validation failed; `fields` names each bad field."),
                "403": error("Comments closed, submitter banned, or sent by a browser from a foreign origin."),
                "409": error("Idempotency-Key reused for a different body."),
                "413": error("Request body too large."),
                "415": error("Neither JSON nor a form post."),
                "429": {**error("Rate limited."), "headers": RETRY_AFTER},
                **COMMON_ERRORS,
            },
        },
    },
    "/api/v1/articles/{article_id}/count": {
        "parameters": [ARTICLE_ID],
        "get": {"summary": "Approved total of one article (0 when unknown); cacheable like /api/v1/counts.",
                "parameters": [{"name": "If-None-Match", "in": "header", "schema": {"type": "string"}}],
                "responses": {"200": ok("The count.", "ArticleCount", COUNT_CACHE_HEADERS),
                              "304": {"description": "If-None-Match matched (no body).",
                                      "headers": {"ETag": COUNT_CACHE_HEADERS["ETag"]}},
                              **COMMON_ERRORS}},
    },
    "/api/v1/comments/{comment_id}/reports": {
        "parameters": [{"name": "comment_id", "in": "path", "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}],
        "post": {
            "summary": "A reader flags an approved comment for the moderators.",
            "requestBody": {"content": {"application/json": {"schema": {
                "type": "object", "properties": {"reason": {"type": "string", "maxLength": 500}}}}}},
            "responses": {"202": ok("Recorded.", "Message"), "400": error("Bad reason."),
                          "403": error("Sent by a browser from a page on a foreign origin."),
                          "413": error("Too large."), "415": error("Not JSON or a form."),
                          "429": {**error("Rate limited."), "headers": RETRY_AFTER}, **COMMON_ERRORS},
        },
    },
    "/api/v1/form-token": {
        "get": {"summary": "A fresh form token (a signed render time) for the comment form, asked when the reader "
                           "starts writing. A comment sent without one is accepted, judged without the timing signal.",
                "responses": {"200": ok("The token; never cached.", "FormToken",
                                        {"Cache-Control": {"schema": {"type": "string"}, "description": "no-store"}}),
                              "503": error("Service unavailable; retry.")}},
    },
    "/api/v1/openapi.json": {
        "get": {"summary": "This document.", "responses": {"200": {
            "description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}},
    },
}
