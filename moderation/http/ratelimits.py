"""What a comment submission is charged against its rate limits, and how long a refused reader waits.

Only a submission that stores a new comment is charged (Flask-Limiter's ``deduct_when``):
a reader who sends an empty or too long comment, or a browser retrying the same
``Idempotency-Key`` after a lost answer, has used up nothing. The limit is still tested
before the view runs, so a sender over the limit is refused before any work is done;
a retry of a comment already stored is exempt, so it gets its receipt back even then.

Both submitting views wear their limits through ``checked_first``, which judges the plain case
(nothing breached, the shared storage answering) without Flask-Limiter's per-request resolution
and leaves every other case to Flask-Limiter. The app configures no default, application or
meta limits; ``checked_first`` hands any limit it cannot judge alike back to Flask-Limiter.
http/submission_fast_path.py applies the same two limits, by the same keys and the same
``Check``/``passes``/``settle``, to the embed's plain comment before Flask dispatches.
"""
import functools
import itertools
import logging
import time
from typing import NamedTuple

from flask import current_app, g, request
from limits import RateLimitItem

from moderation.extensions import limiter
from moderation.http import limit_batches
from moderation.models import DEFAULT_SITE_SLUG

log = logging.getLogger(__name__)


def mark_stored(receipt):
    """Called by the submitting views: this request stored a comment, charge it."""
    g.comment_stored = receipt.created


def stored_a_comment(_response):
    return bool(g.get("comment_stored"))


def seconds_to_wait():
    """Whole seconds until the breached limit lets the sender in again (at least 1).

    Computed as Flask-Limiter computes the Retry-After it sets after the view, so the
    sentence the reader reads and the header always name the same number.
    """
    current = limiter.current_limit
    if current is None:
        return 60
    return max(1, int(current.reset_at - time.time()))


def storage_key(prefix, key, scope):
    """The arguments under which Flask-Limiter keeps a limit's counter: ``[prefix,] key, scope``
    (its ``RATELIMIT_KEY_PREFIX`` first when set). Also used by the fast paths."""
    return [prefix, key, scope] if prefix else [key, scope]


# The two submission limits' scopes, shared by the HTML form and the JSON API (api/reader.py) and
# used by the submission's fast path: part of each counter's key in the limiter's storage.
COMMENT_SCOPE = "comment-ip"
ARTICLE_SCOPE = "comment-ip-article"


def article_key(address, site_slug, article_id):
    """The per-article submission limit's key. The default site's is the one used before sites,
    so limits in force carried over."""
    return f"{address}|{article_id}" if site_slug == DEFAULT_SITE_SLUG else f"{address}|{site_slug}|{article_id}"


class Check(NamedTuple):
    """One limit as it is applied to one request: the limit, its counter's key, its cost, and
    whether it is shared (Flask-Limiter announces a limit of the route's own first)."""
    item: RateLimitItem
    args: list
    cost: int = 1
    shared: bool = True


def in_order(checks):
    """The order Flask-Limiter tests a route's limits in: by the limit, the declared order kept."""
    return sorted(checks, key=lambda check: check.item)


def passes(strategy, checks):
    """True when none of ``checks`` would be breached by this request; a test charges nothing.
    On Redis all are asked in one round trip (``limit_batches``)."""
    if limit_batches.batched(strategy):
        return limit_batches.passes(strategy, checks)
    return all(strategy.test(check.item, *check.args, cost=check.cost) for check in checks)


def settle(strategy, charged, checks, retry_after=None, announce=True):
    """After the answer is decided: charge ``charged``, then Flask-Limiter's headers for ``checks``
    (``limit_headers`` of the first not shared, else the first), as its ``after_request`` does.

    The comment is stored by then and its answer is owed whatever the storage does: a failing
    storage is logged and the answer goes out uncharged, without the headers. On Redis the
    charges and the window go out in one round trip (``limit_batches``)."""
    try:
        announced = next((check for check in checks if not check.shared), checks[0]) if announce else None
        if limit_batches.batched(strategy):
            window = limit_batches.charge(strategy, charged, announced)
        else:
            for check in charged:
                strategy.hit(check.item, *check.args, cost=check.cost)
            window = announced and strategy.get_window_stats(announced.item, *announced.args)
        return [] if announced is None else _headers(announced.item, window, retry_after)
    except Exception:  # noqa: BLE001 - see the docstring
        log.warning("rate-limit storage failed after the view; the request was not charged", exc_info=True)
        return []


def limit_headers(strategy, item, args, retry_after=None):
    """Flask-Limiter's X-RateLimit-* and Retry-After for ``item`` under the key ``args``, as its
    ``after_request`` writes them (default header names).

    ``retry_after``: the answer's own Retry-After in seconds (a 503's); the later of the two wins."""
    return _headers(item, strategy.get_window_stats(item, *args), retry_after)


def _headers(item, window, retry_after=None):
    reset_at = int(window.reset_time + 1)
    headers = [("X-RateLimit-Limit", str(item.amount)), ("X-RateLimit-Remaining", str(window.remaining)),
               ("X-RateLimit-Reset", str(reset_at))]
    if retry_after is not None:
        reset_at = max(int(time.time() + int(retry_after)), reset_at)
    return headers + [("Retry-After", str(int(reset_at - time.time())))]


def checked_first(*route_limits):
    """The view under Flask-Limiter's ``route_limits``, their plain case judged here first.

    Flask-Limiter resolves, filters and evaluates a route's limits per request, then deducts
    and writes its headers after the response: ~400 µs of a submission's ~3 ms in-process
    (bench/README.md). Here the same limits, as the very ``RuntimeLimit`` objects Flask-Limiter
    builds from ``route_limits`` (the same keys, scopes, exemptions and costs, tested in sorted
    order on its own strategy and storage), are tested before the view and, after the response,
    charged by their own ``deduct_when`` and announced in the same headers
    (``charge_checked``). That is done only when every limit is charged on success alone and none
    is breached, with the shared storage answering. Anything else goes through Flask-Limiter's
    decorators untouched: a breach (its 429 and our sentence), the storage down (its in-memory
    fallback and its probe for recovery), the limiter disabled. A test charges nothing, so
    a request tested here and then handed on is not counted twice.

    Flask-Limiter's request filters (preflight, refused cross-site posts) act before any view
    runs, so they never reach this one.
    """
    def decorate(view):
        limited = view
        for route_limit in reversed(route_limits):
            limited = route_limit(limited)

        @functools.wraps(view)
        def checked(*args, **kwargs):
            checks = _plain_checks(route_limits)
            if checks is None:
                return limited(*args, **kwargs)
            g.limits_checked_here = checks
            return view(*args, **kwargs)
        return checked
    return decorate


def _plain_checks(route_limits):
    """[(deduct_when, Check)] tested and unbreached, or None to leave the request to Flask-Limiter."""
    strategy = limiter.limiter
    if not limiter.enabled or strategy.storage is not limiter.storage:  # disabled, or on the fallback
        return None
    endpoint, method = request.endpoint, request.method
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX", "")
    checks = []
    for runtime in sorted(itertools.chain.from_iterable(route_limits), key=lambda lim: lim.limit):
        if runtime.deduct_when is None or runtime.meta_limits:
            return None
        if runtime.is_exempt or runtime.method_exempt:
            continue
        key, scope = runtime.key_func(), runtime.scope_for(endpoint, method)
        if not (key and scope):
            return None
        checks.append((runtime.deduct_when, Check(runtime.limit, storage_key(prefix, key, scope),
                                                  runtime.deduction_amount, runtime.shared)))
    try:
        if not passes(strategy, [check for _, check in checks]):
            return None
    except Exception:  # noqa: BLE001 - the storage's failure is Flask-Limiter's to handle
        return None
    return checks


def charge_checked(response):
    """After a view of ``checked_first``: what Flask-Limiter's ``after_request`` does for its
    decorated limits. Each limit is charged when its ``deduct_when`` says so, then announced."""
    checks = g.pop("limits_checked_here", None)
    if not checks:
        return response
    charged = [check for deduct_when, check in checks if deduct_when(response)]
    for name, value in settle(limiter.limiter, charged, [check for _, check in checks],
                              response.headers.get("Retry-After"),
                              announce=current_app.config.get("RATELIMIT_HEADERS_ENABLED", False)):
        response.headers[name] = value
    return response


def settle_after_the_response(checks):
    """``checks``, tested before Flask dispatched (by the submission's fast path), settled after
    this request's response as ``checked_first``'s are: charged only if a comment was stored,
    announced in the headers either way."""
    g.limits_checked_here = [(stored_a_comment, check) for check in checks]


def init_app(app):
    app.after_request(charge_checked)
