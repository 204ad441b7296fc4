"""No cookie session on the readers' API and the embeds.

Their answers are the same for every reader and meant for shared caches. Flask opens
the signed-cookie session on every request, and Flask-Login's after-request hook then
touches it, which makes Flask add ``Vary: Cookie``: a CDN would keep one copy per set
of visitor cookies, and each request pays for building the cookie signer. These paths
read no session (the moderation API, which uses bearer tokens, keeps its session all
the same), so they get an empty, read-only one that is never saved.

It wraps whatever session interface the app already has, so the web pages keep theirs.
"""
from flask.sessions import NullSession, SessionInterface

# /notifications/: a reader's mail links act on their token alone and must set no cookie.
SESSIONLESS = ("/api/v1/", "/embed/", "/bench/", "/notifications/")
WITH_SESSION = ("/api/v1/moderation/",)


class _Sessionless(NullSession):
    """Empty and read-only; reading it does not mark the answer as varying by cookie."""

    @property
    def accessed(self):
        return False

    @accessed.setter
    def accessed(self, value):
        pass


class SessionlessPaths(SessionInterface):
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def open_session(self, app, request):
        path = request.path
        if path.startswith(SESSIONLESS) and not path.startswith(WITH_SESSION):
            return _Sessionless()
        return self.inner.open_session(app, request)

    def save_session(self, app, session, response):
        if isinstance(session, _Sessionless):
            return None
        return self.inner.save_session(app, session, response)

    def make_null_session(self, app):
        return self.inner.make_null_session(app)

    def is_null_session(self, obj):
        return isinstance(obj, _Sessionless) or self.inner.is_null_session(obj)


def init_app(app):
    """Call after any other session interface is installed."""
    app.session_interface = SessionlessPaths(app.session_interface)
