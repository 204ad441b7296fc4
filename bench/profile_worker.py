"""Where a submission's CPU goes under gunicorn, not only in-process: a CPU-time cProfile of each
worker's whole loop (gunicorn's parsing, the access log line, Flask, the app) while POSTs run.

gunicorn runs with bench/gunicorn_profile.py (gunicorn.conf.py plus the profiling hooks), each
worker's profile starting at its PROFILE_AFTER-th request (default 20). It serves the bench app on
bench/data/submit-100k.db (bench/submission_cost.py seeds it) with the production settings of
bench/topology.py, sends its submissions for BENCH_SECONDS, stops gunicorn, and prints the merged
profile of the workers. Bench-only: production never loads this file.

    BENCH_SECONDS=30 .venv/bin/python bench/profile_worker.py     # default 10 s of submissions, 16 connections
"""
import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent


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
               "GUNICORN_ACCESS_LOG": os.devnull, "PROFILE_DIR": profile_dir,
               "PROFILE_AFTER": os.environ.get("PROFILE_AFTER", "20")}
        server = subprocess.Popen([str(GUNICORN), "-c", str(_HERE / "gunicorn_profile.py"), "bench.wsgi:create_bench_app()"],
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
