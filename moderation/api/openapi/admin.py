"""OpenAPI paths and schemas of the admin API (``admin.py``): word lists and article settings."""
from moderation.api.openapi.moderation import SECURED
from moderation.api.openapi.reader import ARTICLE_ID, error, ok

ACCESS = {"401": error("Missing or invalid token."), "403": error("This token's role may not do this."),
          "503": error("Database unavailable; retry.")}
TERMS = {"type": "array", "items": {"type": "string"},
         "description": "One term per item: a word or a sequence of words, stored casefolded (NFC)."}

SCHEMAS = {
    "WordLists": {
        "type": "object", "required": ["banned", "suspect", "version"],
        "properties": {
            "banned": {**TERMS, "description": "A strict hit rejects the comment; a loose hit holds it."},
            "suspect": {**TERMS, "description": "Any hit holds the comment for a moderator."},
            "version": {"type": "integer", "minimum": 0,
                        "description": "rules_version, bumped by every change; instances recompile when it moves."},
        },
    },
    "WordListsInput": {
        "type": "object", "minProperties": 1, "additionalProperties": False,
        "properties": {"banned": TERMS, "suspect": TERMS},
        "description": "Each list given replaces the stored one; a list left out (or null) stays as it is.",
    },
    "WordFlag": {
        "type": "object", "required": ["code", "term", "tier"],
        "description": ("A word rule that fired, as listed among a comment's flags. `code` names the list, "
                        "`tier` how it matched: strict = the reader's word equals the term (diacritics "
                        "included); loose = a word typed without any diacritics equals the term with its "
                        "diacritics removed (teencode undone). Only banned_word + strict rejects; every "
                        "other combination holds the comment as pending."),
        "properties": {"code": {"type": "string", "enum": ["banned_word", "suspect_word"]},
                       "term": {"type": "string", "description": "The stored term that fired."},
                       "tier": {"type": "string", "enum": ["strict", "loose"]}},
    },
    "ArticleSettings": {
        "type": "object", "required": ["article_id", "title", "url", "comments_open", "moderation", "count"],
        "properties": {
            "article_id": {"type": "string"},
            "title": {"type": ["string", "null"]},
            "url": {"type": ["string", "null"]},
            "comments_open": {"type": "boolean", "description": "Effective: the article's own or the site default."},
            "moderation": {"type": "string", "enum": ["pre", "post"], "description": "Effective, as comments_open."},
            "count": {"type": "integer", "minimum": 0, "description": "Approved comments."},
        },
    },
    "ArticleInput": {
        "type": "object", "additionalProperties": False,
        "description": ("Partial update: fields left out stay as they are; title or url null stays too. "
                        "comments_open or moderation null clears the article's own setting, so it follows "
                        "the site default again (the answer shows the effective value)."),
        "properties": {"title": {"type": ["string", "null"], "maxLength": 300},
                       "url": {"type": ["string", "null"], "maxLength": 2000, "description": "http(s) only."},
                       "comments_open": {"type": ["boolean", "null"],
                                         "description": "null: follow the site default."},
                       "moderation": {"type": ["string", "null"], "enum": ["pre", "post", None],
                                      "description": "null: follow the site default."}},
    },
}


def _json_body(schema):
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


PATHS = {
    "/api/v1/moderation/rules": {
        "get": {"summary": "The banned and suspect word lists (admin token).", "security": SECURED,
                "responses": {"200": ok("The lists.", "WordLists"), **ACCESS}},
        "put": {"summary": "Replace the lists given (admin token); submissions are screened by them at once.",
                "security": SECURED, "requestBody": _json_body("WordListsInput"),
                "responses": {"200": ok("The lists as stored.", "WordLists"),
                              "400": error("Not JSON, or a bad list; `fields` names it."),
                              "413": error("Request body too large."), **ACCESS}},
    },
    "/api/v1/articles/{article_id}": {
        "parameters": [ARTICLE_ID],
        "get": {"summary": "An article's settings (any moderator's token).", "security": SECURED,
                "responses": {"200": ok("The article.", "ArticleSettings"),
                              "404": error("Bad article id, or no such article."), **ACCESS}},
        "put": {"summary": "Partial update, creating the article if new (admin token).", "security": SECURED,
                "requestBody": _json_body("ArticleInput"),
                "responses": {"200": ok("The article after the update.", "ArticleSettings"),
                              "400": error("Not JSON, or a bad field; `fields` names each."),
                              "413": error("Request body too large."),
                              "404": error("Bad article id."), **ACCESS}},
    },
}
