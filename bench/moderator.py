"""What a moderator waits for on a large database: approve through the API, the moderation
list API and the queue page, each timed request by request (one moderator, sequential, so the
figure is latency, not throughput). Used by bench/topology.py after seeding 1,000,000 comments.
"""
import http.cookiejar
import re
import time
import urllib.parse
import urllib.request

from bench import traffic
from bench.http_client import get, post

SAMPLES = 300


def _moderator(url):
    """(bearer token, username, password) of a new moderator in the benchmark database."""
    from sqlalchemy import text

    from moderation import create_app
    from moderation.services.accounts import create_moderator, create_token
    from moderation.extensions import db
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-moderator", "APP_ENV": "production"})
    password = "mat-khau-bench-rat-dai-2026"
    with app.app_context():
        token = create_token(create_moderator("bench-bientap", password, actor=None), actor=None)
        pending = [row[0] for row in db.session.execute(text(
            "SELECT id FROM comments WHERE status = 'pending' ORDER BY id LIMIT :n OFFSET 1000"),
            {"n": SAMPLES * 50}).all()][::50]
        db.session.remove()
        db.engine.dispose()
    return token, "bench-bientap", password, pending


def _timed(call):
    started = time.perf_counter()
    response = call()
    return time.perf_counter() - started, response


def _line(name, latencies, errors):
    latencies = sorted(latencies)
    print(f"  {name:44} n={len(latencies):4d}  p50 {traffic.percentile(latencies, 0.5) * 1e3:7.1f} ms  "
          f"p99 {traffic.percentile(latencies, 0.99) * 1e3:7.1f} ms  max {latencies[-1] * 1e3:7.1f} ms  "
          f"errors {errors}", flush=True)


def _series(name, calls, expect=200):
    latencies, errors = [], 0
    for call in calls:
        elapsed, response = _timed(call)
        latencies.append(elapsed)
        errors += response.status != expect
    _line(name, latencies, errors)


def _browser_session(base, username, password):
    """A logged-in cookie session on the queue pages, through the real login form; None without one."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        page = opener.open(f"{base}/moderation/login", timeout=30).read().decode()
    except OSError:
        return None
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    if not token:
        return None
    form = urllib.parse.urlencode({"csrf_token": token.group(1), "username": username, "password": password})
    opener.open(urllib.request.Request(f"{base}/moderation/login", data=form.encode()), timeout=30).read()
    return opener


class _Page:
    def __init__(self, opener, url):
        self.opener, self.url = opener, url

    def __call__(self):
        with self.opener.open(self.url, timeout=30) as response:
            response.read()
            # Sent back to the login form means the page was not served: count it as an error.
            response.status = 401 if "/login" in response.geturl() else response.getcode()
            return response


def latency_report(url, instances):
    token, username, password, pending = _moderator(url)
    auth = {"Authorization": f"Bearer {token}"}
    bases = [instance.url for instance in instances]
    print(f"\nModerator latency, PostgreSQL, {len(bases)} instances (sequential requests)")
    _series("POST /api/v1/moderation/comments/<id>/approve",
            [lambda cid=cid, n=n: post(f"{bases[n % len(bases)]}/api/v1/moderation/comments/{cid}/approve",
                                       headers=auth) for n, cid in enumerate(pending)])
    _series("GET /api/v1/moderation/comments (50 pending)",
            [lambda n=n: get(f"{bases[n % len(bases)]}/api/v1/moderation/comments?status=pending&limit=50",
                             headers=auth) for n in range(100)])
    opener = _browser_session(bases[0], username, password)
    if opener is None:
        print("  queue page /moderation/: not available in this checkout (no login form)")
        return
    _series("GET /moderation/ (queue page, pending tab)", [_Page(opener, f"{bases[0]}/moderation/")] * 100)
