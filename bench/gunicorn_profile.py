"""gunicorn.conf.py plus a CPU-time profiler in every worker, for ``bench/profile_server.py``.

The profile starts after the app is loaded (``post_worker_init``) and is written when the
worker exits, so it holds everything a worker spends on the requests it served: gunicorn's
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


def post_worker_init(worker):
    worker.profile = cProfile.Profile(time.process_time)
    worker.profile.enable()


def worker_exit(server, worker):
    profile = getattr(worker, "profile", None)
    if profile is not None:
        profile.disable()
        PROFILE_DIR.mkdir(parents=True, exist_ok=True)
        profile.dump_stats(str(PROFILE_DIR / f"worker-{worker.pid}.prof"))
