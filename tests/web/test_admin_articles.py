"""The admins' list of articles: title, link, counts, open or closed, mode, last comment;
searchable by title; each row links to its settings and its queue."""
from moderation.services.articles import list_articles, update_article
from moderation.services.settings import set_lockdown
from tests.moderators import admin, signed_in  # noqa: F401 (fixture)
from tests.factories import make_site


def test_the_list_shows_each_articles_counts_and_state(admin, make_comment):
    make_comment(article_id="bai-1", title="Giá xăng giảm", url="https://news.example.vn/gia-xang", status="approved")
    make_comment(article_id="bai-1")
    make_comment(article_id="bai-1")
    update_article("bai-1", moderation="post", actor=None)
    html = admin.get("/moderation/admin/articles").get_data(as_text=True)
    row = html.split('id="a-bai-1"')[1].split("</tr>")[0]
    assert 'href="https://news.example.vn/gia-xang"' in row and "Giá xăng giảm" in row
    assert "<td>1</td>" in row and '<a href="/moderation/?article=bai-1">2</a>' in row
    assert "Mở" in row and "Đăng ngay, duyệt sau" in row and "<time" in row
    assert 'href="/moderation/admin/settings?article_id=bai-1"' in row


def test_the_list_searches_by_title_fragment_or_id(app, make_comment):
    make_comment(article_id="bai-1", title="Giá xăng giảm")
    make_comment(article_id="bai-2", title="Bóng đá hôm nay")
    assert [a.id for a, _, _ in list_articles("xăng")[0]] == ["bai-1"]
    assert [a.id for a, _, _ in list_articles("bai-2")[0]] == ["bai-2"]


def test_the_list_pages_by_keyset(app, make_comment):
    for n in range(5):
        make_comment(article_id=f"bai-{n}")
    seen, cursor = [], None
    while True:
        rows, cursor = list_articles(limit=2, cursor=cursor)
        seen += [a.id for a, _, _ in rows]
        if cursor is None:
            break
    assert sorted(seen) == [f"bai-{n}" for n in range(5)] and len(seen) == 5


def test_a_locked_site_shows_every_article_closed(admin, make_comment):
    make_comment(article_id="bai-1")
    set_lockdown(True, actor=None)
    row = admin.get("/moderation/admin/articles").get_data(as_text=True).split('id="a-bai-1"')[1].split("</tr>")[0]
    assert "<td>Đóng" in row


def test_the_articles_page_is_for_admins(client):
    signed_in(client, "bientap", "moderator")
    assert client.get("/moderation/admin/articles").status_code == 403


def test_the_admin_menu_links_the_articles_page(admin):
    assert 'href="/moderation/admin/articles"' in admin.get("/moderation/admin/rules").get_data(as_text=True)


def test_two_sites_with_the_same_article_id_are_two_rows_each_with_its_own_pending_count(app, admin, make_comment):
    site_b = make_site()
    make_comment(article_id="123", title="Bài của trang chính")
    for _ in range(3):
        make_comment(article_id="123", site_id=site_b.id, title="Bài của trường B")
    html = admin.get("/moderation/admin/articles").get_data(as_text=True)
    mine = html.split('id="a-123"')[1].split("</tr>")[0]
    theirs = html.split('id="a-truong-b-123"')[1].split("</tr>")[0]
    assert '<a href="/moderation/?article=123">1</a>' in mine and "Bài của trang chính" in mine
    assert '<a href="/moderation/?article=123&amp;site=truong-b">3</a>' in theirs and "Trường B" in theirs
    assert 'href="/moderation/admin/settings?article_id=123&amp;site=truong-b"' in theirs
    only_b = admin.get("/moderation/admin/articles?site=truong-b").get_data(as_text=True)
    assert 'id="a-truong-b-123"' in only_b and 'id="a-123"' not in only_b


def test_the_list_pages_by_keyset_across_sites_sharing_ids(app, make_comment):
    site_b = make_site()
    for n in range(3):
        make_comment(article_id=f"bai-{n}")
        make_comment(article_id=f"bai-{n}", site_id=site_b.id)
    seen, cursor = [], None
    while True:
        rows, cursor = list_articles(limit=2, cursor=cursor)
        seen += [(a.site_id, a.id) for a, _, _ in rows]
        if cursor is None:
            break
    assert len(seen) == 6 and len(set(seen)) == 6


def test_an_articles_settings_are_saved_on_the_site_named_and_no_other(app, admin, make_comment):
    from moderation.services.articles import find_article
    site_b = make_site()
    make_comment(article_id="123")
    make_comment(article_id="123", site_id=site_b.id)
    page = admin.get("/moderation/admin/settings?article_id=123&site=truong-b").get_data(as_text=True)
    assert 'action="/moderation/admin/articles/123?site=truong-b"' in page
    response = admin.post("/moderation/admin/articles/123?site=truong-b", {"comments_open": "0", "moderation": "post"})
    assert response.status_code == 303 and response.headers["Location"].endswith("article_id=123&site=truong-b")
    assert find_article("123", site_b.id).comments_open is False
    assert find_article("123").comments_open is None


def test_an_unknown_site_on_the_articles_pages_is_the_404_page(admin):
    assert admin.get("/moderation/admin/articles?site=khong-co").status_code == 404
    assert admin.get("/moderation/admin/settings?article_id=1&site=khong-co").status_code == 404
