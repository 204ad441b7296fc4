"""Revision 0008 gives word lists an owner: every existing term stays the installation's, still
unique per list, and a site may then hold the same term as its own."""
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from tests.conftest import migrate
from tests.test_migration_0005 import _rows, empty_database_url  # noqa: F401  (fixture)


def test_existing_terms_become_the_installations_and_stay_unique(empty_database_url):  # noqa: F811
    migrate(empty_database_url, "upgrade", "0007")
    engine = create_engine(empty_database_url)
    with engine.begin() as conn:
        for rule_id, tier, term in ((1, "banned", "ngu"), (2, "suspect", "lừa đảo"), (3, "banned", "đồ chó")):
            conn.execute(text("INSERT INTO word_rules (id, tier, term, created_at)"
                              " VALUES (:id, :tier, :term, '2026-11-30 00:00:00')"),
                         {"id": rule_id, "tier": tier, "term": term})
        conn.execute(text("INSERT INTO sites (id, slug, name, created_at) VALUES (2, 'truong-b', 'Trường B',"
                          " '2026-11-30 00:00:00')"))
    migrate(empty_database_url, "upgrade", "0008")
    assert _rows(engine, "SELECT id, site_id, tier, term FROM word_rules ORDER BY id") == [
        (1, None, "banned", "ngu"), (2, None, "suspect", "lừa đảo"), (3, None, "banned", "đồ chó")]
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO word_rules (id, tier, term, created_at) VALUES (10, 'banned', 'ngu', '2026-12-01')"))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO word_rules (id, site_id, tier, term, created_at)"
                          " VALUES (11, 2, 'banned', 'ngu', '2026-12-01')"))
    engine.dispose()
