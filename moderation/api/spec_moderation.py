"""OpenAPI paths and schemas of the moderation API (``moderation.py``)."""
from .spec_public import error, ok

SECURITY_SCHEMES = {"bearer": {"type": "http", "scheme": "bearer",
                               "description": "A token from `flask --app wsgi create-token USERNAME`."}}
SECURED = [{"bearer": []}]
COMMENT_ID = {"name": "comment_id", "in": "path", "required": True, "schema": {"type": "integer"}}
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
}


def _decision(summary):
    return {"post": {
        "summary": summary, "security": SECURED,
        "requestBody": {"required": False, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/ReasonInput"}}}},
        "responses": {"200": ok("The comment's state after the call.", "Decision"),
                      "400": error("Bad body."), "409": error("The current state forbids this action."),
                      **ACCESS_ERRORS}}, "parameters": [COMMENT_ID]}


PATHS = {
    "/api/v1/moderation/comments/{comment_id}/approve": _decision("Approve (pending or rejected → approved)."),
    "/api/v1/moderation/comments/{comment_id}/reject": _decision("Reject (pending or approved → rejected)."),
    "/api/v1/moderation/comments/{comment_id}/unapprove": _decision("Unapprove (approved → pending)."),
}
