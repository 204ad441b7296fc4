"""The domain exception every service raises; each blueprint turns it into its own shape
(the JSON error body in ``http/errors.py``, form errors or flashes on the web, a CLI message)."""


class ServiceError(Exception):
    """A rule refused the request. ``fields`` maps field names to reasons."""

    def __init__(self, code, status=400, fields=None, message=None):
        super().__init__(code)
        self.code = code
        self.status = status
        self.fields = fields or {}
        self.message = message
