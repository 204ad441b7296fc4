"""Test clients for apps built with ``make_app`` (the ``client`` fixture covers the default app)."""
from tests.openapi_check import ValidatingClient


def validating_client(app):
    """A client whose /api/ answers are checked against the OpenAPI document, like ``client``."""
    app.test_client_class = ValidatingClient
    return app.test_client()
