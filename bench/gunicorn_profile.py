"""gunicorn.conf.py plus a CPU-time profiler in every worker, for ``bench/profile_server.py``
and ``bench/profile_worker.py``.

The profile starts after the app is loaded (``post_worker_init``), or at the PROFILE_AFTER-th
request, and is written when the worker exits, so it holds everything a worker spends on the requests it served: gunicorn's
accept, parsing and access log as well as the app, which an in-process profile leaves out.
cProfile times on ``time.process_time``: a worker waiting in ``select`` costs nothing.
"""
import cProfile
import os
import runpy
import time
from pathlib import Path

globals().update({name: value for name, value in runpy.run_path(str(Path(__file__).parent.parent / "gunicorn.conf.py")).items()
                  if not name.startswith("__")})

PROFILE_DIR = Path(os.environ.get("PROFILE_DIR", Path(__file__).parent / "data" / "profiles"))


# PROFILE_AFTER=N: start at each worker's N-th request instead, leaving out its first ones, which
# pay one-time costs (SQLAlchemy compiling each statement and configuring the mappers, ~0.2 s of
# CPU a worker) that a long-running worker does not: a short run would be mostly those.
PROFILE_AFTER = int(os.environ.get("PROFILE_AFTER", 0))


def _start(worker):
    worker.profile = cProfile.Profile(time.process_time)
    worker.profile.enable()


def post_worker_init(worker):
    if not PROFILE_AFTER:
        _start(worker)


def pre_request(worker, _request):
    if PROFILE_AFTER:
        worker.requests_seen = getattr(worker, "requests_seen", 0) + 1
        if worker.requests_seen == PROFILE_AFTER:
            _start(worker)


def worker_exit(server, worker):
    profile = getattr(worker, "profile", None)
    if profile is not None:
        profile.disable()
        PROFILE_DIR.mkdir(parents=True, exist_ok=True)
        profile.dump_stats(str(PROFILE_DIR / f"worker-{worker.pid}.prof"))
