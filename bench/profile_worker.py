"""Where a submission's CPU goes under gunicorn, not only in-process: a CPU-time cProfile of each
worker's whole loop (gunicorn's parsing, the access log line, Flask, the app) while POSTs run.

Used as gunicorn's config file, it is gunicorn.conf.py plus two hooks: each worker starts a
profile at its PROFILE_AFTER-th request and writes it to $PROFILE_DIR when it exits. Run as a script,
it serves the bench app on bench/data/submit-100k.db (bench/submission_cost.py seeds it) with the
production settings of bench/topology.py, sends its submissions for BENCH_SECONDS, stops gunicorn,
and prints the merged profile of the workers. Bench-only: production never loads this file.

    BENCH_SECONDS=30 .venv/bin/python bench/profile_worker.py     # default 10 s of submissions, 16 connections
"""
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
exec(compile((_HERE.parent / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"))  # noqa: S102


def pre_request(worker, req):
    # From the worker's PROFILE_AFTER-th request on (default 20): its first ones pay one-time costs
    # (SQLAlchemy compiling each statement and configuring the mappers, ~0.2 s of CPU a worker)
    # that a long-running worker does not, and a short run would be mostly those.
    worker.requests_seen = getattr(worker, "requests_seen", 0) + 1
    if worker.requests_seen == int(os.environ.get("PROFILE_AFTER", 20)):
        import cProfile
        import time
        worker.cpu_profile = cProfile.Profile(time.process_time)
        worker.cpu_profile.enable()


def worker_exit(server, worker):
    profile = getattr(worker, "cpu_profile", None)
    if profile is not None:
        profile.disable()
        profile.dump_stats(str(Path(os.environ["PROFILE_DIR"]) / f"worker-{worker.pid}.prof"))


def main():
    import pstats
    import subprocess
    import tempfile

    sys.path.insert(0, str(_HERE.parent))
    from bench import traffic
    from bench.procs import GUNICORN, free_port, wait_until
    from bench.http_client import get
    from bench.submission_cost import database_url
    from bench.topology import CONNECTIONS, Submissions, service_env

    seconds = float(os.environ.get("BENCH_SECONDS", 10))
    with tempfile.TemporaryDirectory(prefix="ykbd-profile-") as profile_dir:
        port = free_port()
        env = {**os.environ, **service_env(database_url(), "memory-swept://"), "APP_ENV": "production",
               "HOST": "127.0.0.1", "PORT": str(port), "GUNICORN_LOG_LEVEL": "warning",
               "GUNICORN_ACCESS_LOG": os.devnull, "PROFILE_DIR": profile_dir}
        server = subprocess.Popen([str(GUNICORN), "-c", str(Path(__file__).resolve()), "bench.wsgi:create_bench_app()"],
                                  cwd=_HERE.parent, env=env, start_new_session=True)
        try:
            wait_until(lambda: get(f"http://127.0.0.1:{port}/healthz")[0] == 200, 60, what="gunicorn answering")
            latencies, errors, _ = traffic.run([port], Submissions(), seconds=seconds, connections=CONNECTIONS)
        finally:
            server.terminate()
            server.wait(timeout=60)
        files = sorted(Path(profile_dir).glob("worker-*.prof"))
        print(f"{len(latencies)} submissions ({errors} errors) in {seconds:.0f} s; profiles of {len(files)} workers")
        stats = pstats.Stats(*map(str, files))
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
