"""Test clients for apps built with ``make_app`` (the ``client`` fixture covers the default app)."""
from tests.openapi_check import ValidatingClient

# The limit's window moves between two answers; what they say is checked on its own.
VOLATILE = {"X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"}


def validating_client(app):
    """A client whose /api/ answers are checked against the OpenAPI document, like ``client``."""
    app.test_client_class = ValidatingClient
    return app.test_client()


def answer(response):
    """What two apps' answers to one request are compared by: status, body, headers (sorted, the
    limits' moving ones left out)."""
    return (response.status_code, response.get_data(),
            sorted((name, value) for name, value in response.headers.items() if name not in VOLATILE))
