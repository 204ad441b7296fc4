"""The admins' sites page: sites listed with origins and totals, created and edited (settings,
auto-close age, lock), moderators granted and revoked, every change audited, admins only;
and the word-filter page editing a chosen site's additions."""
import re

import pytest
from sqlalchemy import select

from moderation.core.states import Action
from moderation.extensions import db
from moderation.models import AuditEntry, Status
from moderation.services.accounts import create_moderator, find_moderator
from moderation.services.sites import find_site, granted_site_ids, origins_of, own_settings
from moderation.services.wordlists import word_lists
from tests.moderators import PASSWORD, admin, signed_in  # noqa: F401 (admin fixture)
from tests.factories import make_site

PAGES = ["/moderation/admin/sites", "/moderation/admin/sites/truong-b"]
POSTS = ["/moderation/admin/sites", "/moderation/admin/sites/truong-b", "/moderation/admin/sites/truong-b/grants",
         "/moderation/admin/sites/truong-b/grants/1/revoke"]


@pytest.fixture
def site_b(app):
    return make_site()


def _actions():
    return [e.action for e in db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


@pytest.mark.parametrize("path", PAGES)
def test_a_moderator_may_not_open_the_sites_pages(client, site_b, path):
    signed_in(client, "bientap", "moderator")
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", POSTS)
def test_a_moderator_may_not_change_sites(client, site_b, path):
    assert signed_in(client, "bientap", "moderator").post(path, {"slug": "x", "name": "X"}).status_code == 403
    assert find_site("truong-b").name == "Trường B"


def test_the_list_shows_each_sites_name_origins_and_totals(admin, site_b, make_comment):
    make_comment("1", site_id=site_b.id)
    make_comment("1", site_id=site_b.id)
    make_comment("1", site_id=site_b.id, status=Status.APPROVED)
    make_comment("1", status=Status.APPROVED)
    html = admin.get("/moderation/admin/sites").get_data(as_text=True)
    row = html[html.index('id="site-truong-b"'):]
    row = row[:row.index("</tr>")]
    assert "Trường B" in row and "https://truong-b.edu.vn" in row
    assert '<td data-total="pending">2</td>' in row and '<td data-total="approved">1</td>' in row
    default = html[html.index('id="site-default"'):]
    assert '<td data-total="pending">0</td>' in default[:default.index("</tr>")]


def test_an_admin_creates_a_site_audited(admin):
    r = admin.post("/moderation/admin/sites", {"slug": "truong-c", "name": "Trường C",
                                               "origin": "https://truong-c.edu.vn\nhttps://www.truong-c.edu.vn"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/moderation/admin/sites/truong-c")
    site = find_site("truong-c")
    assert origins_of(site.id, []) == ["https://truong-c.edu.vn", "https://www.truong-c.edu.vn"]
    assert Action.SITE_CREATE in _actions()


@pytest.mark.parametrize("slug", ["Truong-C", "trường-c", "a_b", "x" * 41])
def test_a_slug_outside_the_rule_is_refused_on_the_form(admin, slug):
    r = admin.post("/moderation/admin/sites", {"slug": slug, "name": "Trường C", "origin": "https://c.edu.vn"})
    assert r.status_code == 400
    assert "Mã trang" in r.get_data(as_text=True)
    assert Action.SITE_CREATE not in _actions()


def test_an_admin_edits_a_sites_settings_audited(admin, site_b):
    r = admin.post("/moderation/admin/sites/truong-b", {
        "name": "Trường B mới", "origin": "https://truong-b.edu.vn", "moderation": "post", "comments_open": "0",
        "close_after_days": "14", "lockdown": "y"})
    assert r.status_code == 303
    site = find_site("truong-b")
    assert site.name == "Trường B mới"
    assert own_settings(site) == {"moderation": "post", "comments_open": "0", "close_after_days": "14",
                                  "lockdown": "1"}
    assert Action.SITE_UPDATE in _actions()
    html = admin.get("/moderation/admin/sites/truong-b").get_data(as_text=True)
    assert 'value="14"' in html and re.search(r'<input checked id="lockdown"[^>]*type="checkbox"', html)


def test_blank_settings_follow_the_installation_again(admin, site_b):
    admin.post("/moderation/admin/sites/truong-b", {"name": "Trường B", "origin": "https://truong-b.edu.vn",
                                                    "moderation": "post", "close_after_days": "14", "lockdown": "y"})
    admin.post("/moderation/admin/sites/truong-b", {"name": "Trường B", "origin": "https://truong-b.edu.vn",
                                                    "moderation": "", "comments_open": "", "close_after_days": ""})
    assert own_settings(find_site("truong-b")) == {}


def test_a_bad_origin_is_shown_on_its_field_and_changes_nothing(admin, site_b):
    r = admin.post("/moderation/admin/sites/truong-b", {"name": "Đổi tên", "origin": "truong-b.edu.vn/duong-dan",
                                                        "moderation": "", "comments_open": ""})
    assert r.status_code == 400 and "https://ten-mien" in r.get_data(as_text=True)
    assert find_site("truong-b").name == "Trường B"


def test_an_admin_grants_and_revokes_a_moderator_audited(admin, site_b):
    create_moderator("truong", PASSWORD, "moderator", actor=None, sites=[])
    page = admin.get("/moderation/admin/sites/truong-b").get_data(as_text=True)
    assert '<option value="truong">truong</option>' in page
    assert admin.post("/moderation/admin/sites/truong-b/grants", {"username": "truong"}).status_code == 303
    moderator = find_moderator("truong")
    assert granted_site_ids(moderator) == {site_b.id}
    assert admin.post(f"/moderation/admin/sites/truong-b/grants/{moderator.id}/revoke").status_code == 303
    assert granted_site_ids(moderator) == set()
    assert [a for a in _actions() if a in (Action.SITE_GRANT, Action.SITE_REVOKE)] == [Action.SITE_GRANT,
                                                                                      Action.SITE_REVOKE]


def test_an_unknown_site_is_the_404_page(admin):
    assert admin.get("/moderation/admin/sites/khong-co").status_code == 404


def test_the_word_filter_page_edits_a_chosen_sites_additions(admin, site_b):
    admin.post("/moderation/admin/rules", {"banned": "ngu", "suspect": ""})
    r = admin.post("/moderation/admin/rules?site=truong-b", {"banned": "tham nhũng", "suspect": "học phí"})
    assert r.status_code == 303 and r.headers["Location"].endswith("/moderation/admin/rules?site=truong-b")
    assert word_lists() == {"banned": ["ngu"], "suspect": []}
    assert word_lists(site_b.id) == {"banned": ["tham nhũng"], "suspect": ["học phí"]}
    html = admin.get("/moderation/admin/rules?site=truong-b").get_data(as_text=True)
    assert "tham nhũng</textarea>" in html and '<option value="truong-b" selected>' in html
    assert admin.get("/moderation/admin/rules/banned.txt?site=truong-b").get_data(as_text=True) == "tham nhũng\n"


@pytest.mark.parametrize("site, on_b, on_default", [("truong-b", True, False), ("", True, True)])
def test_an_admin_bans_on_one_site_or_on_every_site(admin, site_b, site, on_b, on_default):
    from moderation.models import utcnow
    from moderation.services.bans import is_banned
    r = admin.post("/moderation/admin/bans", {"kind": "email", "value": "an@example.vn", "duration": "7",
                                              "site": site})
    assert r.status_code == 303
    assert is_banned("an@example.vn", "ip", utcnow(), site_b.id) is on_b
    assert is_banned("an@example.vn", "ip", utcnow(), 1) is on_default
    html = admin.get("/moderation/admin/bans").get_data(as_text=True)
    assert f"<td data-scope>{'Trường B' if site else 'Mọi trang'}</td>" in html


def test_a_moderator_granted_one_site_bans_from_the_queue_on_that_site_only(client, site_b, make_comment):
    from moderation.models import utcnow
    from moderation.services.bans import is_banned
    from tests.moderators import Session, login
    comment = make_comment("1", site_id=site_b.id, email="an@example.vn")
    create_moderator("truong", PASSWORD, "moderator", actor=None, sites=["truong-b"])
    assert login(client, "truong").status_code == 303
    r = Session(client, None).act(f"/moderation/comments/{comment.id}/ban", by_email="1", by_ip="")
    assert r.status_code == 200
    assert is_banned("an@example.vn", "ip", utcnow(), site_b.id) and not is_banned("an@example.vn", "ip", utcnow(), 1)


def _settings_form(**fields):
    return {"name": "Trường B", "origin": "https://truong-b.edu.vn", "moderation": "", "comments_open": "", **fields}


def test_an_admin_sets_a_sites_alert_thresholds_audited(admin, site_b):
    r = admin.post("/moderation/admin/sites/truong-b",
                   _settings_form(alert_pending_minutes="15", alert_pending_count="5"))
    assert r.status_code == 303
    site = find_site("truong-b")
    assert own_settings(site) == {"alert_pending_minutes": "15", "alert_pending_count": "5"}
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == Action.SITE_UPDATE)).scalar_one()
    assert entry.details["before"]["settings"] == {}
    assert entry.details["after"]["settings"] == {"alert_pending_minutes": "15", "alert_pending_count": "5"}
    assert entry.moderator_id == admin.moderator.id
    html = admin.get("/moderation/admin/sites/truong-b").get_data(as_text=True)
    assert re.search(r'<input id="alert_pending_minutes"[^>]*value="15"', html)
    assert re.search(r'<input id="alert_pending_count"[^>]*value="5"', html)


def test_blank_alert_thresholds_follow_the_installation(admin, site_b):
    from moderation.services.moderator_mail import DEFAULT_COUNT, DEFAULT_MINUTES
    admin.post("/moderation/admin/sites/truong-b", _settings_form(alert_pending_minutes="15", alert_pending_count="5"))
    assert admin.post("/moderation/admin/sites/truong-b",
                      _settings_form(alert_pending_minutes="", alert_pending_count="")).status_code == 303
    assert own_settings(find_site("truong-b")) == {}
    html = admin.get("/moderation/admin/sites/truong-b").get_data(as_text=True)
    assert f"theo cài đặt chung, {DEFAULT_MINUTES} phút" in html and f"{DEFAULT_COUNT} bình luận" in html


@pytest.mark.parametrize("field, value, sentence", [
    ("alert_pending_minutes", "0", "Số phút phải là số nguyên từ 1 đến 10.080 (7 ngày)."),
    ("alert_pending_minutes", "-5", "Số phút phải là số nguyên từ 1 đến 10.080 (7 ngày)."),
    ("alert_pending_minutes", "10081", "Số phút phải là số nguyên từ 1 đến 10.080 (7 ngày)."),
    ("alert_pending_minutes", "mười", "Vui lòng nhập một số nguyên, ví dụ 30."),
    ("alert_pending_count", "0", "Số bình luận phải là số nguyên từ 1 đến 100.000."),
    ("alert_pending_count", "100001", "Số bình luận phải là số nguyên từ 1 đến 100.000."),
    ("alert_pending_count", "2.5", "Vui lòng nhập một số nguyên, ví dụ 30."),
])
def test_an_alert_threshold_outside_its_range_is_refused_on_its_field(admin, site_b, field, value, sentence):
    r = admin.post("/moderation/admin/sites/truong-b", _settings_form(name="Đổi tên", **{field: value}))
    html = r.get_data(as_text=True)
    assert r.status_code == 400
    assert f'<span class="error" id="{field}-error">{sentence}</span>' in html
    assert find_site("truong-b").name == "Trường B" and own_settings(find_site("truong-b")) == {}
    assert Action.SITE_UPDATE not in _actions()
