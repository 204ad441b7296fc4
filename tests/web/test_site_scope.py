"""Moderators see and act only on the sites granted to them: another site's comment answers 404
exactly like a missing one on every action path (web and API), its rows and totals never show,
and an admin sees every site."""
import re

import pytest

from moderation.extensions import db
from moderation.models import Status
from moderation.services.accounts import create_moderator, find_moderator
from moderation.services.audit import AuditQuery, audit_log
from moderation.services.bans import create_ban
from moderation.services.sites import granted_site_ids, set_grants, update_site
from moderation.services.wordlists import replace_word_lists
from tests.moderators import PASSWORD, Session, login, signed_in
from tests.factories import make_site

MISSING = 2_000_000


@pytest.fixture
def site_b(app):
    return make_site().id


@pytest.fixture
def theirs(site_b, make_comment):
    """A pending comment of site B, with a report so "keep" has something to do."""
    return make_comment("123", site_id=site_b, body="Bình luận của trường B.")


@pytest.fixture
def mine(make_comment):
    return make_comment("123", body="Bình luận của trang chính.")


WEB_ACTIONS = [("approve", {}), ("reject", {"reason": "spam"}), ("unapprove", {}), ("keep", {}),
               ("edit", {"body": "Sửa lại."}), ("ban", {"by_email": "1", "by_ip": "1"})]


@pytest.mark.parametrize("action, data", WEB_ACTIONS, ids=[a for a, _ in WEB_ACTIONS])
def test_another_sites_comment_is_a_404_on_every_web_action_like_a_missing_one(client, theirs, action, data):
    moderator = signed_in(client)
    other = moderator.act(f"/moderation/comments/{theirs.id}/{action}", **data)
    missing = moderator.act(f"/moderation/comments/{MISSING}/{action}", **data)
    assert (other.status_code, other.get_json()) == (missing.status_code, missing.get_json())
    assert other.status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == Status.PENDING and theirs.body_text == "Bình luận của trường B."


def test_bulk_leaves_another_sites_comment_alone_as_if_missing(client, theirs, mine):
    moderator = signed_in(client)
    moderator.act("/moderation/bulk", action="approve", ids=[str(theirs.id), str(mine.id)])
    db.session.refresh(theirs)
    db.session.refresh(mine)
    assert (theirs.status, mine.status) == (Status.PENDING, Status.APPROVED)


@pytest.mark.parametrize("action", ["approve", "reject", "unapprove", "dismiss-reports"])
def test_another_sites_comment_is_a_404_on_every_api_action(client, theirs, moderator_token, action):
    other = client.post(f"/api/v1/moderation/comments/{theirs.id}/{action}", headers=moderator_token, json={})
    missing = client.post(f"/api/v1/moderation/comments/{MISSING}/{action}", headers=moderator_token, json={})
    assert other.status_code == missing.status_code == 404
    assert other.get_json() == missing.get_json()


def test_the_queue_shows_neither_another_sites_rows_nor_its_totals(client, theirs, mine):
    html = signed_in(client).get("/moderation/").get_data(as_text=True)
    assert "Bình luận của trang chính." in html and "Bình luận của trường B." not in html
    assert f'id="c{theirs.id}"' not in html  # (a bare "c2" can be inside the CSRF token)


def test_an_admin_sees_every_sites_rows(client, theirs, mine):
    html = signed_in(client, "quantri", "admin").get("/moderation/").get_data(as_text=True)
    assert "Bình luận của trang chính." in html and "Bình luận của trường B." in html


def test_an_admin_may_act_on_another_sites_comment(client, theirs):
    assert signed_in(client, "quantri", "admin").act(f"/moderation/comments/{theirs.id}/approve").status_code == 200


def test_a_moderator_granted_the_site_may_act_on_it(client, theirs):
    create_moderator("truong", PASSWORD, "moderator", actor=None, sites=["truong-b"])
    assert login(client, "truong").status_code == 303
    assert Session(client, None).act(f"/moderation/comments/{theirs.id}/approve").status_code == 200


def test_the_api_listing_names_each_items_site_and_keeps_to_the_tokens_scope(client, theirs, mine, moderator_token,
                                                                             admin_token):
    mine_only = client.get("/api/v1/moderation/comments", headers=moderator_token).get_json()["comments"]
    assert [(c["id"], c["site"]) for c in mine_only] == [(mine.id, "default")]
    everything = client.get("/api/v1/moderation/comments", headers=admin_token).get_json()["comments"]
    assert sorted((c["id"], c["site"]) for c in everything) == sorted([(mine.id, "default"), (theirs.id, "truong-b")])


def test_the_api_listing_filters_by_site(client, theirs, mine, admin_token):
    only_b = client.get("/api/v1/moderation/comments?site=truong-b", headers=admin_token).get_json()["comments"]
    assert [c["id"] for c in only_b] == [theirs.id]
    both = client.get("/api/v1/moderation/comments?site=truong-b&site=default", headers=admin_token).get_json()
    assert len(both["comments"]) == 2


def test_asking_for_a_site_not_granted_shows_nothing_of_it(client, theirs, moderator_token):
    answer = client.get("/api/v1/moderation/comments?site=truong-b", headers=moderator_token).get_json()
    assert answer["comments"] == []


def test_the_sites_a_token_may_act_on(client, site_b, moderator_token, admin_token):
    assert [s["slug"] for s in client.get("/api/v1/moderation/sites", headers=moderator_token).get_json()["sites"]] == [
        "default"]
    assert [s["slug"] for s in client.get("/api/v1/moderation/sites", headers=admin_token).get_json()["sites"]] == [
        "default", "truong-b"]


def test_the_audit_log_shows_a_moderator_nothing_of_another_sites_comments(client, theirs, mine):
    signed_in(client, "quantri", "admin").act(f"/moderation/comments/{theirs.id}/reject", reason="spam")
    create_moderator("bientap", PASSWORD, "moderator", actor=None)
    entries, _ = audit_log(AuditQuery(), sites=granted_site_ids(find_moderator("bientap")))
    assert theirs.id not in {e.comment_id for e in entries}
    everything, _ = audit_log(AuditQuery())
    assert theirs.id in {e.comment_id for e in everything}


def _totals(html):
    return dict(re.findall(r'data-total="(\w+)"[^>]*>([\d.]+)', html))


def test_the_queues_totals_count_only_the_moderators_sites(client, theirs, mine):
    assert _totals(signed_in(client).get("/moderation/").get_data(as_text=True))["pending"] == "1"


def test_an_admins_totals_count_every_site(client, theirs, mine):
    assert _totals(signed_in(client, "quantri", "admin").get("/moderation/").get_data(as_text=True))["pending"] == "2"


@pytest.mark.parametrize("needle", ["trường B", "truong b"])
def test_search_never_finds_another_sites_comment(app, client, theirs, mine, needle):
    html = signed_in(client).get("/moderation/", query_string={"q": needle, "tab": "all"}).get_data(as_text=True)
    assert "Bình luận của trường B." not in html and _totals(html)["all"] == "0"
    admin_client = app.test_client()
    signed_in(admin_client, "quantri", "admin")
    admin_html = admin_client.get("/moderation/", query_string={"q": needle, "tab": "all"}).get_data(as_text=True)
    assert "Bình luận của trường B." in admin_html and _totals(admin_html)["all"] == "1"


def test_the_submitters_history_counts_only_the_moderators_sites(client, site_b, make_comment):
    for _ in range(3):
        make_comment("9", site_id=site_b, email="an@example.vn", status=Status.REJECTED)
    make_comment("9", email="an@example.vn")
    assert "Cùng email: 0 được duyệt, 0 bị từ chối" in signed_in(client).get("/moderation/").get_data(as_text=True)


def test_asking_the_queue_for_a_site_not_granted_shows_nothing_of_it(client, theirs, mine):
    html = signed_in(client).get("/moderation/?site=truong-b").get_data(as_text=True)
    assert "Bình luận của trường B." not in html and "Bình luận của trang chính." not in html
    assert _totals(html)["pending"] == "0"


def test_undo_of_a_batch_leaves_a_site_revoked_since_alone(client, theirs, mine):
    moderator = create_moderator("hai-trang", PASSWORD, "moderator", actor=None, sites=["default", "truong-b"])
    assert login(client, "hai-trang").status_code == 303
    session = Session(client, moderator)
    session.act("/moderation/bulk", action="approve", ids=[f"{theirs.id}:pending", f"{mine.id}:pending"])
    set_grants(moderator, ["truong-b"], actor=None, grant=False)
    body = session.act("/moderation/undo").get_json()
    db.session.refresh(theirs)
    db.session.refresh(mine)
    assert (theirs.status, mine.status) == (Status.APPROVED, Status.PENDING)
    assert str(theirs.id) not in str(body)


def test_undo_with_only_a_revoked_sites_action_left_has_nothing_to_undo(client, theirs):
    moderator = create_moderator("hai-trang", PASSWORD, "moderator", actor=None, sites=["default", "truong-b"])
    assert login(client, "hai-trang").status_code == 303
    session = Session(client, moderator)
    session.act(f"/moderation/comments/{theirs.id}/approve")
    set_grants(moderator, ["truong-b"], actor=None, grant=False)
    assert session.act("/moderation/undo").status_code == 404
    db.session.refresh(theirs)
    assert theirs.status == Status.APPROVED


def test_the_log_page_shows_a_moderator_nothing_of_another_site(client, site_b, theirs, mine):
    admin = signed_in(client, "quantri", "admin")
    admin.act(f"/moderation/comments/{theirs.id}/reject", reason="spam")
    update_site("truong-b", name="Trường B (đổi tên)", actor=admin.moderator, default_origins=[])
    replace_word_lists(banned=["tham nhũng"], actor=admin.moderator, site_id=site_b)
    create_ban("email", "an@example.vn", actor=admin.moderator, site_id=site_b)
    everything = client.get("/moderation/log").get_data(as_text=True)
    assert f'href="/moderation/log?comment={theirs.id}"' in everything and "tham nhũng" in everything
    client.post("/moderation/logout", data={"csrf_token": admin.token})
    html = signed_in(client).get("/moderation/log").get_data(as_text=True)
    rows = html[html.index("<tbody"):]
    assert f"?comment={theirs.id}" not in rows and "tham nhũng" not in rows
    assert 'data-action="site_update"' not in rows and 'data-target="ban"' not in rows
    assert 'data-target="account"' in rows  # installation-wide entries stay


def test_the_log_filtered_on_another_sites_comment_is_like_a_missing_one(client, theirs):
    moderator = signed_in(client)
    other = moderator.get(f"/moderation/log?comment={theirs.id}")
    missing = moderator.get(f"/moderation/log?comment={MISSING}")
    assert other.status_code == missing.status_code
    assert "Bình luận của trường B." not in other.get_data(as_text=True)


def test_the_audit_api_is_an_admins_and_shows_every_site(client, theirs, moderator_token, admin_token):
    client.post(f"/api/v1/moderation/comments/{theirs.id}/reject", headers=admin_token, json={})
    assert client.get("/api/v1/moderation/audit", headers=moderator_token).status_code == 403
    entries = client.get("/api/v1/moderation/audit", headers=admin_token).get_json()["entries"]
    assert theirs.id in {int(e["target"]["id"]) for e in entries if e["target"]["kind"] == "comment"}


def test_the_queue_names_each_rows_site_and_filters_by_site_for_a_moderator_of_two(client, theirs, mine):
    create_moderator("hai-trang", PASSWORD, "moderator", actor=None, sites=["default", "truong-b"])
    assert login(client, "hai-trang").status_code == 303
    html = client.get("/moderation/").get_data(as_text=True)
    assert '<span class="site">Trường B</span>' in html and '<span class="site">default</span>' in html
    assert '<select id="site" name="site">' in html and "Tất cả trang của tôi" in html
    only_b = client.get("/moderation/?site=truong-b").get_data(as_text=True)
    assert "Bình luận của trường B." in only_b and "Bình luận của trang chính." not in only_b
    assert _totals(only_b)["pending"] == "1"


def test_a_moderator_of_one_site_sees_no_site_control_nor_names(client, theirs, mine):
    html = signed_in(client).get("/moderation/").get_data(as_text=True)
    assert 'name="site"' not in html and 'class="site"' not in html
