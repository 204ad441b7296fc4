"""gunicorn settings for production (`make serve`); every value can be overridden by environment."""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# The app is I/O-light and CPU-bound (sanitizing, JSON); 2 workers per core plus one is the usual ceiling.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycling workers contains memory leaks, but each restart re-imports the app (about a second
# of CPU) and stalls that worker's requests: measured as the p99 spikes of `make bench`. No leak
# is known, so it is off unless asked for (e.g. GUNICORN_MAX_REQUESTS=200000).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
