"""No comment lost or duplicated: concurrent readers with distinct IPs, half of them retrying
with the same Idempotency-Key (some retries racing the original), across two instances, while
moderators approve on both instances at once. CI runs 1,000 submissions (50 clients, a quarter of
them racing retries), which keeps the PostgreSQL pass under 15 minutes; bench/no_loss.py
runs the same workload at full size."""
import os

import pytest

from moderation.services.articles import update_article
from moderation.extensions import db
from bench import workload

pytestmark = [pytest.mark.postgresql, pytest.mark.slow]

SUBMISSIONS = int(os.environ.get("NO_LOSS_SUBMISSIONS", 1000))
CLIENTS = int(os.environ.get("NO_LOSS_CLIENTS", 50))


def test_every_acknowledged_comment_is_stored_once_and_counts_add_up(app, start_instances, moderator_tokens):
    for article in workload.POST_MODERATED:
        update_article(article, actor=None, moderation="post")
    tokens = moderator_tokens(4)
    instances = start_instances(2, workers=2, DB_POOL_SIZE=8)

    result = workload.run(instances, tokens, total=SUBMISSIONS, clients=CLIENTS)

    db.session.remove()
    assert len(result.submissions) == SUBMISSIONS
    assert sum(1 for s in result.submissions if s.key and s.race) == SUBMISSIONS // 4
    assert {status for _, status, _, _ in result.decisions} == {200}
    assert workload.problems(result, db.session) == []
