"""HTTP plumbing shared by the blueprints: client IP, CORS, sessions, converters, rate-limit
scopes, locale, error handlers and the counts fast path.

May import ``core``, ``services``, ``models``, ``extensions``, ``errors`` and ``messages``;
never a blueprint.
"""
