"""OpenAPI paths and schemas of readers' likes (``api/likes.py``)."""
from moderation.api.openapi.counts import PREFLIGHT
from moderation.api.openapi.helpers import RETRY_AFTER, error, ok
from moderation.core.ids import MAX_ID

READER_KEY = {"name": "X-Reader-Key", "in": "header", "required": True,
              "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$"},
              "description": "The reader's random key, kept by comments.js in localStorage."}
ERRORS = {"400": error("Missing or malformed X-Reader-Key."),
          "403": error("Sent by a browser from a page on a foreign origin."),
          "404": error("No approved comment has this id."),
          "413": error("Request body too large (none is expected)."),
          "429": {**error("Rate limited (LIKE_RATE_LIMIT per client address)."), "headers": RETRY_AFTER},
          "503": error("Database unavailable; retry.")}

SCHEMAS = {
    "LikeState": {
        "type": "object", "required": ["id", "likes", "liked"],
        "properties": {"id": {"type": "integer"}, "likes": {"type": "integer", "minimum": 0},
                       "liked": {"type": "boolean", "description": "Whether this reader key now likes the comment."}},
    },
}

PATHS = {
    "/api/v1/comments/{comment_id}/likes": {
        "parameters": [{"name": "comment_id", "in": "path", "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}],
        "post": {"summary": "Like an approved comment (\"Thích\"); a repeat changes nothing. At most 20 likes "
                            "per client address per comment: past that, `liked` stays false.",
                 "parameters": [READER_KEY],
                 "responses": {"200": ok("The comment's count after the call.", "LikeState"), **ERRORS}},
        "delete": {"summary": "Take the reader's like back; a repeat changes nothing.",
                   "parameters": [READER_KEY],
                   "responses": {"200": ok("The comment's count after the call.", "LikeState"), **ERRORS}},
        "options": PREFLIGHT,
    },
}
