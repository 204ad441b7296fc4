"""OpenAPI paths and schemas of the editor's picks block (``api/featured.py``)."""
from moderation.api.openapi.counts import CACHE_HEADERS, IF_NONE_MATCH, NOT_MODIFIED, PREFLIGHT
from moderation.api.openapi.helpers import error
from moderation.api.openapi.reader import COMMON_ERRORS

SCHEMAS = {
    "FeaturedComment": {
        "type": "object",
        "required": ["id", "author", "body_html", "created_at", "featured_at", "likes", "staff", "article"],
        "properties": {
            "id": {"type": "integer"}, "author": {"type": "string"},
            "body_html": {"type": "string", "description": "Inert HTML, as in the thread."},
            "created_at": {"type": "string", "format": "date-time"},
            "featured_at": {"type": "string", "format": "date-time", "description": "When it was picked."},
            "likes": {"type": "integer", "minimum": 0},
            "staff": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Staff"}]},
            "article": {"type": "object", "required": ["id", "title", "url"],
                        "properties": {"id": {"type": "string"}, "title": {"type": ["string", "null"]},
                                       "url": {"type": ["string", "null"]}}}},
    },
    "Featured": {
        "type": "object", "required": ["site", "comments"],
        "properties": {"site": {"type": "string", "description": "The site's slug."},
                       "comments": {"type": "array", "maxItems": 20,
                                    "items": {"$ref": "#/components/schemas/FeaturedComment"},
                                    "description": "Approved picks, the most recently picked first."}},
    },
}

PATHS = {
    "/api/v1/featured": {
        "get": {
            "summary": "The site's most recently featured approved comments, for a homepage block "
                       "\"Bình luận nổi bật\"; cacheable like the counts.",
            "parameters": [{"name": "limit", "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}}, IF_NONE_MATCH],
            "responses": {
                "200": {"description": "The picks.", "headers": CACHE_HEADERS, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Featured"}}}},
                "304": NOT_MODIFIED,
                "400": error("`limit` is not a number from 1 to 20."),
                "503": COMMON_ERRORS["503"],
            },
        },
        "options": PREFLIGHT,
    },
}
