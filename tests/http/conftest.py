"""Fixtures of the HTTP layer's tests."""
from contextlib import ExitStack

import pytest
from flask import request_started


@pytest.fixture
def dispatched():
    """``dispatched(client)``: a list that grows by one for each request Flask dispatches for it."""
    with ExitStack() as stack:
        def watch(client):
            calls = []
            stack.enter_context(request_started.connected_to(lambda sender, **extra: calls.append(1),
                                                             client.application))
            return calls
        yield watch
