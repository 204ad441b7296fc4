"""Site-scoped reader paths: the same shapes, statuses and caching as today's, per site.

Two sites both have an article "123"; each path under /sites/<site> sees only its own site's,
today's unprefixed paths stay the default site's, and an unknown site is a JSON 404.
"""
import pytest

from tests.clients import validating_client
from tests.factories import make_site

SITE_A = "https://truong-a.edu.vn"
DEFAULT = "https://news.example.vn"


@pytest.fixture
def site_a(app):
    return make_site("truong-a").id


@pytest.fixture
def two_threads(site_a, make_comment):
    mine = make_comment("123", status="approved")
    theirs = [make_comment("123", status="approved", site_id=site_a) for _ in range(2)]
    return mine, theirs


def test_the_thread_of_an_article_is_its_sites(client, two_threads):
    mine, theirs = two_threads
    assert [c["id"] for c in client.get("/api/v1/articles/123/comments").get_json()["comments"]] == [mine.id]
    assert [c["id"] for c in client.get("/api/v1/sites/truong-a/articles/123/comments").get_json()["comments"]] == [
        t.id for t in theirs]


@pytest.mark.parametrize("fast_path", [True, False])
def test_counts_are_per_site_on_both_count_paths(make_app, two_threads, fast_path):
    client = validating_client(make_app(COUNTS_FAST_PATH=fast_path))
    assert client.get("/api/v1/counts?ids=123").get_json() == {"counts": {"123": 1}}
    assert client.get("/api/v1/sites/truong-a/counts?ids=123").get_json() == {"counts": {"123": 2}}
    assert client.get("/api/v1/sites/truong-a/articles/123/count").get_json() == {"article_id": "123", "count": 2}
    assert client.get("/api/v1/sites/default/articles/123/count").get_json() == {"article_id": "123", "count": 1}


def test_the_fast_path_answers_a_site_like_the_flask_view(make_app, two_threads):
    fast, slow = validating_client(make_app()), validating_client(make_app(COUNTS_FAST_PATH=False))
    for path in ("/api/v1/sites/truong-a/counts?ids=123,x", "/api/v1/sites/truong-a/articles/123/count"):
        for origin in (SITE_A, DEFAULT):
            answers = [c.get(path, headers={"Origin": origin}) for c in (fast, slow)]
            assert [(r.status_code, sorted(r.headers.items()), r.data) for r in answers][0] == \
                   [(r.status_code, sorted(r.headers.items()), r.data) for r in answers][1]


def test_the_etag_of_a_site_differs_from_the_same_batch_elsewhere(client, two_threads):
    assert (client.get("/api/v1/counts?ids=123").headers["ETag"]
            != client.get("/api/v1/sites/truong-a/counts?ids=123").headers["ETag"])


def test_a_comment_sent_to_a_sites_path_joins_that_sites_thread(client, site_a):
    r = client.post("/api/v1/sites/truong-a/articles/123/comments", json={"author": "An", "body": "Ý kiến hay"})
    assert r.status_code == 202
    assert client.get("/api/v1/articles/123/comments").get_json()["comments"] == []


@pytest.mark.parametrize("path", ["/api/v1/sites/khong-co/articles/123/comments",
                                  "/api/v1/sites/khong-co/articles/123/count",
                                  "/api/v1/sites/khong-co/counts?ids=123"])
def test_an_unknown_site_is_a_json_404(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "unknown_site"


def test_a_post_to_an_unknown_site_is_a_json_404(client):
    r = client.post("/api/v1/sites/khong-co/articles/123/comments", json={"author": "An", "body": "x"})
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "unknown_site"


def test_an_unknown_site_is_the_404_page_on_the_html_section(client):
    r = client.get("/sites/khong-co/articles/123/comments")
    assert r.status_code == 404 and r.mimetype == "text/html"


@pytest.mark.parametrize("path", ["/api/v1/sites/truong-a/counts?ids=123", "/api/v1/sites/truong-a/articles/123/count",
                                  "/api/v1/sites/truong-a/articles/123/comments"])
def test_a_sites_origin_may_read_its_sites_answers(client, site_a, path):
    assert client.get(path, headers={"Origin": SITE_A}).headers.get("Access-Control-Allow-Origin") == SITE_A


@pytest.mark.parametrize("path", ["/api/v1/sites/truong-a/counts?ids=123", "/api/v1/sites/truong-a/articles/123/count",
                                  "/api/v1/sites/truong-a/articles/123/comments"])
def test_the_default_sites_origin_gets_nothing_on_another_sites_paths(client, site_a, path):
    assert "Access-Control-Allow-Origin" not in client.get(path, headers={"Origin": DEFAULT}).headers


@pytest.mark.parametrize("path", ["/api/v1/counts?ids=123", "/api/v1/articles/123/count", "/api/v1/articles/123/comments"])
def test_another_sites_origin_gets_nothing_on_the_default_paths(client, site_a, path):
    assert "Access-Control-Allow-Origin" not in client.get(path, headers={"Origin": SITE_A}).headers


def test_a_preflight_from_a_sites_origin_is_allowed_on_its_paths_only(client, site_a):
    preflight = {"Origin": SITE_A, "Access-Control-Request-Method": "POST"}
    assert client.options("/api/v1/sites/truong-a/articles/1/comments", headers=preflight).headers.get(
        "Access-Control-Allow-Origin") == SITE_A
    assert "Access-Control-Allow-Origin" not in client.options("/api/v1/articles/1/comments", headers=preflight).headers


def test_a_post_from_another_sites_page_is_refused_as_cross_site(client, site_a):
    r = client.post("/api/v1/sites/truong-a/articles/1/comments", json={"author": "An", "body": "x"},
                    headers={"Origin": DEFAULT})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "cross_site"


def test_the_html_section_may_be_framed_by_its_sites_origins_only(client, site_a):
    policy = client.get("/sites/truong-a/articles/1/comments").headers["Content-Security-Policy"]
    assert SITE_A in policy and DEFAULT not in policy


@pytest.mark.parametrize("url, kept", [(SITE_A + "/tin/1", True), (DEFAULT + "/tin/1", False)])
def test_an_article_url_on_another_sites_origin_is_ignored(client, site_a, admin_token, url, kept):
    client.post("/api/v1/sites/truong-a/articles/moi/comments", json={"author": "An", "body": "Ý kiến", "url": url})
    got = client.get("/api/v1/sites/truong-a/articles/moi", headers=admin_token).get_json()["url"]
    assert got == (url if kept else None)


def test_the_cms_sets_a_sites_article_apart_from_the_defaults(client, site_a, admin_token):
    assert client.put("/api/v1/sites/truong-a/articles/123", headers=admin_token,
                      json={"comments_open": False}).status_code == 200
    assert client.get("/api/v1/sites/truong-a/articles/123", headers=admin_token).get_json()["comments_open"] is False
    assert client.get("/api/v1/articles/123", headers=admin_token).status_code == 404


def test_a_moderator_not_granted_a_site_gets_404_for_its_articles(client, site_a, admin_token, moderator_token):
    client.put("/api/v1/sites/truong-a/articles/123", headers=admin_token, json={"title": "Tin"})
    r = client.get("/api/v1/sites/truong-a/articles/123", headers=moderator_token)
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"


def test_the_html_sections_links_keep_the_site(client, site_a, make_comment):
    make_comment("123", status="approved", site_id=site_a)
    html = client.get("/sites/truong-a/articles/123/comments").get_data(as_text=True)
    assert 'action="/sites/truong-a/articles/123/comments' in html
