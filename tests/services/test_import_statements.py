"""What one import batch sends to the database: a statement per kind of work, not one per article,
parent or round of replies (services/importrows). Counted with SQLAlchemy's cursor event, so the
figures do not depend on the machine."""
from collections import Counter

import pytest
from sqlalchemy import func, select, text

from moderation.core.sources import ArticleMap
from moderation.extensions import db
from moderation.models import Comment
from moderation.services.imports import import_file
from tests.cli.imports_helpers import counts_are_exact, reply_counts_are_exact
from tests.statements import sent_statements

HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'


def _disqus(tmp_path, threads, posts):
    """A Disqus export: ``threads`` article ids, ``posts`` of (id, thread, parent id or None)."""
    lines = [HEAD]
    lines += [f'<thread dsq:id="{t}"><id>bai-{t}</id><link>https://news.example.vn/bai-{t}.html</link>'
              f'<title>Bài {t}</title></thread>\n' for t in threads]
    for n, thread, parent in posts:
        parent_tag = f'<parent dsq:id="{parent}"/>' if parent else ""
        lines.append(f'<post dsq:id="{n}"><message><![CDATA[<p>Ý kiến số {n}</p>]]></message>'
                     f'<createdAt>2021-01-01T00:{n % 60:02d}:00Z</createdAt><isDeleted>false</isDeleted>'
                     f'<isSpam>false</isSpam><author><name>Bạn đọc {n}</name></author>'
                     f'<thread dsq:id="{thread}"/>{parent_tag}</post>\n')
    lines.append("</disqus>\n")
    path = tmp_path / "disqus.xml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _statements(app, path):
    """{(verb, table): driver calls} of importing ``path`` in one batch."""
    calls = Counter()

    with sent_statements() as sent:
        import_file("disqus", path, site="default", actor=None, hash_ip=str, article_map=ArticleMap(), batch=2000)
    for statement, _ in sent:
        words = statement.split()
        verb = words[0].upper()
        table = words[2] if verb in ("INSERT", "DELETE") else words[1] if verb == "UPDATE" else ""
        calls[(verb, table.strip('"'))] += 1
    return calls


def test_a_batch_moves_every_articles_count_in_one_statement(app, tmp_path):
    threads = range(1, 41)
    path = _disqus(tmp_path, threads, [(n, (n - 1) // 2 + 1, None) for n in range(1, 81)])
    calls = _statements(app, path)
    assert calls[("UPDATE", "articles")] == 1
    assert counts_are_exact()


def test_a_batch_recounts_its_parents_replies_in_one_statement(app, tmp_path):
    posts = [(n, 1, None) for n in range(1, 31)] + [(100 + n, 1, n) for n in range(1, 31)]
    calls = _statements(app, _disqus(tmp_path, [1], posts))
    assert calls[("UPDATE", "comments")] == 1
    assert reply_counts_are_exact()


@pytest.mark.postgresql
def test_on_postgresql_replies_to_replies_go_in_with_one_insert(app, tmp_path):
    # A chain five deep in one batch was five rounds, an INSERT each; the ids are reserved first now.
    posts = [(1, 1, None)] + [(n, 1, n - 1) for n in range(2, 7)] + [(7, 1, None)]
    calls = _statements(app, _disqus(tmp_path, [1], posts))
    assert calls[("INSERT", "comments")] == 1 and calls[("INSERT", "comment_sources")] == 1
    top = db.session.execute(select(Comment.id).where(Comment.parent_id.is_(None))).scalars().all()
    assert len(top) == 2
    assert db.session.execute(select(func.count()).where(Comment.parent_id == min(top))).scalar() == 5
    assert reply_counts_are_exact() and counts_are_exact()


@pytest.mark.postgresql
def test_on_postgresql_an_import_leaves_the_planner_statistics_of_its_tables(app, tmp_path):
    # Without them the source-id lookup read the whole (site, source) range of its index.
    path = _disqus(tmp_path, [1, 2, 3], [(n, n % 3 + 1, None) for n in range(1, 38)])
    _statements(app, path)
    reltuples = db.session.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'comment_sources'")).scalar()
    assert reltuples == 37
