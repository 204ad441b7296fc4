"""Every statement of a thread page reads the comments through the article's own index, whatever
SQLite's statistics say: so the page costs the same at 10k and at 1M comments in the database.

The plans are SQLite's own (EXPLAIN QUERY PLAN of the statements the page really sends), under no
statistics and under those ANALYZE wrote on bench/thread.py's 1M file, where the replies' query
used to walk ix_comments_queue, every approved comment of the installation (428 ms a page).
"""
import pytest

from moderation.services.threads import thread_answer
from tests.sqlite_plans import STATS_1M, comment_statements, plan, use_statistics

pytestmark = pytest.mark.sqlite_only

# The index each statement on comments uses, in the order the page sends them: the page of
# top-level comments, their replies, and (the page holding no pick) whether the article has one.
# The old code walked ix_comments_queue for the replies and ix_comments_featured (the site's
# picks) for the last one.
EXPECTED = {
    ("oldest", "all"): ["ix_comments_thread", "ix_comments_parent", "ix_comments_thread"],
    ("newest", "all"): ["ix_comments_thread", "ix_comments_parent", "ix_comments_thread"],
    ("top", "all"): ["ix_comments_thread_top", "ix_comments_parent", "ix_comments_thread"],
    ("oldest", "featured"): ["ix_comments_thread", "ix_comments_thread"],  # no pick yet: no replies to read
}


def index_of(steps):
    """The one index the plan searches comments with; a scan or any other access fails the test."""
    searches = [step for step in steps if step.startswith(("SEARCH comments", "SCAN comments"))]
    assert len(searches) == 1 and searches[0].startswith("SEARCH comments USING "), steps
    return searches[0].split(" INDEX ")[1].split(" ")[0]


@pytest.fixture
def thread_with_replies(make_comment):
    tops = [make_comment(article_id="bai-1", status="approved") for _ in range(3)]
    for top in tops[:2]:
        make_comment(article_id="bai-1", status="approved", parent_id=top.id)
    make_comment(article_id="bai-khac", status="approved")


@pytest.mark.parametrize("stats", [None, STATS_1M], ids=["no statistics", "statistics of the 1M file"])
@pytest.mark.parametrize("sort, tab", list(EXPECTED))
def test_each_statement_of_a_page_uses_the_articles_own_index(app, thread_with_replies, stats, sort, tab):
    use_statistics(stats)
    sent = comment_statements(lambda: thread_answer("bai-1", {"sort": sort, "tab": tab}))
    assert [index_of(plan(statement, parameters)) for statement, parameters in sent] == EXPECTED[sort, tab]
