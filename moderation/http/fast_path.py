"""What the layers that answer before Flask dispatches (the like's and the submission's fast paths) share."""


class FastPath:
    """A WSGI layer around the app's callable: it answers the plain case itself and hands every
    other request on to Flask, untouched."""

    def __init__(self, flask_app, wsgi_app):
        self.flask_app = flask_app
        self.wsgi_app = wsgi_app

    def answer(self, environ, start_response, status, *args):
        """``self._answer(environ, *args)`` in the app context, sent with ``status``; None, or any
        failure, hands the request on to Flask, which answers it in the API's error shape."""
        try:
            with self.flask_app.app_context():
                answer = self._answer(environ, *args)
        except Exception:  # noqa: BLE001 - see the docstring
            answer = None
        if answer is None:
            return self.wsgi_app(environ, start_response)
        headers, body = answer
        start_response(status, headers)
        return [body]

    @staticmethod
    def from_the_sites_page(environ, origins):
        """Sent from a page on one of ``origins``, or from no page at all (no Origin, no Referer):
        never what ``cors.cross_site`` refuses. Anything else (a Referer alone, an empty or
        foreign Origin) is Flask's to judge."""
        origin = environ.get("HTTP_ORIGIN")
        if origin is None:
            return not environ.get("HTTP_REFERER")
        return origin in origins

    def _answer(self, environ, *args):
        """(headers, body), or None to hand the request on."""
        raise NotImplementedError
