"""A submission never reads all of comments, whatever SQLite's statistics say.

comments.js sends an Idempotency-Key with every comment, and ``idempotency_key`` is NULL on
every imported or older comment, as ``email`` is on most: ANALYZE counts those NULLs as one
value, and SQLite took both indexes for useless. Looking the key up with the comment's article
joined, and asking ``ip_hash = ? OR email = ?`` for the first-time check, it scanned the table:
36 ms a submission at 100,000 comments (bench/submission_cost.py), ten times that at 1M.
"""
import pytest
from flask import current_app

from moderation.services.submissions import Policy, submit_comment
from tests.sqlite_plans import STATS_1M, comment_statements, plan, scans, use_statistics

pytestmark = pytest.mark.sqlite_only


def _submit(key, **fields):
    return submit_comment("bai-1", {"author": "Bạn đọc", "body": "Ý kiến có khóa gửi lại.", **fields},
                          ip_hash="ip-plan", policy=Policy.from_config(current_app.config),
                          idempotency_key=key, screen=current_app.extensions["comment_screen"])


@pytest.mark.parametrize("stats", [None, STATS_1M], ids=["no statistics", "statistics of the 1M file"])
@pytest.mark.parametrize("fields", [{}, {"email": "ban.doc@example.vn"}], ids=["no email", "with an email"])
def test_a_submission_and_its_retry_read_comments_through_indexes_only(app, make_comment, stats, fields):
    for n in range(3):
        make_comment(article_id="bai-1", status="approved")
    use_statistics(stats)
    first = comment_statements(lambda: _submit("khoa-cua-trinh-duyet-0001", **fields))
    retry = comment_statements(lambda: _submit("khoa-cua-trinh-duyet-0001", **fields))
    assert first and retry
    assert [scans(plan(sql, parameters)) for sql, parameters in first + retry] == [[]] * len(first + retry)
