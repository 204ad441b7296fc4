"""What every spec module shares: responses, parameters, the bearer scheme, and enums taken
from the code (``core.states``, ``core.ids``) so the document cannot drift from them."""
from moderation.core.ids import ARTICLE_ID_PATTERN, MAX_ID, SITE_SLUG_PATTERN
from moderation.core.states import Moderation, Status

ARTICLE_ID = {"name": "article_id", "in": "path", "required": True,
              "schema": {"type": "string", "pattern": f"^{ARTICLE_ID_PATTERN}$"}}
SITE = {"name": "site", "in": "path", "required": True, "description": "The site's slug; today's paths are the site `default`'s.",
        "schema": {"type": "string", "pattern": f"^{SITE_SLUG_PATTERN}$"}}
COMMENT_ID = {"name": "comment_id", "in": "path", "required": True,
              "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer",
                               "description": "A token from `flask --app wsgi moderators token USERNAME`."}}
SECURED = [{"bearer": []}]
RETRY_AFTER = {"Retry-After": {"schema": {"type": "string"}, "description": "Seconds to wait."}}


def values(enum_class, *extra):
    """The stored values of an enum, for a schema's ``enum``."""
    return [member.value for member in enum_class] + list(extra)


STATUS = {"type": "string", "enum": values(Status)}
MODERATION = {"type": "string", "enum": values(Moderation)}


def error(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def ok(description, schema_ref, headers=None):
    response = {"description": description,
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}}
    if headers:
        response["headers"] = headers
    return response


def json_body(schema, required=True):
    return {"required": required,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}
