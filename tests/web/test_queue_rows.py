"""What a queue row tells the moderator: history keyed by what it counts, the parent of a reply,
banned words in the banned colour."""
from moderation.services.queue import quote
from moderation.services.threads import report_comment  # noqa: F401 (kept beside the other row facts)
from tests.moderators import moderator  # noqa: F401 (fixture)


def test_history_names_its_key_and_links_to_those_comments(client, moderator, make_comment):
    make_comment(email="an@example.vn", ip_hash="ip-nat", status="rejected")
    make_comment(ip_hash="ip-nat", status="approved")
    make_comment(email="an@example.vn", ip_hash="ip-nat")
    html = moderator.get("/moderation/").get_data(as_text=True)
    assert "Cùng email: 0 được duyệt, 1 bị từ chối" in html
    assert "Cùng địa chỉ IP: 1 được duyệt, 1 bị từ chối" in html
    assert 'href="/moderation/?tab=all&amp;email=an%40example.vn"' in html
    assert 'href="/moderation/?tab=all&amp;ip=ip-nat"' in html


def test_a_comment_without_email_shows_only_the_address_history(client, moderator, make_comment):
    make_comment(ip_hash="ip-x")
    html = moderator.get("/moderation/").get_data(as_text=True)
    assert "Cùng email" not in html and "Cùng địa chỉ IP: 0 được duyệt, 0 bị từ chối" in html


def test_the_history_links_list_that_submitters_comments(client, moderator, make_comment):
    mine = make_comment(email="an@example.vn")
    other = make_comment(email="binh@example.vn")
    html = moderator.get("/moderation/?tab=all&email=AN@example.vn").get_data(as_text=True)
    assert f'id="c{mine.id}"' in html and f'id="c{other.id}"' not in html
    html = moderator.get(f"/moderation/?tab=all&ip={other.ip_hash}").get_data(as_text=True)
    assert f'id="c{other.id}"' in html and f'id="c{mine.id}"' not in html


def test_a_reply_names_its_parents_author_and_quotes_it(client, moderator, make_comment):
    parent = make_comment(author="Trần Thị Bình", body="Nên bố trí thêm xe buýt vào giờ cao điểm buổi sáng và chiều "
                                                      "để người dân đi làm đỡ vất vả.", status="approved")
    make_comment(parent_id=parent.id, body="Đồng ý")
    html = moderator.get("/moderation/").get_data(as_text=True)
    assert "trả lời Trần Thị Bình: “Nên bố trí thêm xe buýt vào giờ cao điểm buổi sáng và chiều…”" in html


def test_a_quote_is_one_line_cut_at_a_word():
    assert quote("Ngắn gọn.") == "Ngắn gọn."
    assert quote("Dòng đầu\nDòng hai") == "Dòng đầu…"
    assert quote("một " * 30) == ("một " * 15).strip() + "…"


def test_banned_words_are_marked_in_the_banned_colour(client):
    css = client.get("/static/moderation.css").get_data(as_text=True)
    assert ".row .body mark.banned_word {" in css and "mark.banned," not in css


def test_a_full_row_has_no_vietnamese_left_in_english(client, make_comment):
    from tests.web.test_i18n import VIETNAMESE_LETTERS, compiled_catalogues  # noqa: F401 (builds the .mo files)
    from tests.moderators import signed_in
    parent = make_comment(author="Binh", body="Parent text", email="b@example.vn", status="approved")
    report_comment(parent.id, "spam", "ip-reporter")
    make_comment(author="An", body="Reply text", email="an@example.vn", parent_id=parent.id)
    session = signed_in(client, "quantri", "admin")
    client.set_cookie("lang", "en")
    for tab in ("pending", "reported", "all"):
        html = session.get(f"/moderation/?tab={tab}").get_data(as_text=True)
        assert not VIETNAMESE_LETTERS & set(html.lower()), tab
