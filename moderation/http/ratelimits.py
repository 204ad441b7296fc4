"""What a comment submission is charged against its rate limits, and how long a refused reader waits.

Only a submission that stores a new comment is charged (Flask-Limiter's ``deduct_when``):
a reader who sends an empty or too long comment, or a browser retrying the same
``Idempotency-Key`` after a lost answer, has used up nothing. The limit is still tested
before the view runs, so a sender over the limit is refused before any work is done;
a retry of a comment already stored is exempt, so it gets its receipt back even then.
"""
import time

from flask import g

from moderation.extensions import limiter


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
