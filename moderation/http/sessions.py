"""The moderators' session cookie: HttpOnly and SameSite=Lax always (config), Secure whenever
the request came over https.

Deciding per request (after ProxyFix has set the scheme from X-Forwarded-Proto) keeps the
cookie Secure in production without breaking ``make run`` over plain http on a laptop;
SESSION_COOKIE_SECURE=1 forces it everywhere.
"""
from flask import has_request_context, request
from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app):
        return bool(app.config["SESSION_COOKIE_SECURE"] or (has_request_context() and request.is_secure))
