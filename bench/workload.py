"""The no-loss workload: many readers submitting (half of them retrying with the same
Idempotency-Key, some retries racing the original) across instances, while moderators
approve through the API; then the checks that nothing was lost, doubled or miscounted.

Shared by tests/topology/test_no_loss.py (CI size) and bench/no_loss.py (full size).
"""
import itertools
import queue
import threading
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from bench.http_client import post

ARTICLES = [f"khong-mat-{n}" for n in range(8)]
POST_MODERATED = ARTICLES[:2]  # comments published at once: the count changes at submission too


@dataclass
class Submission:
    article: str
    body: str
    key: str | None
    race: bool
    answers: list = field(default_factory=list)  # (status, id or None) per request sent


@dataclass
class Result:
    submissions: list
    decisions: list  # (comment id, HTTP status, comment status, changed)


def _send(instance, sub, ip):
    headers = {"X-Forwarded-For": ip}
    if sub.key:
        headers["Idempotency-Key"] = sub.key
    try:
        response = post(f"{instance.url}/api/v1/articles/{sub.article}/comments",
                        {"author": "Bạn đọc", "body": sub.body}, headers=headers)
    except OSError as error:  # a lost answer is recorded, never a reason to stop the client
        sub.answers.append((type(error).__name__, None))
        return None
    comment_id = response.json().get("id") if response.status == 202 else None
    sub.answers.append((response.status, comment_id))
    return comment_id


def _client(n, plan, instances, decided):
    """One reader: its own IP; the first try on one instance, the retry on the other."""
    ip = f"10.{n // 250}.{n % 250}.{1 + n % 7}"
    for i, sub in enumerate(plan):
        first, other = instances[(n + i) % len(instances)], instances[(n + i + 1) % len(instances)]
        if sub.key and sub.race:
            racer = threading.Thread(target=_send, args=(other, sub, ip))
            racer.start()
            comment_id = _send(first, sub, ip)
            racer.join()
        else:
            comment_id = _send(first, sub, ip)
            if sub.key:
                _send(other, sub, ip)
        ids = {cid for _, cid in sub.answers if cid}
        for cid in ids or ([comment_id] if comment_id else []):
            decided.put(cid)


def _moderator(token, instances, decided, done, log):
    """Approve what readers got acknowledged; every id on two instances at once, every 7th rejected after."""
    auth = {"Authorization": f"Bearer {token}"}
    for n in itertools.count():
        try:
            cid = decided.get(timeout=0.2)
        except queue.Empty:
            if done.is_set():
                return
            continue
        answers = []
        threads = [threading.Thread(target=lambda inst=inst: answers.append(
            post(f"{inst.url}/api/v1/moderation/comments/{cid}/approve", headers=auth))) for inst in instances]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if n % 7 == 0:
            answers.append(post(f"{instances[n % len(instances)].url}/api/v1/moderation/comments/{cid}/reject",
                                headers=auth))
        for answer in answers:
            body = answer.json() if answer.status == 200 else {}
            log.append((cid, answer.status, body.get("status"), body.get("changed")))


def plan_submissions(total, clients):
    """``total`` submissions split over ``clients``: every other one keyed, and every other keyed one racing."""
    run = uuid.uuid4().hex[:8]
    plans = [[] for _ in range(clients)]
    for n in range(total):
        keyed = n % 2 == 0
        sub = Submission(article=ARTICLES[n % len(ARTICLES)], body=f"Ý kiến {run}-{n}: bài viết rất hay.",
                         key=f"{run}-{n}" if keyed else None, race=keyed and n % 4 == 0)
        plans[n % clients].append(sub)
    return plans


def run(instances, tokens, total=2000, clients=50):
    """Drive the workload to the end; returns every answer for ``check``."""
    plans = plan_submissions(total, clients)
    decided, done, log = queue.Queue(), threading.Event(), []
    moderators = [threading.Thread(target=_moderator, args=(token, instances, decided, done, log))
                  for token in tokens]
    readers = [threading.Thread(target=_client, args=(n, plan, instances, decided)) for n, plan in enumerate(plans)]
    for thread in moderators + readers:
        thread.start()
    for thread in readers:
        thread.join()
    done.set()
    for thread in moderators:
        thread.join()
    return Result([s for plan in plans for s in plan], log)


def problems(result, session):
    """Every way the stored state disagrees with what was acknowledged; empty when all holds."""
    from moderation.models import Article, Comment, Status

    found = []
    acked = defaultdict(set)  # body -> ids acknowledged for it
    for sub in result.submissions:
        statuses = Counter(status for status, _ in sub.answers)
        if set(statuses) != {202}:
            found.append(f"{sub.body}: answers {dict(statuses)}")
        acked[sub.body].update(cid for _, cid in sub.answers if cid)
        if len(acked[sub.body]) != 1:
            found.append(f"{sub.body}: acknowledged as {sorted(acked[sub.body])}")
    rows = session.execute(select(Comment.id, Comment.body_text).where(Comment.article_id.in_(ARTICLES))).all()
    stored = defaultdict(list)
    for cid, body in rows:
        stored[body].append(cid)
    for body, ids in acked.items():
        if sorted(ids) != sorted(stored.get(body, [])):
            found.append(f"{body}: acknowledged {sorted(ids)}, stored {sorted(stored.get(body, []))}")
    for body in stored.keys() - acked.keys():
        found.append(f"{body}: stored {stored[body]} but never acknowledged")
    approved = dict(session.execute(select(Comment.article_id, func.count()).where(
        Comment.status == Status.APPROVED, Comment.article_id.in_(ARTICLES)).group_by(Comment.article_id)).all())
    for article in session.execute(select(Article).where(Article.id.in_(ARTICLES))).scalars():
        if article.approved_count != approved.get(article.id, 0):
            found.append(f"{article.id}: count {article.approved_count}, approved {approved.get(article.id, 0)}")
    bad = [entry for entry in result.decisions if entry[1] != 200]
    found.extend(f"decision {entry} failed" for entry in bad[:20])
    return found
