"""OpenAPI paths and schemas of the admin API (``admin.py``): word lists and article settings."""
from moderation.api.openapi.helpers import ARTICLE_ID, MODERATION, SECURED, STATUS, error, json_body, ok, values
from moderation.core.ids import SITE_SLUG_PATTERN
from moderation.core.states import Action, Flag, Moderation, Target

ACCESS = {"401": error("Missing or invalid token."), "403": error("This token's role may not do this."),
          "503": error("Database unavailable; retry.")}
TERMS = {"type": "array", "items": {"type": "string"},
         "description": "One term per item: a word or a sequence of words, stored casefolded (NFC)."}

SCHEMAS = {
    "AuditEntry": {
        "type": "object", "required": ["id", "at", "actor", "action", "target", "details"],
        "properties": {
            "id": {"type": "integer"},
            "at": {"type": "string", "format": "date-time", "description": "Asia/Ho_Chi_Minh offset."},
            "actor": {"type": "object", "required": ["kind"],
                      "properties": {"kind": {"type": "string", "enum": ["moderator", "system"]},
                                     "username": {"type": "string"}},
                      "description": "The moderator (also when acting through an API token), or the system."},
            "action": {"type": "string", "enum": values(Action)},
            "target": {"type": "object", "required": ["kind", "id"],
                       "properties": {"kind": {"type": "string", "enum": values(Target)},
                                      "id": {"type": ["string", "null"]}}},
            "from_status": STATUS, "to_status": STATUS,
            "reason": {"type": "string"},
            "details": {"type": "object", "description": ("The before/after that matters: old and new text on an "
                                                          "edit, old and new settings, a ban's kind and expiry; "
                                                          "never a password, a token or an address.")},
        },
    },
    "AuditPage": {
        "type": "object", "required": ["entries", "next"],
        "properties": {"entries": {"type": "array", "items": {"$ref": "#/components/schemas/AuditEntry"}},
                       "next": {"type": ["string", "null"], "description": "Cursor of the next page, or null."}},
    },
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
        "properties": {"code": {"type": "string", "enum": [Flag.BANNED_WORD.value, Flag.SUSPECT_WORD.value]},
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
            "moderation": {**MODERATION, "description": "Effective, as comments_open."},
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
                       "moderation": {"type": ["string", "null"], "enum": values(Moderation, None),
                                      "description": "null: follow the site default."}},
    },
}


PATHS = {
    "/api/v1/moderation/rules": {
        "parameters": [{"name": "site", "in": "query",
                        "schema": {"type": "string", "pattern": f"^{SITE_SLUG_PATTERN}$"},
                        "description": ("A site's slug: its own additions, screened on that site on top of the "
                                        "installation's lists. Left out: the installation's lists, screened "
                                        "on every site.")}],
        "get": {"summary": "The banned and suspect word lists (admin token).", "security": SECURED,
                "responses": {"200": ok("The lists.", "WordLists"), "404": error("No site with this slug."),
                              **ACCESS}},
        "put": {"summary": "Replace the lists given (admin token); submissions are screened by them at once.",
                "security": SECURED, "requestBody": json_body("WordListsInput"),
                "responses": {"200": ok("The lists as stored.", "WordLists"),
                              "400": error("Not JSON, or a bad list; `fields` names it."),
                              "404": error("No site with this slug."),
                              "413": error("Request body too large."), **ACCESS}},
    },
    "/api/v1/articles/{article_id}": {
        "parameters": [ARTICLE_ID],
        "get": {"summary": "An article's settings (any moderator's token).", "security": SECURED,
                "responses": {"200": ok("The article.", "ArticleSettings"),
                              "404": error("Bad article id, or no such article."), **ACCESS}},
        "put": {"summary": "Partial update, creating the article if new (admin token).", "security": SECURED,
                "requestBody": json_body("ArticleInput"),
                "responses": {"200": ok("The article after the update.", "ArticleSettings"),
                              "400": error("Not JSON, or a bad field; `fields` names each."),
                              "413": error("Request body too large."),
                              "404": error("Bad article id."), **ACCESS}},
    },
    "/api/v1/moderation/audit": {
        "get": {
            "summary": "The audit log: every write with its actor, newest first, keyset-paged (admin token).",
            "security": SECURED,
            "parameters": [
                {"name": "actor", "in": "query", "schema": {"type": "string"},
                 "description": "A moderator's username, or `system`."},
                {"name": "action", "in": "query", "schema": {"type": "string", "enum": values(Action)}},
                {"name": "target", "in": "query", "schema": {"type": "string"},
                 "description": "A target kind (" + ", ".join(values(Target)) + "), or `kind:id`."},
                {"name": "comment_id", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {"name": "since", "in": "query", "schema": {"type": "string"},
                 "description": "ISO 8601 date or date-time; a date is that day in Asia/Ho_Chi_Minh."},
                {"name": "until", "in": "query", "schema": {"type": "string"},
                 "description": "Inclusive; a date means the end of that day."},
                {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100,
                                                             "default": 50}}],
            "responses": {"200": ok("A page of entries.", "AuditPage"),
                          "400": error("A bad filter, limit or cursor; `fields` names it."), **ACCESS}},
    },
}
