"""One import's state between batches: which threads it has seen, the replies still waiting for a
parent, and the batch being rendered while the one before it is written.

A record goes into the current batch; a full batch goes to the text pool (``_hand_over``) and is
written when the next one is full, so parsing and writing overlap the workers' rendering; each
batch is still written and committed whole, in file order. Writing a batch (``flush``) applies
the source's changes to comments imported before, inserts the new ones with their parents, and
moves the counts, in one transaction; the statements are ``services.importrows``.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from moderation.core.emails import normalize_email
from moderation.core.sources import UNMAPPABLE, SourceArticle
from moderation.core.sources.prepare import prepare_one
from moderation.core.states import Flag, Status
from moderation.core.text import normalize_line
from moderation.core.times import utcnow
from moderation.extensions import db
from moderation.services import importrows as rows
from moderation.services.counts import add_approved, recount_replies
from moderation.services.driver_sql import on_postgresql


@dataclass
class Summary:
    articles: int = 0
    created: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    orphans: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_details(self):
        return {"articles": self.articles, "created": dict(self.created), "skipped": dict(self.skipped),
                "orphans": self.orphans, "updated": self.updated, "unchanged": self.unchanged}


def _ip_hash(hash_ip, ip):
    return hash_ip(ip) if ip else ""


def _email(raw, seen):
    """The stored form of ``raw``, or None; ``seen`` caches it per run, since readers come back
    (e-mail validation was 9 % of an import's time)."""
    if not raw:
        return None
    if raw not in seen:
        if len(seen) > 100_000:
            seen.clear()
        try:
            seen[raw] = normalize_email(raw)
        except ValueError:
            seen[raw] = None
    return seen[raw]


class ImportRun:
    def __init__(self, site, source, hash_ip, size, texts):
        self.site, self.source, self.hash_ip, self.size, self.texts = site, source, hash_ip, size, texts
        self.summary = Summary()
        self.threads, self.new_articles, self.known_articles = {}, [], set()
        self.batch, self.waiting, self.emails = [], defaultdict(list), {}
        self.pending, self.prepared = None, {}
        # PostgreSQL's statistics are refreshed when this run has written this many comments.
        self.analyze_at = 1

    def add(self, record):
        if isinstance(record, SourceArticle):
            self.threads[record.key] = record.article_id
            if record.article_id and record.article_id not in self.known_articles:
                self.known_articles.add(record.article_id)
                self.summary.articles += 1
                self.new_articles.append(record)
            return
        if record.status is None:
            self.summary.skipped[record.skip] += 1
            return
        article_id = self.threads.get(record.thread_key)
        if article_id is None:
            self.summary.skipped[UNMAPPABLE] += 1
            return
        self.batch.append((article_id, record))
        if len(self.batch) >= self.size:
            self._hand_over()

    def _hand_over(self):
        """Start rendering the current batch's new comments, then write the batch before it."""
        batch, self.batch = self.batch, []
        known = rows.known_sources(self.site.slug, self.source, (r.source_id for _, r in batch))
        fresh = [r for _, r in batch if r.source_id not in known]
        job = self.texts.submit([(r.markup, r.text, r.author, _email(r.email, self.emails)) for r in fresh])
        previous, self.pending = self.pending, (batch, fresh, job)
        if previous is not None:
            self._write_pending(previous)

    def _write_pending(self, pending):
        batch, fresh, job = pending
        self.prepared.update(zip((r.source_id for r in fresh), job.result()))
        self.flush(batch)

    def flush(self, batch, orphans=()):
        self._articles()
        deltas, parents = Counter(), set()
        fresh = self._existing(batch, deltas, parents)
        self._insert(fresh, deltas, orphans, parents)
        recount_replies(parents)
        add_approved(self.site.id, deltas)
        db.session.commit()
        self._keep_statistics()

    def _keep_statistics(self):
        """Refresh PostgreSQL's statistics after the first batch and each time this run's comments
        double: ~10 ANALYZEs for 1,000,000 comments, each reading a sample, not the table."""
        written = sum(self.summary.created.values())
        if written >= self.analyze_at:
            rows.analyze()
            db.session.commit()
            self.analyze_at = 2 * written

    def finish(self):
        self._hand_over()
        pending, self.pending = self.pending, None
        self._write_pending(pending)
        while self.waiting:
            waiting_ids = {r.source_id for items in self.waiting.values() for _, r in items}
            roots = [item for parent, items in self.waiting.items() if parent not in waiting_ids for item in items]
            if not roots:  # a cycle of parents in the file: break it at one comment
                roots = [next(iter(self.waiting.values()))[0]]
            for parent in {r.parent_source_id for _, r in roots}:
                self.waiting[parent] = [item for item in self.waiting[parent] if item not in roots]
                if not self.waiting[parent]:
                    del self.waiting[parent]
            self.flush(roots, orphans={r.source_id for _, r in roots})

    def _articles(self):
        if not self.new_articles:
            return
        present = rows.present_articles(self.site.id, [a.article_id for a in self.new_articles])
        new, labels = [], []
        for record in self.new_articles:
            title = normalize_line(record.title)[:300] if record.title else None
            url = record.url if record.url and len(record.url) <= 2000 else None
            if record.article_id not in present:
                new.append({"site_id": self.site.id, "id": record.article_id, "title": title, "url": url,
                            "approved_count": 0, "created_at": utcnow()})
            elif present[record.article_id] == (None, None):
                labels.append((record.article_id, title, url))
        rows.insert_articles(new)
        rows.set_article_labels(self.site.id, labels)
        self.new_articles = []

    def _existing(self, batch, deltas, parents):
        """Apply status and like changes to comments imported before; return the ones not yet
        imported. The parents whose approved replies may have changed are added to ``parents``."""
        known = rows.known_sources(self.site.slug, self.source, (r.source_id for _, r in batch))
        fresh, statuses, likes = [], [], []
        for article_id, record in batch:
            if record.source_id not in known:
                fresh.append((article_id, record))
                continue
            comment_id, parent_id, stored_article, status, stored_likes = known[record.source_id]
            # Children that arrived before this (already imported) parent can go in now.
            fresh.extend(self.waiting.pop(record.source_id, []))
            if stored_likes != record.likes:
                likes.append((comment_id, stored_likes, record.likes))
            if status == record.status:
                self.summary.unchanged += 1
                continue
            statuses.append((comment_id, record.status))
            deltas[stored_article] += (record.status == Status.APPROVED) - (status == Status.APPROVED)
            if parent_id is not None:
                parents.add(parent_id)
            self.summary.updated += 1
        rows.set_imported_likes(likes)
        rows.set_statuses(statuses, utcnow())
        return fresh

    def _insert(self, fresh, deltas, orphans, touched):
        """Insert whatever has its parent (or none), then their children, and so on; what is left
        waits for a parent from a later batch. On SQLite each round is written before the next
        (its ids come from the insert); on PostgreSQL the ids are reserved first and every round
        goes in one statement."""
        parents = rows.known_sources(self.site.slug, self.source,
                                     {r.parent_source_id for _, r in fresh if r.parent_source_id})
        rounds = self._rounds(fresh, set(parents), orphans)
        if not rounds:
            return
        if on_postgresql():
            ids = iter(rows.reserve_comment_ids(sum(len(ready) for ready in rounds)))
            written = []
            for ready in rounds:
                made = [self._row(article_id, record, parents, record.source_id in orphans, next(ids))
                        for article_id, record in ready]
                parents.update(self._remember(made, ready, deltas, touched))
                written.extend(zip(made, ready))
            rows.insert_comments([row for row, _ in written])
            rows.insert_sources(self.site.slug, self.source, [(r.source_id, row["id"]) for row, (_, r) in written])
            return
        for ready in rounds:
            made = [self._row(article_id, record, parents, record.source_id in orphans) for article_id, record in ready]
            for row, comment_id in zip(made, rows.insert_comments(made)):
                row["id"] = comment_id
            rows.insert_sources(self.site.slug, self.source, [(r.source_id, row["id"]) for row, (_, r) in zip(made, ready)])
            parents.update(self._remember(made, ready, deltas, touched))

    def _rounds(self, fresh, available, orphans):
        """``fresh`` in rounds, each item's parent in ``available`` (already written) or in an
        earlier round; the items left over wait in ``self.waiting`` for their parent."""
        rounds = []
        while fresh:
            ready, later = [], []
            for item in fresh:
                parent = item[1].parent_source_id
                (ready if not parent or parent in available or item[1].source_id in orphans else later).append(item)
            if not ready:
                break
            rounds.append(ready)
            available.update(r.source_id for _, r in ready)
            fresh = later + [child for _, r in ready for child in self.waiting.pop(r.source_id, [])]
        for item in fresh:
            self.waiting[item[1].parent_source_id].append(item)
        return rounds

    def _row(self, article_id, record, parents, orphan, comment_id=None):
        parent_id, flags = None, list(record.flags)
        if record.parent_source_id and not orphan:
            parent = parents[record.parent_source_id]
            if parent[2] == article_id:
                parent_id = parent[1] or parent[0]
            else:
                orphan = True
        if orphan:
            flags.append({"code": Flag.ORPHAN.value})
            self.summary.orphans += 1
        email = _email(record.email, self.emails)
        prepared = self.prepared.pop(record.source_id, None)
        author, body, html, search, fingerprint = prepared or prepare_one(record.markup, record.text, record.author, email)
        when = record.created_at or utcnow()
        row = {"site_id": self.site.id, "article_id": article_id, "parent_id": parent_id, "author": author, "email": email,
               "body_text": body, "body_html": html, "search_text": search,
               "status": record.status, "flags": flags, "ip_hash": _ip_hash(self.hash_ip, record.ip),
               "fingerprint": fingerprint, "idempotency_key": None,
               "report_count": 0, "likes": record.likes, "imported_likes": record.likes, "created_at": when,
               "updated_at": when, "moderated_at": None, "moderated_by_id": None}
        if comment_id is not None:
            row = {"id": comment_id, **row}
        return row

    def _remember(self, made, ready, deltas, touched):
        """Count the written rows; {source id: (comment id, parent id, article id, status, likes)} of them,
        the shape ``known_sources`` gives, so their children find them."""
        written = {}
        for row, (_, record) in zip(made, ready):
            self.summary.created[record.status.value] += 1
            if record.status == Status.APPROVED:
                deltas[row["article_id"]] += 1
                if row["parent_id"] is not None:
                    touched.add(row["parent_id"])
            written[record.source_id] = (row["id"], row["parent_id"], row["article_id"], record.status, record.likes)
        return written
