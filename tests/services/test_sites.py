"""Sites: slugs refused rather than rewritten, origins on at most one site, changes audited."""
import pytest
from sqlalchemy import select

from moderation.errors import ServiceError
from moderation.extensions import db
from moderation.models import AuditEntry, Target
from moderation.services.sites import add_site, find_site, list_sites, origins_of, update_site

DEFAULT_ORIGINS = ["https://news.example.vn"]


def _add(slug="truong-a", origins=("https://truong-a.edu.vn",), name="Trường A"):
    return add_site(slug, name=name, origins=list(origins), actor=None, default_origins=DEFAULT_ORIGINS)


@pytest.mark.parametrize("slug", ["", "Truong", "trường", "a_b", "a b", "a" * 41, "a/b", "a.b"])
def test_a_slug_outside_the_rule_is_refused_not_rewritten(app, slug):
    with pytest.raises(ServiceError) as raised:
        _add(slug)
    assert raised.value.status == 400 and "slug" in raised.value.fields


@pytest.mark.parametrize("slug", ["a", "doan-thanh-nien", "0-9", "a" * 40])
def test_a_slug_within_the_rule_is_kept_as_typed(app, slug):
    assert _add(slug).slug == slug


def test_a_slug_already_used_is_refused(app):
    _add()
    with pytest.raises(ServiceError) as raised:
        _add(origins=["https://other.vn"])
    assert "slug" in raised.value.fields


def test_an_origin_of_another_site_is_refused(app):
    _add()
    with pytest.raises(ServiceError) as raised:
        _add("truong-b", origins=["https://truong-a.edu.vn"])
    assert "origin" in raised.value.fields


def test_an_origin_of_the_default_site_is_refused(app):
    with pytest.raises(ServiceError) as raised:
        _add(origins=["https://news.example.vn"])
    assert "origin" in raised.value.fields


@pytest.mark.parametrize("origin", ["truong-a.edu.vn", "ftp://truong-a.edu.vn", "https://truong-a.edu.vn/tin"])
def test_an_origin_that_is_not_scheme_and_host_is_refused(app, origin):
    with pytest.raises(ServiceError) as raised:
        _add(origins=[origin])
    assert "origin" in raised.value.fields


def test_the_default_sites_origins_are_allowed_origins(app):
    assert origins_of(find_site("default").id, DEFAULT_ORIGINS) == DEFAULT_ORIGINS


def test_sites_are_listed_default_first_with_their_origins(app):
    _add()
    assert [(s.slug, o) for s, o in list_sites(DEFAULT_ORIGINS)] == [
        ("default", DEFAULT_ORIGINS), ("truong-a", ["https://truong-a.edu.vn"])]


def test_an_unknown_site_is_a_404(app):
    with pytest.raises(ServiceError) as raised:
        find_site("khong-co")
    assert raised.value.status == 404


def test_creating_and_changing_a_site_is_audited(app):
    _add()
    update_site("truong-a", actor=None, default_origins=DEFAULT_ORIGINS, moderation="post")
    entries = db.session.execute(select(AuditEntry.action, AuditEntry.target_id)
                                 .where(AuditEntry.target_kind == Target.SITE).order_by(AuditEntry.id)).all()
    assert [(a.value, t) for a, t in entries] == [("site_create", "truong-a"), ("site_update", "truong-a")]
