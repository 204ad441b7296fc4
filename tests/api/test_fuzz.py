"""Schemathesis, a fuzzer nobody here wrote, against a live instance and our own OpenAPI document.

It fails the suite on any 5xx and on any answer the document does not describe (status,
content type, headers, body schema, a 405 without Allow, a secured route answering without
its token). The two checks about how strict request validation is (``positive_data_acceptance``,
``negative_data_rejection``) are left out: opaque cursors and keys cannot be described by a
schema, so "schema-valid" inputs are rightly refused there.

Each run has its own seed, printed so a failure can be replayed with ``FUZZ_SEED=<seed>``;
``FUZZ_SECONDS`` (default 60) bounds the run (Schemathesis' ``--max-time``).
"""
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from flask import current_app
from werkzeug.serving import make_server

from moderation.services.accounts import create_moderator, create_token
from moderation.services.demo import seed_demo

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
EXCLUDED_CHECKS = "positive_data_acceptance,negative_data_rejection"


@pytest.fixture
def live_api(make_app):
    """(base URL, admin bearer token) of the app served over HTTP on 127.0.0.1, with demo data."""
    app = make_app()
    with app.app_context():
        seed_demo(current_app.extensions["comment_screen"])
        token = create_token(create_moderator("quantri", "mat-khau-dai", "admin", actor=None), actor=None)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", token
    server.shutdown()
    thread.join()


@pytest.mark.slow
def test_the_api_survives_the_fuzzer_and_answers_as_documented(live_api, tmp_path):
    url, token = live_api
    seed = int(os.environ.get("FUZZ_SEED") or random.SystemRandom().randrange(2**31))
    seconds = int(os.environ.get("FUZZ_SECONDS", "60"))
    print(f"Schemathesis seed {seed}: replay with FUZZ_SEED={seed}", flush=True)
    run = subprocess.run(
        [str(SCHEMATHESIS), "run", f"{url}/api/v1/openapi.json", "--seed", str(seed), "--max-time", str(seconds),
         "--checks", "all", "--exclude-checks", EXCLUDED_CHECKS, "-H", f"Authorization: Bearer {token}",
         "--generation-database", "none", "--no-color"],
        cwd=tmp_path, capture_output=True, text=True, timeout=seconds * 3 + 120,  # a guard against a hang only
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""})
    assert run.returncode == 0, f"Schemathesis (seed {seed}, FUZZ_SEED={seed} replays) found:\n{run.stdout[-20000:]}"
