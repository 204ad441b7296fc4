"""Word lists per site: the installation's lists screen every site, and a site's own additions
(both lists) screen that site only."""
import pytest
from sqlalchemy.exc import IntegrityError

from moderation.core.states import Action, Target
from moderation.extensions import db
from moderation.models import AuditEntry, Status, Tier, WordRule
from moderation.services.wordlists import Screener, replace_word_lists, word_lists
from tests.factories import make_site


@pytest.fixture
def site_b(app):
    return make_site().id


@pytest.mark.parametrize("body, on_b, on_default", [
    ("Thầy hiệu trưởng tham nhũng.", Status.REJECTED, Status.PENDING),  # B's banned term
    ("Trường này học phí cao.", Status.PENDING, Status.PENDING),        # B's suspect term (pre-moderated anyway)
    ("Đồ ngu.", Status.REJECTED, Status.REJECTED),                       # the installation's, on every site
])
def test_a_sites_terms_catch_on_that_site_only(site_b, make_comment, body, on_b, on_default):
    replace_word_lists(banned=["ngu"], actor=None)
    replace_word_lists(banned=["tham nhũng"], suspect=["học phí"], actor=None, site_id=site_b)
    assert make_comment("1", site_id=site_b, body=body).status == on_b
    assert make_comment("1", body=body).status == on_default


def test_a_sites_suspect_term_flags_there_and_not_elsewhere(site_b, make_comment):
    replace_word_lists(suspect=["học phí"], actor=None, site_id=site_b)
    on_b = make_comment("1", site_id=site_b, body="Học phí cao quá.")
    on_default = make_comment("1", body="Học phí cao quá.")
    assert [f["code"] for f in on_b.flags if f["code"].endswith("_word")] == ["suspect_word"]
    assert not [f for f in on_default.flags if f["code"].endswith("_word")]


def test_each_owner_keeps_its_own_lists(site_b):
    replace_word_lists(banned=["ngu"], actor=None)
    replace_word_lists(banned=["ngu", "dốt"], actor=None, site_id=site_b)
    replace_word_lists(banned=[], actor=None)
    assert word_lists() == {"banned": [], "suspect": []}
    assert word_lists(site_b) == {"banned": ["dốt", "ngu"], "suspect": []}


def test_the_installations_terms_stay_unique_though_nulls_are_distinct(site_b):
    replace_word_lists(banned=["ngu"], actor=None)
    db.session.add(WordRule(tier=Tier.BANNED, term="ngu", site_id=None))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(WordRule(tier=Tier.BANNED, term="ngu", site_id=site_b))
    db.session.commit()
    db.session.add(WordRule(tier=Tier.BANNED, term="ngu", site_id=site_b))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_sites_change_is_audited_with_the_site(site_b):
    replace_word_lists(banned=["tham nhũng"], actor=None, site_id=site_b)
    entry = db.session.query(AuditEntry).filter_by(action=Action.WORDS_SAVE).one()
    assert (entry.target_kind, entry.target_id) == (Target.WORD_LIST, "banned")
    assert entry.details == {"added": ["tham nhũng"], "removed": [], "total": 1, "site": "truong-b"}


def test_an_unknown_site_is_a_404(app):
    from moderation.errors import ServiceError
    with pytest.raises(ServiceError) as refused:
        replace_word_lists(banned=["ngu"], actor=None, site_id=999)
    assert refused.value.status == 404


def test_the_screen_compiles_each_site_once_per_version(app, site_b):
    replace_word_lists(banned=["ngu"], actor=None)
    screen = Screener()
    for _ in range(3):
        screen("chào", 1)
        screen("chào", site_b)
    assert screen.compiles == 2
    replace_word_lists(banned=["dốt"], actor=None, site_id=site_b)
    assert screen("đồ dốt", site_b)[1] == Status.REJECTED and screen("đồ dốt", 1)[1] is None
    assert screen.compiles == 4
